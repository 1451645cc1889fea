import { Interface } from "ethers";

import { komunoErrorSignatures } from "../abi/generated/signatures.js";
import { formatAmount } from "../amounts.js";
import { ContractRevertError, RpcError, TransactionFailedError, BaseError } from "../errors.js";
import { roleName } from "./roles.js";

// Every custom error of our contracts and libraries (the build collects them from every artifact).
const komunoErrors = new Interface(komunoErrorSignatures);
const komunoSelectors = new Set<string>();
komunoErrors.forEachError((fragment) => komunoSelectors.add(fragment.selector));
const KINDS = ["none", "person", "business", "association"];
const STATUSES = ["not admitted", "active", "frozen", "closed"];
const RECONVERSION_STATUSES = ["unknown", "pending", "settled", "rejected"];
const PAYMENT_REQUEST_STATUSES = ["unknown", "open", "paid", "rejected", "cancelled"];
// Seconds since 1970 as a date; a value too large for a date (e.g. "never": 2^256 - 1) as itself.
const when = (seconds: unknown) =>
  Number(seconds) < 8.64e12 ? new Date(Number(seconds) * 1000).toISOString() : `${seconds} (Unix time)`;
// The contracts count cents; people read euros ("12.50"), as everywhere else in Komuno.
const euros = (cents: unknown) => (typeof cents === "bigint" ? formatAmount(cents) : String(cents));

/** Plain-language reasons for the contract's custom errors. */
const EXPLANATIONS: Record<string, (a: Record<string, any>) => string> = {
  AccountNotActive: (a) => `account ${a.account} is ${STATUSES[Number(a.status)]}`,
  AccountAlreadyAdmitted: (a) => `account ${a.account} was already admitted (${STATUSES[Number(a.status)]})`,
  AccountNotFrozen: (a) => `account ${a.account} is ${STATUSES[Number(a.status)]}, not frozen`,
  AccountNotEmpty: (a) => `account ${a.account} still holds ${euros(a.balance)}`,
  InvalidAccount: (a) => `${a.account} cannot be a member`,
  InvalidAccountKind: () => "the account kind must be person, business or association",
  FeeAccountMustStayOpen: (a) =>
    `${a.account} is the fee account: name another one (reconversion policy) before closing or migrating it`,
  MigrationNotProposed: (a) => `${a.oldAccount} did not propose to move to ${a.newAccount}`,
  MissingReason: () => "a reason is required",
  DepositAlreadyMinted: (a) => `deposit ${a.depositRef} was already minted`,
  MissingDepositRef: () => "a deposit reference is required",
  MintAllowanceExceeded: (a) => `treasurer ${a.treasurer} may mint ${euros(a.allowance)}, not ${euros(a.amount)}`,
  EmptyBatch: () => "the batch is empty",
  ReserveExceeded: (a) =>
    `supply would reach ${euros(a.supplyAfterMint)}, above the reserve ${euros(a.attestedReserve)} + headroom ${euros(a.headroom)}`,
  AttestationExpired: (a) => `the last reserve attestation is ${a.age} s old (maximum ${a.maxAge} s)`,
  NoAttestation: () => "no reserve was ever attested",
  AttestationInFuture: (a) => `the attestation date ${when(a.asOf)} is in the future`,
  AttestationOutOfOrder: (a) => `the attestation date ${when(a.asOf)} is before the last one (${when(a.lastAsOf)})`,
  MissingEvidence: () => "an evidence hash is required",
  ReconversionNotAllowed: (a) => `a ${KINDS[Number(a.kind)]} account may not reconvert`,
  ReconversionNotPending: (a) => `reconversion #${a.id} is ${RECONVERSION_STATUSES[Number(a.status)]}`,
  ReferenceAlreadyUsed: (a) => `reference ${a.ref} was already used`,
  MissingReference: () => "a reference is required",
  MissingRejectionReason: () => "a reason is required",
  CommissionTooHigh: (a) => `a commission of ${a.commissionBps} basis points is above 100 %`,
  FeeAccountRequired: () => "a commission or a payment fee needs a fee account",
  PaymentBetweenKindsForbidden: (a) =>
    `a ${KINDS[Number(a.fromKind)]} account may not pay a ${KINDS[Number(a.toKind)]} account`,
  FeeTooHigh: (a) =>
    `a fee of ${a.feeBps} basis points on payments to ${KINDS[Number(a.recipientKind)]} accounts is above the maximum (500, 5 %)`,
  AuthorizationValidityTooLong: (a) =>
    `the authorization is valid from ${when(a.validAfter)} to ${when(a.validBefore)}: more than ${a.maxValidity} s`,
  RecoveryAlreadyPending: (a) =>
    `a recovery of ${a.lostAccount} to ${a.replacement} is already pending: cancel it first`,
  RecoveryNotPending: (a) => `no recovery of ${a.lostAccount} is pending`,
  MemberMoveNotYetExecutable: (a) =>
    `the move waits its public delay: it can be carried out from ${when(a.executableAt)} (chain time ${when(a.currentTime)})`,
  MemberMoveDelayTooLong: (a) => `a delay of ${a.delay} s is longer than the maximum ${a.maxDelay} s (30 days)`,
  GovernorHandoverIsTwoStep: () =>
    "the governor role changes hands in two steps: propose the new governor, who accepts",
  GovernorNotProposed: (a) => `${a.account} was not proposed as governor`,
  AccountNotMigrated: (a) => `${a.oldAccount} did not migrate to a new key`,
  CreditFloorRaiseNotPending: (a) => `no raise of the credit floor of ${a.account} is waiting`,
  TimelockUnexpectedOperationState: (a) =>
    `governance operation ${a.operationId} is not in the expected state (not scheduled, still waiting its delay, or already done)`,
  TimelockInsufficientDelay: (a) => `a delay of ${a.delay} s is shorter than the governance delay ${a.minDelay} s`,
  TimelockUnauthorizedCaller: (a) => `${a.caller} may not change the timelock itself`,
  AuthorizationNotYetValid: (a) => `the authorization is valid only after ${when(a.validAfter)}`,
  AuthorizationExpired: (a) => `the authorization expired at ${when(a.validBefore)}`,
  AuthorizationAlreadyUsed: (a) => `the authorization ${a.nonce} of ${a.authorizer} was already used or cancelled`,
  InvalidAuthorizationSigner: (a) =>
    `the authorization is signed by ${a.signer}, not by ${a.authorizer} (another currency, chain or amount?)`,
  CallerNotPayee: (a) => `only the payee ${a.payee} may submit this authorization, not ${a.caller}`,
  ECDSAInvalidSignature: () => "the signature is not valid",
  ECDSAInvalidSignatureS: () => "the signature is not valid (high s)",
  EnforcedPause: () => "the currency is paused",
  ExpectedPause: () => "the currency is not paused",
  ZeroAmount: () => "the amount must be more than zero",
  AmountTooLarge: (a) => `${euros(a.amount)} is more than the ledger can hold`,
  LastGovernor: () => "the last governor cannot leave",
  ERC20InsufficientBalance: (a) => `${a.sender} holds ${euros(a.balance)}, ${euros(a.needed)} needed`,
  ERC20InsufficientAllowance: (a) => `${a.spender} may spend ${euros(a.allowance)}, ${euros(a.needed)} needed`,
  InvalidCurrency: (a) => `${a.currency ?? a.localCurrency} is not a currency address`,
  CreditLimitsTooLarge: (a) =>
    `credit limits ${euros(a.floor)} / ${euros(a.ceiling)} are above the maximum (${euros(2n ** 64n - 1n)})`,
  CreditToSelf: (a) => `${a.account} cannot pay themselves in credit`,
  CreditFloorExceeded: (a) =>
    `${a.account} has a credit balance of ${euros(a.balance)} and may go down to -${euros(a.floor)}: paying ${euros(a.amount)} is too much`,
  CreditCeilingExceeded: (a) =>
    `${a.account} has a credit balance of ${euros(a.balance)} and may go up to ${euros(a.ceiling)}: receiving ${euros(a.amount)} is too much`,
  CreditAccountNotMovable: (a) =>
    `the credit account of ${a.account} cannot be moved: it is ${STATUSES[Number(a.status)]} (only frozen or closed ones move)`,
  CreditAccountInUse: (a) =>
    `${a.account} already has a credit account (balance ${euros(a.balance)}, limits -${euros(a.floor)} / ${euros(a.ceiling)})`,
  CreditMoveNotProposed: (a) => `no move of the credit account of ${a.from} to ${a.to} was proposed`,
  MissingMoveReason: () => "a reason is required",
  InvalidDelegate: (a) => `${a.delegate} cannot be a delegate of ${a.owner}`,
  InvalidDelegationCaps: (a) =>
    `caps of ${euros(a.perPaymentCap)} per payment and ${euros(a.totalCap)} in all are invalid (per payment above zero; total zero or at least that)`,
  DelegationCapTooLarge: (a) => `a cap of ${euros(a.cap)} is above the maximum of ${euros(a.max)}`,
  InvalidDelegationExpiry: (a) =>
    `the expiry ${when(a.expiresAt)} is not after the chain's time ${when(a.currentTime)}`,
  DelegationNotFound: (a) => `${a.owner} gave ${a.delegate} no delegation`,
  DelegationExpired: (a) => `the delegation of ${a.owner} to ${a.delegate} expired at ${when(a.expiresAt)}`,
  DelegationPaymentCapExceeded: (a) =>
    `${a.delegate} may pay at most ${euros(a.perPaymentCap)} per payment for ${a.owner}, not ${euros(a.amount)}`,
  DelegationTotalCapExceeded: (a) =>
    `${a.delegate} already paid ${euros(a.spent)} of ${euros(a.totalCap)} for ${a.owner}; ${euros(a.amount)} more is too much`,
  RequestReferenceUsed: (a) => `request #${a.id} was already made under this reference`,
  SafeCastOverflowedUintDowncast: (a) => `${a.value} does not fit ${a.bits} bits`,
  SafeERC20FailedOperation: (a) => `the token ${a.token} refused the transfer`,
  ERC20InvalidReceiver: (a) => `${a.receiver} cannot receive the currency`,
  RequestNotOpen: (a) => `payment request #${a.id} is ${PAYMENT_REQUEST_STATUSES[Number(a.status)]}`,
  NotRequestPayer: (a) => `${a.caller} is not the payer of payment request #${a.id}`,
  NotRequester: (a) => `${a.caller} did not make payment request #${a.id}`,
  RequestExpired: (a) => `payment request #${a.id} expired at ${when(a.expiresAt)}`,
  FeeRaisedSinceRequest: (a) =>
    `the fee on payments to the requester rose from ${a.feeBpsAtRequest} to ${a.feeBpsNow} basis points since ` +
    `payment request #${a.id} was made: the requester must ask again`,
  InvalidExpiry: (a) => `the expiry ${when(a.expiresAt)} is not in the future (chain time ${when(a.currentTime)})`,
  MemoTooLong: (a) => `the memo is ${a.length} bytes, at most ${a.max} allowed`,
  InvalidPayer: (a) => `${a.payer} cannot be asked to pay (zero address, or the requester itself)`,
  ERC2612InvalidSigner: (a) => `the permit was signed by ${a.signer}, not ${a.owner}`,
  ERC2612ExpiredSignature: (a) => `the permit expired at ${when(a.deadline)}`,
  AccessControlUnauthorizedAccount: (a) =>
    `${a.account} does not hold the role this needs: ${roleName(String(a.neededRole))}`,
  AccessControlBadConfirmation: () => "a role can only be renounced by its holder, confirming their own address",
  RecoveryProposerRevoked: (a) =>
    `the recovery of ${a.lostAccount} was proposed by ${a.proposer}, who is no longer a member manager: it is void`,
  InvalidReconversionKinds: (a) =>
    `the reconversion kinds mask ${a.allowedKinds} is invalid (only person, business and association may be allowed)`,
  TimelockInvalidOperationLength: (a) =>
    `the governance batch has ${a.targets} targets, ${a.payloads} call data and ${a.values} values: they must match`,
  TimelockUnexecutedPredecessor: (a) => `governance operation ${a.predecessorId} must be executed first`,
  ERC20InvalidApprover: (a) => `${a.approver} cannot grant an allowance`,
  ERC20InvalidSender: (a) => `${a.sender} cannot send the currency`,
  ERC20InvalidSpender: (a) => `${a.spender} cannot be given an allowance`,
  InvalidAccountNonce: (a) => `the permit's nonce is not the next one of ${a.account} (expected ${a.currentNonce})`,
  ECDSAInvalidSignatureLength: (a) => `the signature is ${a.length} bytes long, not 65`,
  CheckpointUnorderedInsertion: () => "the reserve history cannot be written out of time order",
  AddressEmptyCode: (a) => `${a.target} holds no contract`,
  FailedCall: () => "an inner call failed",
  ERC1967InvalidImplementation: (a) => `${a.implementation} is not an upgradeable currency implementation`,
  ERC1967NonPayable: () => "the upgrade must not send ether",
  UUPSUnauthorizedCallContext: () => "the implementation must be called through the currency's proxy",
  UUPSUnsupportedProxiableUUID: (a) => `the new implementation answers an unknown proxiable id ${a.slot}`,
  InvalidInitialization: () => "the currency is already initialised at this version",
  NotInitializing: () => "this may only run while the currency is being initialised",
};

/**
 * Turns revert data (the bytes a node returns for a refused call) into the typed error, with its arguments
 * and the reason in plain words; undefined when the data is not one of Komuno's errors. For code that talks to
 * the contracts without the SDK (viem, ethers, another wallet).
 * @example
 * const error = decodeKomunoError("0xc0e9708f…", "Payment");
 * error?.errorName; // "AccountNotActive"
 * error?.shortMessage; // "Payment refused: account 0x… is frozen"
 */
export function decodeKomunoError(data: string, operation = "The transaction"): ContractRevertError | undefined {
  return decodeRevert(data, operation, undefined);
}

function decodeRevert(data: string, operation: string, cause: unknown): ContractRevertError | undefined {
  let parsed;
  try {
    // Only our own errors: ethers would also decode Solidity's Error(string) and Panic(uint256).
    if (!komunoSelectors.has(data.slice(0, 10).toLowerCase())) return undefined;
    parsed = komunoErrors.parseError(data);
  } catch {
    return undefined;
  }
  if (parsed === null) return undefined;
  const args: Record<string, unknown> = {};
  parsed.fragment.inputs.forEach((input, i) => (args[input.name || String(i)] = parsed.args[i]));
  const explain = EXPLANATIONS[parsed.name] ?? (() => parsed.name);
  return new ContractRevertError(operation, parsed.name, args, explain(args), cause);
}

/** Turns whatever ethers threw into a typed Komuno error: a decoded revert, an RPC failure, or a failure. */
export function toKomunoError(error: unknown, operation: string, url?: string): BaseError {
  if (error instanceof BaseError) return error;
  const data = findRevertData(error);
  if (data !== undefined) {
    const decoded = decodeRevert(data, operation, error);
    if (decoded !== undefined) return decoded;
  }
  if (isTransportFailure(error)) return new RpcError(operation, url, error);
  return new TransactionFailedError(operation, error);
}

function findRevertData(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { data?: unknown; info?: { error?: unknown }; error?: unknown; cause?: unknown };
    if (typeof candidate.data === "string" && /^0x[0-9a-fA-F]{8}/.test(candidate.data)) return candidate.data;
    if (typeof candidate.data === "object" && candidate.data !== null) {
      const nested = (candidate.data as { data?: unknown }).data;
      if (typeof nested === "string" && /^0x[0-9a-fA-F]{8}/.test(nested)) return nested;
    }
    current = candidate.info?.error ?? candidate.error ?? candidate.cause;
  }
  return undefined;
}

function isTransportFailure(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code === "NETWORK_ERROR" || code === "TIMEOUT" || code === "SERVER_ERROR") return true;
  const text = String((error as Error)?.message ?? error);
  return /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|ETIMEDOUT|EHOSTUNREACH/.test(text);
}

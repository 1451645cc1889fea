import type { PaymentAuthorization } from "./authorizations.js";
import { Kind, Status, ReconversionStatus } from "./fixtures.js";

/**
 * A plain TypeScript model of the currency's rules, used by the stateful random tests: it predicts the
 * outcome of each operation (success, or which custom error) and the state it leaves, in the order the
 * contract checks its rules.
 */
export interface ModelAccount {
  balance: bigint;
  kind: bigint;
  status: bigint;
}

export interface ModelRequest {
  member: string;
  amount: bigint;
  status: bigint;
  commissionBps: bigint;
}

export interface ModelCreditAccount {
  balance: bigint;
  floor: bigint;
  ceiling: bigint;
}

export interface ModelGrant {
  perPaymentCap: bigint;
  totalCap: bigint; // zero: no total cap
  spent: bigint;
}

export interface ModelPaymentRequest {
  requester: string;
  payer: string;
  amount: bigint;
  status: bigint;
  /** The fee on payments to the requester when the request was made. */
  feeBps: bigint;
}

/** A signed EIP-3009 TransferWithAuthorization, as a relayer holds it. */
export interface ModelAuthorization extends PaymentAuthorization {
  signer: string; // who really signed: `from`, or a wrong key
}

export const PaymentRequestStatus = { None: 0n, Open: 1n, Paid: 2n, Rejected: 3n, Cancelled: 4n } as const;

const MAX_UINT256 = 2n ** 256n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_BPS = 10_000n;
/** The contract's hard ceiling on a payment fee (PaymentRulesBook.MAX_FEE_BPS). */
const MAX_FEE_BPS = 500n;
/** The longest window of a signed transfer authorization (TransferAuthorization.MAX_AUTHORIZATION_VALIDITY). */
const MAX_AUTHORIZATION_VALIDITY = 86_400n;

export class LedgerModel {
  readonly accounts = new Map<string, ModelAccount>();
  readonly mintedDeposits = new Set<string>();
  readonly usedReferences = new Set<string>();
  readonly requests: ModelRequest[] = [];
  readonly allowances = new Map<string, bigint>();
  supply = 0n;
  paused = false;
  attestedReserve = 0n;
  attestedAsOf = 0n;
  burnedSinceAttestation = 0n;
  attested = false;
  /** The block time of the next transaction, told by the test before every prediction. */
  now = 0n;
  /** Seconds that migrations, recoveries and credit moves wait (the currency's member-move delay). */
  memberMoveDelay = 0n;
  /** Every burn with its block time: what an attestation of a past statement needs. */
  readonly burns: { time: bigint; amount: bigint }[] = [];
  readonly pendingRecoveries = new Map<string, { replacement: string; executableAt: bigint }>();
  readonly pendingMigrations = new Map<string, { newAccount: string; executableAt: bigint }>();
  readonly successors = new Map<string, string>();
  /** Raised credit floors waiting for the member-move delay. */
  readonly pendingFloors = new Map<string, { floor: bigint; executableAt: bigint }>();
  /** Payment fees in basis points by recipient kind, and the refused (fromKind, toKind) pairs. */
  readonly feeBps = new Map<bigint, bigint>();
  readonly forbiddenPairs = new Set<string>();
  readonly credit = new Map<string, ModelCreditAccount>();
  /** The member manager's proposed credit moves, from => to, waiting for the delay and for `to` to accept. */
  readonly pendingCreditMoves = new Map<string, { to: string; executableAt: bigint }>();
  readonly grants = new Map<string, ModelGrant>();
  readonly paymentRequests: ModelPaymentRequest[] = [];
  readonly usedAuthorizations = new Set<string>();

  constructor(
    readonly escrowAccount: string,
    readonly headroom: bigint,
    readonly reconversionKinds: number,
    readonly commissionBps: bigint,
    readonly feeAccount: string,
  ) {}

  account(address: string): ModelAccount {
    let account = this.accounts.get(address);
    if (account === undefined) {
      account = { balance: 0n, kind: Kind.None, status: Status.None };
      this.accounts.set(address, account);
    }
    return account;
  }

  /** The fee, in basis points, on payments to `address` now. */
  feeOn(address: string): bigint {
    return this.feeBps.get(this.account(address).kind) ?? 0n;
  }

  isActive(address: string): boolean {
    return this.account(address).status === Status.Active;
  }

  // ------------------------------------------------------------ predictions: the error name, or null

  pay(from: string, to: string, amount: bigint): string | null {
    if (this.paused) return "EnforcedPause";
    if (!this.isActive(from)) return "AccountNotActive";
    if (this.account(from).balance < amount) return "ERC20InsufficientBalance";
    if (!this.isActive(to)) return "AccountNotActive";
    if (this.forbiddenPairs.has(`${this.account(from).kind}:${this.account(to).kind}`))
      return "PaymentBetweenKindsForbidden";
    return null;
  }

  /** The fee a payment to `to` pays, rounded down, by the recipient's kind. */
  feeOf(to: string, amount: bigint): bigint {
    return (amount * (this.feeBps.get(this.account(to).kind) ?? 0n)) / MAX_BPS;
  }

  payFrom(spender: string, from: string, to: string, amount: bigint): string | null {
    const spenderStatus = this.account(spender).status;
    if (spenderStatus === Status.Frozen || spenderStatus === Status.Closed) return "AccountNotActive";
    const allowance = this.allowances.get(`${from}:${spender}`) ?? 0n;
    if (allowance < amount) return "ERC20InsufficientAllowance";
    return this.pay(from, to, amount);
  }

  mint(deposits: { to: string; amount: bigint; ref: string }[]): string | null {
    if (this.paused) return "EnforcedPause";
    if (deposits.length === 0) return "EmptyBatch";
    const seen = new Set<string>();
    let total = 0n;
    for (const { to, amount, ref } of deposits) {
      if (amount === 0n) return "ZeroAmount";
      if (this.mintedDeposits.has(ref) || seen.has(ref)) return "DepositAlreadyMinted";
      seen.add(ref);
      if (!this.isActive(to)) return "AccountNotActive";
      total += amount;
    }
    if (!this.attested) return "NoAttestation";
    if (this.supply + total > this.reserveNow + this.headroom) return "ReserveExceeded";
    return null;
  }

  requestReconversion(member: string, amount: bigint): string | null {
    if (this.paused) return "EnforcedPause";
    if (amount === 0n) return "ZeroAmount";
    const account = this.account(member);
    if (account.status !== Status.Active) return "AccountNotActive";
    if ((this.reconversionKinds & (1 << Number(account.kind))) === 0) return "ReconversionNotAllowed";
    if (account.balance < amount) return "ERC20InsufficientBalance";
    return null;
  }

  settle(id: number, ref: string): string | null {
    if (this.paused) return "EnforcedPause";
    const request = this.requests[id - 1];
    if (request === undefined || request.status !== ReconversionStatus.Pending) return "ReconversionNotPending";
    if (this.usedReferences.has(ref)) return "ReferenceAlreadyUsed";
    return null;
  }

  reject(id: number): string | null {
    if (this.paused) return "EnforcedPause";
    const request = this.requests[id - 1];
    if (request === undefined || request.status !== ReconversionStatus.Pending) return "ReconversionNotPending";
    if (!this.isActive(this.refundAccountOf(request.member))) return "AccountNotActive";
    return null;
  }

  /** A migrated member is refunded at its new key. */
  refundAccountOf(member: string): string {
    const successor = this.successors.get(member);
    return this.account(member).status === Status.Closed && successor !== undefined ? successor : member;
  }

  /** The reserve as the chain knows it: attested, less every burn after the statement's time. */
  get reserveNow(): bigint {
    return this.burnedSinceAttestation >= this.attestedReserve
      ? 0n
      : this.attestedReserve - this.burnedSinceAttestation;
  }

  attest(asOf: bigint): string | null {
    if (asOf > this.now) return "AttestationInFuture";
    if (asOf === 0n || asOf < this.attestedAsOf) return "AttestationOutOfOrder";
    return null;
  }

  burn(treasurer: string, amount: bigint, ref: string): string | null {
    if (this.paused) return "EnforcedPause";
    if (amount === 0n) return "ZeroAmount";
    if (!this.isActive(treasurer)) return "AccountNotActive";
    if (this.usedReferences.has(ref)) return "ReferenceAlreadyUsed";
    if (this.account(treasurer).balance < amount) return "ERC20InsufficientBalance";
    return null;
  }

  freeze(account: string): string | null {
    return this.isActive(account) ? null : "AccountNotActive";
  }

  unfreeze(account: string): string | null {
    return this.account(account).status === Status.Frozen ? null : "AccountNotFrozen";
  }

  admit(account: string): string | null {
    return this.account(account).status === Status.None ? null : "AccountAlreadyAdmitted";
  }

  recover(lost: string, replacement: string): string | null {
    if (this.paused) return "EnforcedPause";
    if (this.account(lost).status !== Status.Frozen) return "AccountNotFrozen";
    if (!this.isActive(replacement)) return "AccountNotActive";
    if (this.pendingRecoveries.has(lost)) return "RecoveryAlreadyPending";
    return null;
  }

  executeRecovery(lost: string): string | null {
    if (this.paused) return "EnforcedPause";
    const pending = this.pendingRecoveries.get(lost);
    if (pending === undefined) return "RecoveryNotPending";
    if (this.now < pending.executableAt) return "MemberMoveNotYetExecutable";
    if (this.account(lost).status !== Status.Frozen) return "AccountNotFrozen";
    if (!this.isActive(pending.replacement)) return "AccountNotActive";
    return null;
  }

  cancelRecovery(lost: string): string | null {
    return this.pendingRecoveries.has(lost) ? null : "RecoveryNotPending";
  }

  acceptMigration(oldAccount: string, acceptor: string): string | null {
    if (this.paused) return "EnforcedPause";
    const pending = this.pendingMigrations.get(oldAccount);
    if (pending === undefined || pending.newAccount !== acceptor) return "MigrationNotProposed";
    if (this.now < pending.executableAt) return "MemberMoveNotYetExecutable";
    if (!this.isActive(oldAccount)) return "AccountNotActive";
    if (this.account(acceptor).status !== Status.None) return "AccountAlreadyAdmitted";
    return null;
  }

  migrate(oldAccount: string, newAccount: string): string | null {
    if (this.paused) return "EnforcedPause";
    if (!this.isActive(oldAccount)) return "AccountNotActive";
    if (this.account(newAccount).status !== Status.None) return "AccountAlreadyAdmitted";
    return null;
  }

  setPaymentFees(toPerson: bigint, toBusiness: bigint, toAssociation: bigint): string | null {
    if (toPerson > MAX_FEE_BPS || toBusiness > MAX_FEE_BPS || toAssociation > MAX_FEE_BPS) return "FeeTooHigh";
    return null;
  }

  setTransferRule(fromKind: bigint, toKind: bigint): string | null {
    if (fromKind === Kind.None || toKind === Kind.None) return "InvalidAccountKind";
    return null;
  }

  /** EIP-3009: validity window, then signature, then nonce, then the payment itself. */
  transferWithAuthorization(auth: ModelAuthorization): string | null {
    const now = this.now;
    if (auth.validBefore > auth.validAfter && auth.validBefore - auth.validAfter > MAX_AUTHORIZATION_VALIDITY) {
      return "AuthorizationValidityTooLong";
    }
    if (now <= auth.validAfter) return "AuthorizationNotYetValid";
    if (now >= auth.validBefore) return "AuthorizationExpired";
    if (auth.signer !== auth.from) return "InvalidAuthorizationSigner";
    if (this.usedAuthorizations.has(`${auth.from}:${auth.nonce}`)) return "AuthorizationAlreadyUsed";
    return this.pay(auth.from, auth.to, auth.value);
  }

  // ------------------------------------------------------------ mutual credit (MutualCredit.sol)

  creditOf(address: string): ModelCreditAccount {
    let account = this.credit.get(address);
    if (account === undefined) {
      account = { balance: 0n, floor: 0n, ceiling: 0n };
      this.credit.set(address, account);
    }
    return account;
  }

  setCreditLimits(account: string, floor: bigint, ceiling: bigint): string | null {
    if (floor > MAX_UINT64 || ceiling > MAX_UINT64) return "CreditLimitsTooLarge";
    const status = this.account(account).status;
    if (status === Status.None || status === Status.Closed) return "AccountNotActive";
    return null;
  }

  creditPay(from: string, to: string, amount: bigint): string | null {
    if (this.paused) return "EnforcedPause";
    if (amount === 0n) return "ZeroAmount";
    if (to === from) return "CreditToSelf";
    if (!this.isActive(from)) return "AccountNotActive";
    if (!this.isActive(to)) return "AccountNotActive";
    const sender = this.creditOf(from);
    if (sender.balance - amount < -sender.floor) return "CreditFloorExceeded";
    const recipient = this.creditOf(to);
    if (recipient.balance + amount > recipient.ceiling) return "CreditCeilingExceeded";
    return null;
  }

  proposeCreditMove(from: string, to: string): string | null {
    if (this.paused) return "EnforcedPause";
    return this.creditMovable(from) ?? (this.isActive(to) ? null : "AccountNotActive");
  }

  acceptCreditMove(from: string, to: string): string | null {
    if (this.paused) return "EnforcedPause";
    const pending = this.pendingCreditMoves.get(from);
    if (pending?.to !== to) return "CreditMoveNotProposed";
    if (this.now < pending.executableAt) return "MemberMoveNotYetExecutable";
    const refusal = this.creditMovable(from) ?? (this.isActive(to) ? null : "AccountNotActive");
    if (refusal !== null) return refusal;
    const target = this.creditOf(to);
    if (target.balance !== 0n || target.floor !== 0n || target.ceiling !== 0n) return "CreditAccountInUse";
    return null;
  }

  private creditMovable(from: string): string | null {
    const fromStatus = this.account(from).status;
    return fromStatus === Status.Frozen || fromStatus === Status.Closed ? null : "CreditAccountNotMovable";
  }

  /** What the credit contract's outstanding total must be: the sum of positive balances. */
  get creditOutstanding(): bigint {
    let total = 0n;
    for (const { balance } of this.credit.values()) if (balance > 0n) total += balance;
    return total;
  }

  // ------------------------------------------------------------ delegations (Delegations.sol)

  grantOf(owner: string, delegate: string): ModelGrant | undefined {
    return this.grants.get(`${owner}:${delegate}`);
  }

  grant(owner: string, delegate: string, perPaymentCap: bigint, totalCap: bigint): string | null {
    if (delegate === owner) return "InvalidDelegate";
    if (perPaymentCap === 0n || (totalCap !== 0n && totalCap < perPaymentCap)) return "InvalidDelegationCaps";
    if (!this.isActive(owner)) return "AccountNotActive";
    // Delegates are active members, so a stolen delegate key can be frozen.
    if (!this.isActive(delegate)) return "AccountNotActive";
    return null;
  }

  revoke(owner: string, delegate: string): string | null {
    return this.grantOf(owner, delegate) === undefined ? "DelegationNotFound" : null;
  }

  /** The delegations contract checks the grant and the delegate, then the ledger's transferFrom runs. */
  payFor(delegations: string, delegate: string, owner: string, to: string, amount: bigint): string | null {
    if (amount === 0n) return "ZeroAmount";
    const grant = this.grantOf(owner, delegate);
    if (grant === undefined) return "DelegationNotFound";
    if (amount > grant.perPaymentCap) return "DelegationPaymentCapExceeded";
    if (grant.totalCap !== 0n && grant.spent + amount > grant.totalCap) return "DelegationTotalCapExceeded";
    // Delegates are active members, so a stolen delegate key can be frozen.
    if (!this.isActive(delegate)) return "AccountNotActive";
    return this.payFrom(delegations, owner, to, amount);
  }

  // ------------------------------------------------------------ payment requests (PaymentRequests.sol)

  createPaymentRequest(requester: string, payer: string, amount: bigint, memoLength: number): string | null {
    if (amount === 0n) return "ZeroAmount";
    if (memoLength > 200) return "MemoTooLong";
    if (payer === requester) return "InvalidPayer";
    if (!this.isActive(requester)) return "AccountNotActive";
    if (!this.isActive(payer)) return "AccountNotActive";
    return null;
  }

  private openPaymentRequest(id: number): string | null {
    const request = this.paymentRequests[id - 1];
    if (request === undefined || request.status !== PaymentRequestStatus.Open) return "RequestNotOpen";
    return null;
  }

  payPaymentRequest(requestsContract: string, id: number, caller: string): string | null {
    const notOpen = this.openPaymentRequest(id);
    if (notOpen !== null) return notOpen;
    const request = this.paymentRequests[id - 1];
    if (caller !== request.payer) return "NotRequestPayer";
    if (this.feeOn(request.requester) > request.feeBps) return "FeeRaisedSinceRequest";
    return this.payFrom(requestsContract, caller, request.requester, request.amount);
  }

  rejectPaymentRequest(id: number, caller: string): string | null {
    const notOpen = this.openPaymentRequest(id);
    if (notOpen !== null) return notOpen;
    return caller === this.paymentRequests[id - 1].payer ? null : "NotRequestPayer";
  }

  cancelPaymentRequest(id: number, caller: string): string | null {
    const notOpen = this.openPaymentRequest(id);
    if (notOpen !== null) return notOpen;
    return caller === this.paymentRequests[id - 1].requester ? null : "NotRequester";
  }

  // ------------------------------------------------------------ effects of a successful operation

  /** A payment (`_pay`): the payee receives the amount less the fee, which goes to the fee account. */
  applyPay(from: string, to: string, amount: bigint) {
    const fee = this.feeOf(to, amount);
    this.account(from).balance -= amount;
    this.account(to).balance += amount - fee;
    this.account(this.feeAccount).balance += fee;
  }

  /** A raw move (`_move`: escrow, refunds, recoveries, migrations): no fee, no rule. */
  move(from: string, to: string, amount: bigint) {
    this.account(from).balance -= amount;
    this.account(to).balance += amount;
  }

  applyPayFrom(spender: string, from: string, to: string, amount: bigint) {
    const key = `${from}:${spender}`;
    const allowance = this.allowances.get(key) ?? 0n;
    // An unlimited allowance is never spent (ERC-20 convention, OpenZeppelin's `_spendAllowance`).
    if (allowance !== MAX_UINT256) this.allowances.set(key, allowance - amount);
    this.applyPay(from, to, amount);
  }

  applySetPaymentFees(toPerson: bigint, toBusiness: bigint, toAssociation: bigint) {
    this.feeBps.set(Kind.Person, toPerson);
    this.feeBps.set(Kind.Business, toBusiness);
    this.feeBps.set(Kind.Association, toAssociation);
  }

  applySetTransferRule(fromKind: bigint, toKind: bigint, forbidden: boolean) {
    if (forbidden) this.forbiddenPairs.add(`${fromKind}:${toKind}`);
    else this.forbiddenPairs.delete(`${fromKind}:${toKind}`);
  }

  applyTransferWithAuthorization(auth: ModelAuthorization) {
    this.usedAuthorizations.add(`${auth.from}:${auth.nonce}`);
    this.applyPay(auth.from, auth.to, auth.value);
  }

  /** A higher floor waits the member-move delay; the ceiling and a lower floor apply at once. */
  applySetCreditLimits(account: string, floor: bigint, ceiling: bigint) {
    const credit = this.creditOf(account);
    this.pendingFloors.delete(account);
    credit.ceiling = ceiling;
    if (floor > credit.floor && this.memberMoveDelay !== 0n) {
      this.pendingFloors.set(account, { floor, executableAt: this.now + this.memberMoveDelay });
    } else {
      credit.floor = floor;
    }
  }

  applyCreditFloorRaise(account: string): string | null {
    const pending = this.pendingFloors.get(account);
    if (pending === undefined) return "CreditFloorRaiseNotPending";
    if (this.now < pending.executableAt) return "MemberMoveNotYetExecutable";
    const status = this.account(account).status;
    if (status === Status.None || status === Status.Closed) return "AccountNotActive";
    return null;
  }

  applyApplyCreditFloorRaise(account: string) {
    this.creditOf(account).floor = this.pendingFloors.get(account)!.floor;
    this.pendingFloors.delete(account);
  }

  applyCreditPay(from: string, to: string, amount: bigint) {
    this.creditOf(from).balance -= amount;
    this.creditOf(to).balance += amount;
  }

  applyProposeCreditMove(from: string, to: string) {
    this.pendingCreditMoves.set(from, { to, executableAt: this.now + this.memberMoveDelay });
  }

  applyAcceptCreditMove(from: string, to: string) {
    this.pendingCreditMoves.delete(from);
    this.credit.set(to, { ...this.creditOf(from) });
    this.credit.set(from, { balance: 0n, floor: 0n, ceiling: 0n });
  }

  /** A migrated member's credit account follows it to the new key, with no delay: the member moved it. */
  followMigration(oldAccount: string): string | null {
    const successor = this.successors.get(oldAccount);
    if (successor === undefined) return "AccountNotMigrated";
    const target = this.creditOf(successor);
    if (target.balance !== 0n || target.floor !== 0n || target.ceiling !== 0n) return "CreditAccountInUse";
    return null;
  }

  applyFollowMigration(oldAccount: string) {
    const successor = this.successors.get(oldAccount)!;
    this.credit.set(successor, { ...this.creditOf(oldAccount) });
    this.credit.set(oldAccount, { balance: 0n, floor: 0n, ceiling: 0n });
  }

  /** A new grant replaces the old one, its spending included. */
  applyGrant(owner: string, delegate: string, perPaymentCap: bigint, totalCap: bigint) {
    this.grants.set(`${owner}:${delegate}`, { perPaymentCap, totalCap, spent: 0n });
  }

  applyRevoke(owner: string, delegate: string) {
    this.grants.delete(`${owner}:${delegate}`);
  }

  applyPayFor(delegations: string, delegate: string, owner: string, to: string, amount: bigint) {
    this.grantOf(owner, delegate)!.spent += amount;
    this.applyPayFrom(delegations, owner, to, amount);
  }

  /** Returns the new request's id. */
  applyCreatePaymentRequest(requester: string, payer: string, amount: bigint): number {
    this.paymentRequests.push({
      requester,
      payer,
      amount,
      status: PaymentRequestStatus.Open,
      feeBps: this.feeOn(requester),
    });
    return this.paymentRequests.length;
  }

  applyPayPaymentRequest(requestsContract: string, id: number) {
    const request = this.paymentRequests[id - 1];
    request.status = PaymentRequestStatus.Paid;
    this.applyPayFrom(requestsContract, request.payer, request.requester, request.amount);
  }

  applyMint(deposits: { to: string; amount: bigint; ref: string }[]) {
    for (const { to, amount, ref } of deposits) {
      this.mintedDeposits.add(ref);
      this.account(to).balance += amount;
      this.supply += amount;
    }
  }

  applyRequest(member: string, amount: bigint) {
    this.move(member, this.escrowAccount, amount);
    this.requests.push({ member, amount, status: ReconversionStatus.Pending, commissionBps: this.commissionBps });
  }

  /** Returns the euros paid out of the fund. */
  applySettle(id: number, ref: string): bigint {
    const request = this.requests[id - 1];
    const commission = this.commissionOf(request);
    request.status = ReconversionStatus.Settled;
    this.usedReferences.add(ref);
    this.move(this.escrowAccount, this.feeAccount, commission);
    const burned = request.amount - commission;
    this.account(this.escrowAccount).balance -= burned;
    this.supply -= burned;
    this.noteBurn(burned);
    return burned;
  }

  applyReject(id: number) {
    const request = this.requests[id - 1];
    request.status = ReconversionStatus.Rejected;
    this.move(this.escrowAccount, this.refundAccountOf(request.member), request.amount);
  }

  applyBurn(treasurer: string, amount: bigint, ref: string) {
    this.usedReferences.add(ref);
    this.account(treasurer).balance -= amount;
    this.supply -= amount;
    this.noteBurn(amount);
  }

  /** The statement of `asOf` showed `amount`: every burn from that second on was paid out after it. */
  applyAttest(amount: bigint, asOf: bigint) {
    this.attestedReserve = amount;
    this.attestedAsOf = asOf;
    this.burnedSinceAttestation = this.burns.filter((b) => b.time > asOf).reduce((sum, b) => sum + b.amount, 0n);
    this.attested = true;
  }

  private noteBurn(amount: bigint) {
    this.burns.push({ time: this.now, amount });
    if (this.now > this.attestedAsOf) this.burnedSinceAttestation += amount;
  }

  applyProposeRecovery(lost: string, replacement: string) {
    this.pendingRecoveries.set(lost, { replacement, executableAt: this.now + this.memberMoveDelay });
  }

  applyExecuteRecovery(lost: string) {
    const { replacement } = this.pendingRecoveries.get(lost)!;
    this.pendingRecoveries.delete(lost);
    this.move(lost, replacement, this.account(lost).balance);
  }

  applyProposeMigration(oldAccount: string, newAccount: string) {
    this.pendingMigrations.set(oldAccount, { newAccount, executableAt: this.now + this.memberMoveDelay });
  }

  applyFreeze(account: string) {
    this.account(account).status = Status.Frozen;
    this.pendingMigrations.delete(account);
  }

  applyMigrate(oldAccount: string, newAccount: string) {
    this.pendingMigrations.delete(oldAccount);
    this.successors.set(oldAccount, newAccount);
    const old = this.account(oldAccount);
    this.accounts.set(newAccount, { balance: old.balance, kind: old.kind, status: Status.Active });
    old.balance = 0n;
    old.status = Status.Closed;
  }

  private commissionOf(request: ModelRequest): bigint {
    return (request.amount * request.commissionBps) / 10_000n;
  }
}

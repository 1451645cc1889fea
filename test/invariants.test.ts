import { expect } from "chai";
import {
  id,
  keccak256,
  Signature,
  toUtf8Bytes,
  Wallet,
  ZeroHash,
  type ContractTransactionResponse,
  type Interface,
  type Signer,
  type TypedDataDomain,
} from "ethers";
import { network } from "hardhat";

import { AUTHORIZATION_FIELDS } from "../sdk/transferAuthorization.js";
import type { LedgerProbe, LocalCurrency } from "../types/ethers-contracts/index.js";
import { deployCurrency, governed, Kind, kindsMask, Status, type CurrencyFixture } from "./helpers/fixtures.js";
import { LedgerModel, PaymentRequestStatus, type ModelAuthorization } from "./helpers/ledgerModel.js";
import { errorsOf, outcome } from "./helpers/outcome.js";
import { Random } from "./helpers/random.js";

/**
 * Stateful random tests: a seeded, reproducible sequence of mixed operations. After every step, the chain
 * must agree with the model and these must hold:
 *   - supply = sum of all balances, escrow (the currency's own balance) included;
 *   - supply = minted - burned, both read from the Transfer events alone;
 *   - no deposit reference appears in two Minted events;
 *   - a frozen account's balance changed only through recovery (and, the fee account's, by the fees);
 *   - supply <= last attested reserve + headroom (the policy is strict);
 *   - every payment (transfer, transferFrom, delegated, requested, signed) obeys the transfer rules and pays
 *     the fee of the recipient's kind to the fee account, which receives it even when frozen; escrow,
 *     recovery and migration move money without fee (the balances and the supply above check both);
 *   - mutual credit: the credit balances of all accounts sum to exactly 0, the outstanding total is the sum
 *     of the positive ones, and every balance equals the model's;
 *   - delegations: what a delegate spent equals the model's and stays within the total cap, and no
 *     DelegatedPaymentMade event is above the per-payment cap;
 *   - payment requests: no request is paid twice (PaymentRequestPaid events per id) and every status equals
 *     the model's (grants and requests: those the step touched, and all of them every SWEEP steps);
 *   - a signed (EIP-3009) authorization is used at most once; one whose payment failed stays usable.
 * Rerun a failure with KOMUNO_SEED=<seed> (and KOMUNO_STEPS=<n>).
 */
const STEPS = Number(process.env.KOMUNO_STEPS ?? 10_000);
const SEED = Number(process.env.KOMUNO_SEED ?? 20261127);
/** Every SWEEP steps, every grant and payment request is read back, not only those the step touched. */
const SWEEP = 250;
const HEADROOM = 5_000n;
/** Seconds that migrations, recoveries and credit moves wait; time jumps of up to twice that pass now and then. */
const MEMBER_MOVE_DELAY = 3_600n;
/** The governance timelock's delay: fees, rules and resuming wait it; time jumps pass it now and then. */
const GOVERNANCE_DELAY = 1_800n;
const MAX_UINT256 = 2n ** 256n - 1n;
const COMMISSION_BPS = 200n;

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe(`Invariants over ${STEPS} random operations (seed ${SEED})`, function () {
  it("hold after every step", async function () {
    const random = new Random(SEED);
    const f = await deployCurrency(connection, {
      reserveCapEnabled: true,
      headroom: HEADROOM,
      commissionBps: Number(COMMISSION_BPS),
      reconversionKinds: kindsMask(Kind.Business, Kind.Association),
      governanceDelay: GOVERNANCE_DELAY,
    });
    const world = await World.create(f, random);
    try {
      for (let step = 1; step <= STEPS; step++) {
        await world.step(step);
      }
    } catch (error) {
      console.error(`\n  Invariant test failed at step ${world.currentStep} with seed ${SEED}: ${world.lastOperation}`);
      console.error(`  Reproduce with: KOMUNO_SEED=${SEED} KOMUNO_STEPS=${world.currentStep} npm test\n`);
      throw error;
    }
    world.report();
    // The sequence must exercise the ledger, not only bounce off its checks.
    expect(world.successes, "successful operations").to.be.greaterThan(STEPS / 3);
  });
});

type Operation = (world: World) => Promise<void>;

/** Euros received by the fund for a member, waiting to be minted. */
interface BankDeposit {
  to: string;
  amount: bigint;
  ref: string;
}

class World {
  readonly model: LedgerModel;
  readonly tracked: string[];
  readonly outcomes = new Map<string, number>();
  successes = 0;
  currentStep = 0;
  lastOperation = "";
  private minted = 0n;
  private burned = 0n;
  private readonly mintedRefs = new Set<string>();
  private fund = 0n; // euros in the guarantee fund (the bank side)
  private readonly bankDeposits: BankDeposit[] = [];
  private depositCounter = 0;
  private referenceCounter = 0;
  private previous: { balances: bigint[]; statuses: bigint[] } | null = null;
  /** The custom errors of the currency and of the three contracts beside it. */
  readonly errors: Interface;
  /** Every key the test holds, by address: whoever the model names can be made to act. */
  private readonly signers = new Map<string, Signer>();
  /** Signed EIP-3009 authorizations, used or not, kept for replays. */
  readonly authorizations: { auth: ModelAuthorization; signature: string }[] = [];
  authorizationDomain: TypedDataDomain = {};
  /** The block time of the next transaction: every transaction is mined at a time the model knows. */
  clock = 0n;
  /** The guarantee fund's bank account, independent of the contract's bookkeeping: each movement with its time. */
  private readonly bankMovements: { time: bigint; amount: bigint }[] = [];
  private authorizationCounter = 0;
  /** (owner, delegate) pairs ever granted, and the ones touched by the current transaction. */
  readonly grantPairs: [string, string][] = [];
  private readonly grantPairKeys = new Set<string>();
  private readonly touchedPairs: [string, string][] = [];
  private readonly touchedRequests: number[] = [];
  private readonly paidRequests = new Map<bigint, number>();
  private feesThisTransaction = 0n;

  private constructor(
    readonly f: CurrencyFixture,
    readonly random: Random,
    readonly probe: LedgerProbe,
    readonly members: Signer[],
    readonly memberAddresses: string[],
    readonly freshKeys: Wallet[],
  ) {
    this.model = new LedgerModel(
      f.currency.target as string,
      HEADROOM,
      kindsMask(Kind.Business, Kind.Association),
      COMMISSION_BPS,
      f.association.address,
    );
    // Every account that can ever hold a balance, the escrow (the currency itself) first.
    this.tracked = [f.currency.target as string, ...memberAddresses, ...freshKeys.map((w) => w.address)];
    this.errors = errorsOf(f.currency, f.credit, f.delegations, f.requests, f.timelock!);
    for (const [i, member] of members.entries()) this.signers.set(memberAddresses[i], member);
    for (const key of freshKeys) this.signers.set(key.address, key);
  }

  /** Governor operations scheduled in the timelock and not yet executed or cancelled, with what each does. */
  readonly pendingGovernance: {
    label: string;
    data: string;
    salt: string;
    executableAt: bigint;
    predict: () => string | null;
    apply: () => void;
  }[] = [];
  /** Operations executed or cancelled: the timelock refuses them for good. */
  readonly closedGovernance: { label: string; data: string; salt: string }[] = [];
  private governanceCounter = 0;

  nextGovernanceSalt(): string {
    return id(`governance ${++this.governanceCounter}`);
  }

  static async create(f: CurrencyFixture, random: Random): Promise<World> {
    const { currency, governor, manager, treasurer, association } = f;
    const wallets = Array.from({ length: 22 }, (_, i) =>
      new Wallet(keccak256(toUtf8Bytes(`komuno invariant key ${i}`))).connect(ethers.provider),
    );
    for (const wallet of wallets) await networkHelpers.setBalance(wallet.address, 10n ** 22n);
    const members = wallets.slice(0, 12);
    const freshKeys = wallets.slice(12);
    const probe = (await ethers.deployContract("LedgerProbe")) as unknown as LedgerProbe;
    await governed(f, currency.interface.encodeFunctionData("increaseMintAllowance", [treasurer.address, MAX_UINT256]));
    await currency.connect(manager).admit(treasurer.address, Kind.Association);

    const world = new World(
      f,
      random,
      probe,
      [...members, treasurer, association],
      [...members.map((m) => m.address), treasurer.address, association.address],
      freshKeys,
    );
    world.model.account(association.address).kind = Kind.Association;
    world.model.account(association.address).status = Status.Active;
    world.model.account(treasurer.address).kind = Kind.Association;
    world.model.account(treasurer.address).status = Status.Active;
    for (const [i, member] of members.entries()) {
      const kind = i < 8 ? Kind.Person : Kind.Business;
      await currency.connect(manager).admit(member.address, kind);
      world.model.account(member.address).kind = kind;
      world.model.account(member.address).status = Status.Active;
    }
    // Every member lets the delegations and payment requests contracts pull, without limit: the grants and
    // the requests are the limits (what the app does once per member).
    for (const member of world.members) await world.approveExtensions(member);
    const { chainId } = await ethers.provider.getNetwork();
    world.authorizationDomain = {
      name: await currency.name(),
      version: "1",
      chainId,
      verifyingContract: currency.target as string,
    };
    await governed(f, currency.interface.encodeFunctionData("setMemberMoveDelay", [MEMBER_MOVE_DELAY]));
    world.model.memberMoveDelay = MEMBER_MOVE_DELAY;
    // From here on the governor acts only through the timelock, after its delay.
    const timelock = f.timelock!;
    await governed(
      f,
      timelock.interface.encodeFunctionData("updateDelay", [GOVERNANCE_DELAY]),
      timelock.target as string,
    );
    await world.syncClock();
    return world;
  }

  async approveExtensions(member: Signer) {
    const address = await member.getAddress();
    for (const spender of [this.f.delegations.target as string, this.f.requests.target as string]) {
      await this.currency.connect(member).approve(spender, MAX_UINT256);
      this.model.allowances.set(`${address}:${spender}`, MAX_UINT256);
    }
  }

  signerOf(address: string): Signer {
    return this.signers.get(address)!;
  }

  /** Every address the test holds a key for (all tracked accounts but the escrow). */
  get keyHolders(): string[] {
    return this.tracked.slice(1);
  }

  get delegationsAddress(): string {
    return this.f.delegations.target as string;
  }

  get requestsAddress(): string {
    return this.f.requests.target as string;
  }

  newAuthorizationNonce(): string {
    return id(`authorization ${++this.authorizationCounter}`);
  }

  /** Marks a grant pair for checking after the transaction, and remembers it for later checks. */
  touchPair(owner: string, delegate: string) {
    this.touchedPairs.push([owner, delegate]);
    const key = `${owner}:${delegate}`;
    if (!this.grantPairKeys.has(key)) {
      this.grantPairKeys.add(key);
      this.grantPairs.push([owner, delegate]);
    }
  }

  touchRequest(requestId: number) {
    this.touchedRequests.push(requestId);
  }

  get currency(): LocalCurrency {
    return this.f.currency;
  }

  /** The next transaction's time: after the last block (transactions outside `run` move it on too). */
  async syncClock() {
    const latest = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    if (this.clock <= latest) this.clock = latest + 1n;
    this.model.now = this.clock;
  }

  /** Time passes with nothing on chain: delays run out, authorizations expire, statements get old. */
  passTime(seconds: bigint) {
    this.clock += seconds;
    this.model.now = this.clock;
  }

  async step(step: number) {
    this.currentStep = step;
    await this.syncClock();
    // A pause is an incident: it is resumed after a few operations.
    const operation = this.model.paused && this.random.chance(0.25) ? resumeAfterIncident : this.pickOperation();
    await operation(this);
  }

  report() {
    const lines = [...this.outcomes.entries()].sort().map(([key, count]) => `${key}: ${count}`);
    console.log(`      ${this.successes} of ${this.currentStep} operations succeeded; outcomes: ${lines.join(", ")}`);
  }

  /** Any operation but the passing of time. */
  anyOtherOperation(): Operation {
    for (;;) {
      const operation = this.pickOperation();
      if (operation !== timePasses) return operation;
    }
  }

  private pickOperation(): Operation {
    const table: [number, Operation][] = [
      [30, payment],
      [4, paymentWithAllowance],
      [10, depositArrives],
      [10, mintOne],
      [4, mintBatch],
      [2, replayMintedDeposit],
      [5, attest],
      [2, freeze],
      [8, unfreeze],
      [1, admit],
      [1, admitMembersInBatch],
      [8, requestReconversion],
      [6, settleReconversion],
      [3, rejectReconversion],
      [3, recover],
      [3, executeRecovery],
      [1, cancelRecovery],
      [2, acceptMigration],
      [3, timePasses],
      [2, treasurerBurn],
      [1, migrate],
      [1, pauseOrResume],
      // Fees and rules, signed payments, mutual credit, delegations, payment requests.
      [1, setPaymentFees],
      [1, setTransferRule],
      [3, executeGovernance],
      [1, cancelGovernance],
      [5, signedPayment],
      [2, setCreditLimits],
      [5, creditPay],
      [1, moveCreditAccount],
      [2, acceptPendingCreditMove],
      [2, applyCreditFloorRaise],
      [2, grantDelegation],
      [1, revokeDelegation],
      [4, payForOwner],
      [3, createPaymentRequest],
      [3, payPaymentRequest],
      [1, rejectPaymentRequest],
      [1, cancelPaymentRequest],
    ];
    const total = table.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.random.int(total);
    for (const [weight, operation] of table) {
      if (roll < weight) return operation;
      roll -= weight;
    }
    throw new Error("unreachable");
  }

  // ------------------------------------------------------------ helpers for operations

  anyMember(): Signer {
    return this.random.pick(this.members);
  }

  /** Mostly a member, sometimes a key that may not be admitted (yet). */
  anyAddress(): string {
    return this.random.chance(0.85) ? this.random.pick(this.memberAddresses) : this.random.pick(this.tracked.slice(1));
  }

  amountFor(balance: bigint): bigint {
    const roll = this.random.next();
    if (roll < 0.03) return 0n;
    if (roll < 0.1) return balance + 1n;
    if (balance === 0n) return this.random.amount(1n, 500n);
    return this.random.amount(1n, balance);
  }

  newDepositRef(): string {
    return id(`bank deposit ${++this.depositCounter}`);
  }

  newReference(): string {
    return id(`payout ${++this.referenceCounter}`);
  }

  /**
   * Runs one transaction, compares its outcome with the model's prediction, applies the model's effects on
   * success, then checks every invariant against the chain.
   */
  async run(
    label: string,
    predicted: string | null,
    send: () => Promise<ContractTransactionResponse>,
    apply: () => void,
    recovery?: string,
  ) {
    this.lastOperation = label;
    this.feesThisTransaction = 0n;
    await this.syncClock();
    await networkHelpers.time.setNextBlockTimestamp(this.clock);
    const result = await outcome(this.errors, send);
    const actual = result.ok ? null : result.error;
    expect(actual, `${label}: outcome`).to.equal(predicted);
    const key = `${label.split(" ")[0]}:${actual ?? "ok"}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    if (result.ok) {
      this.successes++;
      apply();
      this.readEvents(result.receipt.logs);
    }
    this.passTime(1n);
    await this.checkInvariants(recovery);
  }

  private readEvents(logs: readonly { address: string; topics: readonly string[]; data: string }[]) {
    for (const log of logs) {
      const emitter = log.address.toLowerCase();
      if (emitter === this.delegationsAddress.toLowerCase()) this.readDelegationEvent(log);
      else if (emitter === this.requestsAddress.toLowerCase()) this.readRequestEvent(log);
      if (emitter !== (this.currency.target as string).toLowerCase()) continue;
      const event = this.currency.interface.parseLog(log);
      if (event?.name === "PaymentFeeCharged") {
        this.feesThisTransaction += event.args.fee as bigint;
      } else if (event?.name === "ReconversionSettled") {
        this.feesThisTransaction += event.args.commission as bigint;
      } else if (event?.name === "Transfer") {
        const [from, to, value] = event.args as unknown as [string, string, bigint];
        if (from === ethers.ZeroAddress) this.minted += value;
        if (to === ethers.ZeroAddress) this.burned += value;
      } else if (event?.name === "Minted") {
        const ref = event.args.depositRef as string;
        expect(this.mintedRefs.has(ref), `deposit ${ref} minted twice`).to.equal(false);
        this.mintedRefs.add(ref);
      }
    }
  }

  /** A delegated payment never goes above the grant's per-payment cap, nor its spending above the total cap. */
  private readDelegationEvent(log: { topics: readonly string[]; data: string }) {
    const event = this.f.delegations.interface.parseLog(log);
    if (event?.name !== "DelegatedPaymentMade") return;
    const {
      owner,
      delegate,
      amount,
      spent: spentAfter,
    } = event.args as unknown as {
      owner: string;
      delegate: string;
      amount: bigint;
      spent: bigint;
    };
    const grant = this.model.grantOf(owner, delegate);
    expect(grant, `delegated payment without a grant ${owner} -> ${delegate}`).to.not.equal(undefined);
    expect(amount <= grant!.perPaymentCap, `delegated ${amount} above the cap ${grant!.perPaymentCap}`).to.equal(true);
    expect(spentAfter, "spent after a delegated payment").to.equal(grant!.spent);
    if (grant!.totalCap !== 0n) expect(spentAfter <= grant!.totalCap, "spent within the total cap").to.equal(true);
  }

  /** A payment request is paid at most once over the whole run. */
  private readRequestEvent(log: { topics: readonly string[]; data: string }) {
    const event = this.f.requests.interface.parseLog(log);
    if (event?.name !== "PaymentRequestPaid") return;
    const requestId = event.args.id as bigint;
    const count = (this.paidRequests.get(requestId) ?? 0) + 1;
    this.paidRequests.set(requestId, count);
    expect(count, `request #${requestId} paid ${count} times`).to.equal(1);
  }

  /**
   * The grant pairs and requests to read: those the transaction touched (only their contracts change them),
   * and all of them every SWEEP steps and at the last one. Reading every one after every step would double
   * the probe's time: each is an external call, and the probe runs after each of thousands of steps.
   */
  private checkedPairsAndRequests(): { pairs: [string, string][]; requestIds: number[] } {
    const pairs = this.touchedPairs.splice(0);
    const requestIds = this.touchedRequests.splice(0);
    if (this.currentStep % SWEEP === 0 || this.currentStep === STEPS) {
      pairs.push(...this.grantPairs);
      requestIds.push(...this.model.paymentRequests.map((_, i) => i + 1));
    }
    return { pairs, requestIds };
  }

  private async checkInvariants(recoveredAccount?: string) {
    const { pairs, requestIds } = this.checkedPairsAndRequests();
    const [snapshot, extensions] = await this.probe.snapshotWithExtensions(
      this.currency.target,
      { credit: this.f.credit.target, delegations: this.f.delegations.target, requests: this.f.requests.target },
      this.tracked,
      pairs.map(([owner]) => owner),
      pairs.map(([, delegate]) => delegate),
      requestIds,
    );
    const balances = snapshot.balances.map((b) => b);
    const statuses = snapshot.statuses.map((s) => BigInt(s));
    const sum = balances.reduce((a, b) => a + b, 0n);

    expect(snapshot.supply, "supply = sum of balances + escrow").to.equal(sum);
    expect(snapshot.supply, "supply = minted - burned (from events)").to.equal(this.minted - this.burned);
    expect(snapshot.supply, "supply = model").to.equal(this.model.supply);
    expect(snapshot.burnedSinceAttestation, "burned since the attestation").to.equal(this.model.burnedSinceAttestation);
    // The promise itself, against the bank account the test keeps (not the contract's arithmetic): whatever
    // statements were attested, late, twice or out of order, units never exceed the euros held now + headroom.
    expect(
      snapshot.supply <= this.fundBalance + HEADROOM,
      `supply ${snapshot.supply} <= euros in the bank now ${this.fundBalance} + headroom`,
    ).to.equal(true);
    expect(snapshot.paused, "paused").to.equal(this.model.paused);
    for (const [i, address] of this.tracked.entries()) {
      const expected = this.model.account(address);
      expect(balances[i], `balance of ${address}`).to.equal(expected.balance);
      expect(statuses[i], `status of ${address}`).to.equal(expected.status);
      if (this.previous !== null && this.previous.statuses[i] === Status.Frozen && statuses[i] === Status.Frozen) {
        // The fee account is credited fees and commissions whatever its status; nothing else reaches a frozen
        // account.
        const fees = address === this.model.feeAccount ? this.feesThisTransaction : 0n;
        if (balances[i] !== this.previous.balances[i] + fees) {
          expect(recoveredAccount, `frozen ${address} changed other than by recovery`).to.equal(address);
        }
      }
    }
    this.previous = { balances, statuses };

    // Mutual credit: a closed system, every cent owed by one member is owed to another.
    let creditSum = 0n;
    let positive = 0n;
    for (const [i, address] of this.tracked.entries()) {
      const balance = extensions.creditBalances[i];
      expect(balance, `credit balance of ${address}`).to.equal(this.model.creditOf(address).balance);
      creditSum += balance;
      if (balance > 0n) positive += balance;
    }
    expect(creditSum, "credit balances sum to zero").to.equal(0n);
    expect(extensions.creditOutstanding, "credit outstanding = sum of positive balances").to.equal(positive);
    expect(extensions.creditOutstanding, "credit outstanding = model").to.equal(this.model.creditOutstanding);

    for (const [i, [owner, delegate]] of pairs.entries()) {
      const onChain = extensions.delegations[i];
      const grant = this.model.grantOf(owner, delegate) ?? { perPaymentCap: 0n, totalCap: 0n, spent: 0n };
      const label = `delegation ${owner} -> ${delegate}`;
      expect(onChain.perPaymentCap, `${label}: per-payment cap`).to.equal(grant.perPaymentCap);
      expect(onChain.totalCap, `${label}: total cap`).to.equal(grant.totalCap);
      expect(onChain.spent, `${label}: spent`).to.equal(grant.spent);
      if (onChain.totalCap !== 0n) expect(onChain.spent <= onChain.totalCap, `${label}: within total`).to.equal(true);
    }

    expect(extensions.requestCount, "payment requests created").to.equal(BigInt(this.model.paymentRequests.length));
    for (const [i, requestId] of requestIds.entries()) {
      const expected = this.model.paymentRequests[requestId - 1]?.status ?? PaymentRequestStatus.None;
      expect(BigInt(extensions.requestStatuses[i]), `status of payment request #${requestId}`).to.equal(expected);
    }
  }

  // ------------------------------------------------------------ the bank side

  takeBankDeposit(): BankDeposit | undefined {
    if (this.bankDeposits.length === 0) return undefined;
    return this.bankDeposits.splice(this.random.int(this.bankDeposits.length), 1)[0];
  }

  /** A deposit that could not be minted waits in the bank, unless its account is gone: then it is refunded. */
  returnBankDeposit(deposit: BankDeposit) {
    const status = this.model.account(deposit.to).status;
    if (status === Status.Closed || status === Status.None) this.payOutEuros(deposit.amount);
    else this.bankDeposits.push(deposit);
  }

  /** After a migration the member pays with the new key. */
  replaceMember(oldAddress: string, newKey: Wallet) {
    const index = this.memberAddresses.indexOf(oldAddress);
    this.members[index] = newKey;
    this.memberAddresses[index] = newKey.address;
  }

  receiveEuros(deposit: BankDeposit) {
    this.fund += deposit.amount;
    this.bankMovements.push({ time: this.clock - 1n, amount: deposit.amount });
    this.bankDeposits.push(deposit);
  }

  /** Euros leave with the transaction that burns them (it is mined at `clock`). */
  payOutEuros(amount: bigint) {
    this.fund -= amount;
    this.bankMovements.push({ time: this.clock, amount: -amount });
  }

  /** What the bank statement of `time` shows. */
  fundBalanceAt(time: bigint): bigint {
    return this.bankMovements.filter((m) => m.time <= time).reduce((sum, m) => sum + m.amount, 0n);
  }

  /** Times a statement could be of: every movement's, and the latest block's. */
  statementTimes(): bigint[] {
    return [...new Set(this.bankMovements.map((m) => m.time).concat(this.clock - 1n))].filter((t) => t < this.clock);
  }

  get fundBalance(): bigint {
    return this.fund;
  }
}

// ------------------------------------------------------------ the operations

async function payment(w: World) {
  const from = w.anyMember();
  const fromAddress = await from.getAddress();
  const to = w.anyAddress();
  const amount = w.amountFor(w.model.account(fromAddress).balance);
  await w.run(
    `pay ${amount} ${fromAddress} -> ${to}`,
    w.model.pay(fromAddress, to, amount),
    () => w.currency.connect(from).transfer(to, amount),
    () => w.model.applyPay(fromAddress, to, amount),
  );
}

async function paymentWithAllowance(w: World) {
  const owner = w.anyMember();
  const ownerAddress = await owner.getAddress();
  const spender = w.anyMember();
  const spenderAddress = await spender.getAddress();
  const allowance = w.random.amount(0n, 2_000n);
  await w.currency.connect(owner).approve(spenderAddress, allowance);
  w.model.allowances.set(`${ownerAddress}:${spenderAddress}`, allowance);
  const to = w.anyAddress();
  const amount = w.random.amount(0n, 2_500n);
  await w.run(
    `payFrom ${amount} ${ownerAddress} -> ${to} by ${spenderAddress}`,
    w.model.payFrom(spenderAddress, ownerAddress, to, amount),
    () => w.currency.connect(spender).transferFrom(ownerAddress, to, amount),
    () => w.model.applyPayFrom(spenderAddress, ownerAddress, to, amount),
  );
}

/** Euros reach the fund; the deposit waits for a treasurer to mint it. Nothing happens on chain. */
async function depositArrives(w: World) {
  const to = w.anyAddress();
  const amount = w.random.chance(0.02) ? 0n : w.random.amount(1n, 20_000n);
  if (amount === 0n) {
    // A zero deposit never reaches the bank: try it on chain directly, it must fail.
    await w.run(
      "mint zero",
      w.model.mint([{ to, amount, ref: id("zero") }]),
      () => w.currency.connect(w.f.treasurer).mint(to, 0n, id("zero")),
      () => {},
    );
    return;
  }
  w.receiveEuros({ to, amount, ref: w.newDepositRef() });
}

async function mintOne(w: World) {
  const deposit = w.takeBankDeposit();
  if (deposit === undefined) return depositArrives(w);
  const predicted = w.model.mint([deposit]);
  await w.run(
    `mint ${deposit.amount} -> ${deposit.to}`,
    predicted,
    () => w.currency.connect(w.f.treasurer).mint(deposit.to, deposit.amount, deposit.ref),
    () => w.model.applyMint([deposit]),
  );
  if (predicted !== null) w.returnBankDeposit(deposit);
}

async function mintBatch(w: World) {
  const deposits: BankDeposit[] = [];
  for (let i = w.random.int(6) + 2; i > 0; i--) {
    const deposit = w.takeBankDeposit();
    if (deposit !== undefined) deposits.push(deposit);
  }
  if (deposits.length === 0) return depositArrives(w);
  const predicted = w.model.mint(deposits);
  await w.run(
    `mintBatch ${deposits.length}`,
    predicted,
    () =>
      w.currency
        .connect(w.f.treasurer)
        .mintBatch(deposits.map((d) => ({ to: d.to, amount: d.amount, depositRef: d.ref }))),
    () => w.model.applyMint(deposits),
  );
  if (predicted !== null) deposits.forEach((d) => w.returnBankDeposit(d));
}

/** A retried mint (double click, crashed script): must be refused. */
async function replayMintedDeposit(w: World) {
  const minted = [...w.model.mintedDeposits];
  if (minted.length === 0) return mintOne(w);
  const ref = w.random.pick(minted);
  const to = w.random.pick(w.tracked.slice(1));
  await w.run(
    "replay mint",
    w.model.mint([{ to, amount: 1n, ref }]),
    () => w.currency.connect(w.f.treasurer).mint(to, 1n, ref),
    () => {},
  );
}

/**
 * An auditor attests what the bank account held at a past time: mostly the latest statement, often a late one
 * (payouts settled since), sometimes the same statement again, sometimes one older than the last attested.
 */
async function attest(w: World) {
  const times = w.statementTimes();
  const roll = w.random.int(10);
  let asOf: bigint;
  if (roll < 4) asOf = w.clock - 1n;
  else if (roll < 8) asOf = w.random.pick(times.filter((t) => t >= w.model.attestedAsOf).concat(w.clock - 1n));
  else if (roll < 9 && w.model.attested) asOf = w.model.attestedAsOf;
  else asOf = w.random.pick(times);
  const amount = w.fundBalanceAt(asOf);
  await w.run(
    `attest ${amount} as of ${asOf}`,
    w.model.attest(asOf),
    () => w.currency.connect(w.f.auditor).attestReserve(amount, asOf, id(`statement ${asOf}`)),
    () => w.model.applyAttest(amount, asOf),
  );
}

/** Nothing happens on chain for a while (up to twice the member-move delay), then something does. */
async function timePasses(w: World) {
  w.passTime(w.random.amount(1n, 2n * MEMBER_MOVE_DELAY));
  await w.anyOtherOperation()(w);
}

async function freeze(w: World) {
  const account = w.random.pick(w.memberAddresses.concat(w.freshKeys.map((k) => k.address)));
  await w.run(
    `freeze ${account}`,
    w.model.freeze(account),
    () => w.currency.connect(w.f.manager).freeze(account),
    () => w.model.applyFreeze(account),
  );
}

async function unfreeze(w: World) {
  const account = w.random.pick(w.memberAddresses.concat(w.freshKeys.map((k) => k.address)));
  await w.run(
    `unfreeze ${account}`,
    w.model.unfreeze(account),
    () => w.currency.connect(w.f.manager).unfreeze(account),
    () => {
      w.model.account(account).status = Status.Active;
    },
  );
}

async function admit(w: World) {
  const account = w.random.pick(w.freshKeys).address;
  const kind = w.random.pick([Kind.Person, Kind.Business]);
  await w.run(
    `admit ${account}`,
    w.model.admit(account),
    () => w.currency.connect(w.f.manager).admit(account, kind),
    () => {
      w.model.accounts.set(account, { balance: 0n, kind, status: Status.Active });
    },
  );
}

/** A few fresh keys at once, sometimes one twice or one already admitted: all admitted, or none. */
async function admitMembersInBatch(w: World) {
  const admissions = Array.from({ length: w.random.int(4) + 1 }, () => ({
    account: w.random.pick(w.freshKeys).address,
    kind: w.random.pick([Kind.Person, Kind.Business]),
  }));
  const inThisBatch = new Set<string>();
  let predicted: string | null = null;
  for (const { account } of admissions) {
    predicted = inThisBatch.has(account) ? "AccountAlreadyAdmitted" : w.model.admit(account);
    if (predicted !== null) break;
    inThisBatch.add(account);
  }
  await w.run(
    `admitMembersInBatch ${admissions.length}`,
    predicted,
    () => w.currency.connect(w.f.manager).admitMembersInBatch(admissions),
    () => {
      for (const { account, kind } of admissions) {
        w.model.accounts.set(account, { balance: 0n, kind, status: Status.Active });
      }
    },
  );
}

async function requestReconversion(w: World) {
  const member = w.anyMember();
  const address = await member.getAddress();
  const amount = w.amountFor(w.model.account(address).balance);
  await w.run(
    `request ${amount} by ${address}`,
    w.model.requestReconversion(address, amount),
    () => w.currency.connect(member).requestReconversion(amount),
    () => w.model.applyRequest(address, amount),
  );
}

function anyRequestId(w: World): number {
  const pending = w.model.requests.flatMap((r, i) => (r.status === 1n ? [i + 1] : []));
  if (pending.length > 0 && w.random.chance(0.9)) return w.random.pick(pending);
  return w.random.int(w.model.requests.length + 2) + 1;
}

async function settleReconversion(w: World) {
  const requestId = anyRequestId(w);
  const usedBefore = [...w.model.usedReferences];
  const ref = usedBefore.length > 0 && w.random.chance(0.05) ? w.random.pick(usedBefore) : w.newReference();
  await w.run(
    `settle #${requestId}`,
    w.model.settle(requestId, ref),
    () => w.currency.connect(w.f.treasurer).settleReconversion(requestId, ref),
    () => w.payOutEuros(w.model.applySettle(requestId, ref)),
  );
}

async function rejectReconversion(w: World) {
  const requestId = anyRequestId(w);
  await w.run(
    `reject #${requestId}`,
    w.model.reject(requestId),
    () => w.currency.connect(w.f.treasurer).rejectReconversion(requestId, "random rejection"),
    () => w.model.applyReject(requestId),
  );
}

async function recover(w: World) {
  const candidates = w.memberAddresses.concat(w.freshKeys.map((k) => k.address));
  const frozen = candidates.filter((a) => w.model.account(a).status === Status.Frozen);
  const lost = frozen.length > 0 && w.random.chance(0.9) ? w.random.pick(frozen) : w.random.pick(candidates);
  const replacement = w.random.pick(candidates);
  const predicted = w.model.recover(lost, replacement);
  await w.run(
    `recover ${lost} -> ${replacement}`,
    predicted,
    () => w.currency.connect(w.f.manager).recover(lost, replacement, id(`ticket ${w.currentStep}`)),
    () => w.model.applyProposeRecovery(lost, replacement),
  );
  // The member's credit follows the money to the replacement, unless that one has credit of its own.
  if (predicted === null && w.random.chance(0.7)) {
    await moveCredit(w, lost, replacement);
  }
}

/** Anyone carries out a pending recovery: often before its delay, which must be refused. */
async function executeRecovery(w: World) {
  const pending = [...w.model.pendingRecoveries.keys()];
  const lost = pending.length > 0 && w.random.chance(0.9) ? w.random.pick(pending) : w.random.pick(w.keyHolders);
  const caller = w.random.chance(0.5) ? w.f.outsider : w.anyMember();
  await w.run(
    `executeRecovery ${lost}`,
    w.model.executeRecovery(lost),
    () => w.currency.connect(caller).executeRecovery(lost),
    () => w.model.applyExecuteRecovery(lost),
    lost,
  );
}

/** An auditor vetoes a pending recovery (a stolen member manager key). */
async function cancelRecovery(w: World) {
  const pending = [...w.model.pendingRecoveries.keys()];
  const lost = pending.length > 0 && w.random.chance(0.9) ? w.random.pick(pending) : w.random.pick(w.keyHolders);
  await w.run(
    `cancelRecovery ${lost}`,
    w.model.cancelRecovery(lost),
    () => w.currency.connect(w.f.auditor).cancelRecovery(lost),
    () => w.model.pendingRecoveries.delete(lost),
  );
}

async function treasurerBurn(w: World) {
  const treasurer = w.f.treasurer.address;
  const amount = w.amountFor(w.model.account(treasurer).balance);
  const ref = w.newReference();
  await w.run(
    `burn ${amount}`,
    w.model.burn(treasurer, amount, ref),
    () => w.currency.connect(w.f.treasurer).burn(amount, ref),
    () => {
      w.model.applyBurn(treasurer, amount, ref);
      w.payOutEuros(amount);
    },
  );
}

async function migrate(w: World) {
  const oldKey = w.random.pick(w.members.slice(0, 12));
  const oldAddress = await oldKey.getAddress();
  const newKey = w.random.pick(w.freshKeys);
  await w.run(
    `proposeMigration ${oldAddress} -> ${newKey.address}`,
    w.model.migrate(oldAddress, newKey.address),
    () => w.currency.connect(oldKey).proposeMigration(newKey.address),
    () => w.model.applyProposeMigration(oldAddress, newKey.address),
  );
}

/** The new key of a pending migration accepts it: before its delay is refused; so is any other key. */
async function acceptMigration(w: World) {
  const pending = [...w.model.pendingMigrations.entries()];
  if (pending.length === 0) return migrate(w);
  const [oldAddress, { newAccount }] = w.random.pick(pending);
  const acceptor = w.random.chance(0.9) ? newAccount : w.random.pick(w.freshKeys).address;
  const newKey = w.signerOf(acceptor) as Wallet;
  const predicted = w.model.acceptMigration(oldAddress, acceptor);
  await w.run(
    `acceptMigration ${oldAddress} -> ${acceptor}`,
    predicted,
    () => w.currency.connect(newKey).acceptMigration(oldAddress),
    () => {
      w.model.applyMigrate(oldAddress, acceptor);
      w.replaceMember(oldAddress, newKey);
    },
  );
  if (predicted !== null) return;
  // The new key pays as the old one did (delegations and requests too); its credit account follows.
  await w.approveExtensions(newKey);
  await w.run(
    `followMigration ${oldAddress} -> ${acceptor}`,
    w.model.followMigration(oldAddress),
    () => w.f.credit.connect(w.f.outsider).followMigration(oldAddress),
    () => w.model.applyFollowMigration(oldAddress),
  );
}

async function pauseOrResume(w: World) {
  if (w.model.paused) {
    await scheduleGovernance(
      w,
      "unpause",
      w.currency.interface.encodeFunctionData("unpause"),
      () => (w.model.paused ? null : "ExpectedPause"),
      () => {
        w.model.paused = false;
      },
    );
  } else {
    await w.run(
      "pause",
      null,
      () => w.currency.connect(w.f.pauser).pause(),
      () => {
        w.model.paused = true;
      },
    );
  }
}

/** An incident's end: the resume waits the governance delay, so it is scheduled, then executed once ready. */
async function resumeAfterIncident(w: World) {
  const resume = w.pendingGovernance.find((op) => op.label === "unpause");
  if (resume === undefined) return pauseOrResume(w);
  if (w.clock < resume.executableAt) w.passTime(resume.executableAt - w.clock);
  return executeGovernance(w, resume);
}

// ------------------------------------------------------------ governance through the timelock

/** The board schedules a governor call; it can execute, by anyone, only once the delay has passed. */
async function scheduleGovernance(
  w: World,
  label: string,
  data: string,
  predict: () => string | null,
  apply: () => void,
) {
  const salt = w.nextGovernanceSalt();
  const executableAt = w.clock + GOVERNANCE_DELAY;
  await w.run(
    `schedule ${label}`,
    null,
    () => w.f.timelock!.connect(w.f.governor).schedule(w.currency.target, 0n, data, ZeroHash, salt, GOVERNANCE_DELAY),
    () => w.pendingGovernance.push({ label, data, salt, executableAt, predict, apply }),
  );
}

/**
 * Anyone executes a scheduled operation: refused before its delay, and for good once executed or cancelled; once
 * ready, the currency's own rules decide (a fee above the ceiling is refused then too).
 */
async function executeGovernance(w: World, chosen?: World["pendingGovernance"][number]) {
  if (chosen === undefined && w.pendingGovernance.length === 0 && w.closedGovernance.length === 0) return;
  const closed = chosen === undefined && (w.pendingGovernance.length === 0 || w.random.chance(0.05));
  const operation = chosen ?? (closed ? w.random.pick(w.closedGovernance) : w.random.pick(w.pendingGovernance));
  const pending = closed ? undefined : (operation as World["pendingGovernance"][number]);
  const predicted =
    pending === undefined || w.clock < pending.executableAt ? "TimelockUnexpectedOperationState" : pending.predict();
  await w.run(
    `execute ${operation.label}`,
    predicted,
    () =>
      w.f
        .timelock!.connect(w.random.chance(0.5) ? w.f.outsider : w.f.governor)
        .execute(w.currency.target, 0n, operation.data, ZeroHash, operation.salt),
    () => {
      pending!.apply();
      w.pendingGovernance.splice(w.pendingGovernance.indexOf(pending!), 1);
      w.closedGovernance.push(pending!);
    },
  );
}

/** An auditor cancels a scheduled operation (a stolen board key); nothing of it ever executes. */
async function cancelGovernance(w: World) {
  if (w.pendingGovernance.length === 0) return;
  const operation = w.random.pick(w.pendingGovernance);
  await w.run(
    `cancel ${operation.label}`,
    null,
    async () =>
      w.f
        .timelock!.connect(w.f.auditor)
        .cancel(await w.f.timelock!.hashOperation(w.currency.target, 0n, operation.data, ZeroHash, operation.salt)),
    () => {
      w.pendingGovernance.splice(w.pendingGovernance.indexOf(operation), 1);
      w.closedGovernance.push(operation);
    },
  );
}

// ------------------------------------------------------------ fees and transfer rules

/** Fees of 0 to 3 % by recipient kind, often back to none; rarely above the 5 % ceiling, which is refused. */
async function setPaymentFees(w: World) {
  const none = w.random.chance(0.4);
  const fees = [0, 1, 2].map(() => (none ? 0n : w.random.amount(0n, 300n)));
  if (!none && w.random.chance(0.05)) fees[w.random.int(3)] = w.random.amount(501n, 65_535n);
  const [toPerson, toBusiness, toAssociation] = fees;
  await scheduleGovernance(
    w,
    `setPaymentFees ${fees.join("/")}`,
    w.currency.interface.encodeFunctionData("setPaymentFees", [toPerson, toBusiness, toAssociation]),
    () => w.model.setPaymentFees(toPerson, toBusiness, toAssociation),
    () => w.model.applySetPaymentFees(toPerson, toBusiness, toAssociation),
  );
}

/** Toggles one (fromKind, toKind) pair; lifts a rule more often than it adds one, so few pairs stay refused. */
async function setTransferRule(w: World) {
  const kinds = [Kind.Person, Kind.Business, Kind.Association];
  const forbidden = [...w.model.forbiddenPairs];
  let fromKind: bigint;
  let toKind: bigint;
  if (forbidden.length > 0 && w.random.chance(0.75)) {
    [fromKind, toKind] = w.random.pick(forbidden).split(":").map(BigInt);
  } else {
    fromKind = w.random.chance(0.03) ? Kind.None : w.random.pick(kinds);
    toKind = w.random.pick(kinds);
  }
  const forbid = !w.model.forbiddenPairs.has(`${fromKind}:${toKind}`);
  await scheduleGovernance(
    w,
    `setTransferRule ${fromKind}->${toKind} ${forbid}`,
    w.currency.interface.encodeFunctionData("setTransferRule", [fromKind, toKind, forbid]),
    () => w.model.setTransferRule(fromKind, toKind),
    () => w.model.applySetTransferRule(fromKind, toKind, forbid),
  );
}

// ------------------------------------------------------------ EIP-3009 signed payments

const TRANSFER_WITH_AUTHORIZATION = { TransferWithAuthorization: [...AUTHORIZATION_FIELDS] };

/**
 * A member signs a payment, a relayer submits it. Sometimes the window is closed or the wrong key signed;
 * sometimes an authorization already submitted is replayed: refused once used, but one whose payment failed
 * was rolled back whole and may go through now.
 */
async function signedPayment(w: World) {
  let entry: { auth: ModelAuthorization; signature: string };
  const replay = w.authorizations.length > 0 && w.random.chance(0.2);
  if (replay) {
    const used = w.authorizations.filter(({ auth }) => w.model.usedAuthorizations.has(`${auth.from}:${auth.nonce}`));
    entry = used.length > 0 && w.random.chance(0.7) ? w.random.pick(used) : w.random.pick(w.authorizations);
  } else {
    // Mostly a member's current key, sometimes a key that may never have been admitted (or was migrated).
    const wallets = w.members.slice(0, 12) as Wallet[];
    const fromKey = w.random.chance(0.9) ? w.random.pick(wallets) : w.random.pick(w.freshKeys);
    const signerKey = w.random.chance(0.03) ? w.random.pick(w.freshKeys.concat(wallets)) : fromKey;
    const auth: ModelAuthorization = {
      from: fromKey.address,
      to: w.anyAddress(),
      value: w.amountFor(w.model.account(fromKey.address).balance),
      ...authorizationWindow(w),
      nonce: w.newAuthorizationNonce(),
      signer: signerKey.address,
    };
    const message = {
      from: auth.from,
      to: auth.to,
      value: auth.value,
      validAfter: auth.validAfter,
      validBefore: auth.validBefore,
      nonce: auth.nonce,
    };
    const signature = await signerKey.signTypedData(w.authorizationDomain, TRANSFER_WITH_AUTHORIZATION, message);
    entry = { auth, signature };
    w.authorizations.push(entry);
  }
  const { auth, signature } = entry;
  const { v, r, s } = Signature.from(signature);
  // The relayer's own status does not matter: only the signer's money moves.
  const relayer = w.random.chance(0.5) ? w.f.outsider : w.anyMember();
  await w.run(
    `${replay ? "replaySignedPay" : "signedPay"} ${auth.value} ${auth.from} -> ${auth.to}`,
    w.model.transferWithAuthorization(auth),
    () =>
      w.currency
        .connect(relayer)
        .transferWithAuthorization(
          auth.from,
          auth.to,
          auth.value,
          auth.validAfter,
          auth.validBefore,
          auth.nonce,
          v,
          r,
          s,
        ),
    () => w.model.applyTransferWithAuthorization(auth),
  );
}

/** Mostly valid now for up to a day; sometimes not yet valid, expired, or longer than a day (refused). */
function authorizationWindow(w: World): { validAfter: bigint; validBefore: bigint } {
  const roll = w.random.int(100);
  if (roll < 3) return { validAfter: w.clock + 100n, validBefore: w.clock + 3_700n };
  if (roll < 6) return { validAfter: w.clock - 7_200n, validBefore: w.clock - 3_600n };
  if (roll < 9) return { validAfter: w.clock - 1n, validBefore: w.clock + 86_400n };
  const validAfter = w.clock - w.random.amount(1n, 3_600n);
  return { validAfter, validBefore: validAfter + w.random.amount(3_601n, 86_400n) };
}

// ------------------------------------------------------------ mutual credit

/** Limits of 0 to 200.00 on a member, sometimes on a key that is closed or was never admitted. */
async function setCreditLimits(w: World) {
  const account = w.random.chance(0.85) ? w.random.pick(w.memberAddresses) : w.random.pick(w.keyHolders);
  const limit = () => (w.random.chance(0.1) ? 0n : w.random.amount(0n, 20_000n));
  const floor = w.random.chance(0.02) ? 2n ** 64n : limit();
  const ceiling = limit();
  await w.run(
    `creditLimits ${floor}/${ceiling} ${account}`,
    w.model.setCreditLimits(account, floor, ceiling),
    () => w.f.credit.connect(w.f.manager).setCreditLimits(account, floor, ceiling),
    () => w.model.applySetCreditLimits(account, floor, ceiling),
  );
}

/** Mostly within the payer's floor, sometimes zero, beyond the floor, or to oneself. */
async function creditPay(w: World) {
  const from = w.anyMember();
  const fromAddress = await from.getAddress();
  const to = w.random.chance(0.05) ? fromAddress : w.anyAddress();
  const sender = w.model.creditOf(fromAddress);
  const room = sender.balance + sender.floor; // what the payer may still pay
  const roll = w.random.next();
  let amount: bigint;
  if (roll < 0.04) amount = 0n;
  else if (roll < 0.14 || room <= 0n) amount = (room > 0n ? room : 0n) + w.random.amount(1n, 1_000n);
  else amount = w.random.amount(1n, room);
  await w.run(
    `creditPay ${amount} ${fromAddress} -> ${to}`,
    w.model.creditPay(fromAddress, to, amount),
    () => w.f.credit.connect(from).pay(to, amount),
    () => w.model.applyCreditPay(fromAddress, to, amount),
  );
}

/** The member manager proposes a move of a credit account; usually the new account accepts it. */
async function moveCredit(w: World, from: string, to: string) {
  const proposal = w.model.proposeCreditMove(from, to);
  await w.run(
    `proposeCreditMove ${from} -> ${to}`,
    proposal,
    () => w.f.credit.connect(w.f.manager).proposeCreditMove(from, to, id(`credit move ${w.currentStep}`)),
    () => w.model.applyProposeCreditMove(from, to),
  );
  if (proposal !== null || w.random.chance(0.1)) return;
  // Sometimes somebody else than `to` tries to take the account: nobody takes on a debt without consenting.
  const acceptor = w.random.chance(0.1) ? w.random.pick(w.keyHolders) : to;
  await w.run(
    `acceptCreditMove ${from} -> ${acceptor}`,
    w.model.acceptCreditMove(from, acceptor),
    () => w.f.credit.connect(w.signerOf(acceptor)).acceptCreditMove(from),
    () => w.model.applyAcceptCreditMove(from, acceptor),
  );
}

/** Anyone applies a raised credit floor, sometimes before its delay (refused). */
async function applyCreditFloorRaise(w: World) {
  const pending = [...w.model.pendingFloors.keys()];
  const account = pending.length > 0 && w.random.chance(0.9) ? w.random.pick(pending) : w.random.pick(w.keyHolders);
  await w.run(
    `applyCreditFloor ${account}`,
    w.model.applyCreditFloorRaise(account),
    () => w.f.credit.connect(w.f.outsider).applyCreditFloorRaise(account),
    () => w.model.applyApplyCreditFloorRaise(account),
  );
}

/** The new account of a pending credit move accepts it, sometimes before its delay (refused). */
async function acceptPendingCreditMove(w: World) {
  const pending = [...w.model.pendingCreditMoves.entries()];
  if (pending.length === 0) return moveCreditAccount(w);
  const [from, { to }] = w.random.pick(pending);
  await w.run(
    `acceptCreditMove ${from} -> ${to}`,
    w.model.acceptCreditMove(from, to),
    () => w.f.credit.connect(w.signerOf(to)).acceptCreditMove(from),
    () => w.model.applyAcceptCreditMove(from, to),
  );
}

/** A move the member manager might get wrong: from an active account, to a frozen one or one in use. */
async function moveCreditAccount(w: World) {
  await moveCredit(w, w.random.pick(w.keyHolders), w.random.pick(w.keyHolders));
}

// ------------------------------------------------------------ delegations

/** A member lets someone pay for them: a per-payment cap, half the time a total cap, no expiry. */
async function grantDelegation(w: World) {
  const owner = w.anyMember();
  const ownerAddress = await owner.getAddress();
  const delegate = w.random.chance(0.05) ? ownerAddress : w.random.pick(w.keyHolders);
  const perPaymentCap = w.random.chance(0.04) ? 0n : w.random.amount(1n, 3_000n);
  let totalCap = 0n;
  if (w.random.chance(0.5)) {
    // Rarely below the per-payment cap, which must be refused.
    totalCap = w.random.chance(0.05) ? perPaymentCap / 2n : w.random.amount(perPaymentCap, perPaymentCap * 5n);
  }
  w.touchPair(ownerAddress, delegate);
  await w.run(
    `grant ${perPaymentCap}/${totalCap} ${ownerAddress} -> ${delegate}`,
    w.model.grant(ownerAddress, delegate, perPaymentCap, totalCap),
    () => w.f.delegations.connect(owner).grant(delegate, perPaymentCap, totalCap, 0),
    () => w.model.applyGrant(ownerAddress, delegate, perPaymentCap, totalCap),
  );
}

/** Mostly a pair with a grant, sometimes one whose grant was revoked or never made. */
function anyGrantPair(w: World): [string, string] {
  const granted = [...w.model.grants.keys()];
  if (granted.length > 0 && w.random.chance(0.8)) return w.random.pick(granted).split(":") as [string, string];
  if (w.grantPairs.length > 0 && w.random.chance(0.5)) return w.random.pick(w.grantPairs);
  return [w.random.pick(w.memberAddresses), w.random.pick(w.keyHolders)];
}

async function revokeDelegation(w: World) {
  const [owner, delegate] = anyGrantPair(w);
  w.touchPair(owner, delegate);
  await w.run(
    `revoke ${owner} -> ${delegate}`,
    w.model.revoke(owner, delegate),
    () => w.f.delegations.connect(w.signerOf(owner)).revoke(delegate),
    () => w.model.applyRevoke(owner, delegate),
  );
}

/** The delegate pays from the owner's balance: mostly within the caps, sometimes just above one of them. */
async function payForOwner(w: World) {
  const [owner, delegate] = anyGrantPair(w);
  const grant = w.model.grantOf(owner, delegate);
  const to = w.anyAddress();
  let amount: bigint;
  const roll = w.random.next();
  if (grant === undefined) amount = w.random.amount(1n, 1_000n);
  else if (roll < 0.03) amount = 0n;
  else if (roll < 0.13) amount = grant.perPaymentCap + w.random.amount(1n, 500n);
  else {
    const remaining = grant.totalCap === 0n ? grant.perPaymentCap : grant.totalCap - grant.spent;
    const most = remaining < grant.perPaymentCap ? remaining : grant.perPaymentCap;
    // Above what is left of the total, or within both caps.
    amount = roll < 0.23 || most === 0n ? most + w.random.amount(1n, 100n) : w.random.amount(1n, most);
  }
  w.touchPair(owner, delegate);
  await w.run(
    `payFor ${amount} ${owner} -> ${to} by ${delegate}`,
    w.model.payFor(w.delegationsAddress, delegate, owner, to, amount),
    () => w.f.delegations.connect(w.signerOf(delegate)).payFor(owner, to, amount),
    () => w.model.applyPayFor(w.delegationsAddress, delegate, owner, to, amount),
  );
}

// ------------------------------------------------------------ payment requests

async function createPaymentRequest(w: World) {
  const requester = w.anyMember();
  const requesterAddress = await requester.getAddress();
  const payer = w.random.chance(0.04) ? requesterAddress : w.anyAddress();
  const amount = w.random.chance(0.03) ? 0n : w.random.amount(1n, 3_000n);
  const memo = w.random.chance(0.03) ? "x".repeat(201) : `invoice ${w.currentStep}`;
  const predicted = w.model.createPaymentRequest(requesterAddress, payer, amount, memo.length);
  await w.run(
    `createRequest ${amount} ${requesterAddress} <- ${payer}`,
    predicted,
    () => w.f.requests.connect(requester).create(payer, amount, 0, memo),
    () => w.touchRequest(w.model.applyCreatePaymentRequest(requesterAddress, payer, amount)),
  );
}

/** Mostly an open request; sometimes one already paid (or closed), or an id never created. */
function anyPaymentRequestId(w: World): number {
  const requests = w.model.paymentRequests;
  const withStatus = (status: bigint) => requests.flatMap((r, i) => (r.status === status ? [i + 1] : []));
  const open = withStatus(PaymentRequestStatus.Open);
  if (open.length > 0 && w.random.chance(0.8)) return w.random.pick(open);
  const paid = withStatus(PaymentRequestStatus.Paid);
  if (paid.length > 0 && w.random.chance(0.5)) return w.random.pick(paid);
  return w.random.int(requests.length + 2) + 1;
}

/** The party the request names mostly, sometimes someone else. */
function callerFor(w: World, party: string | undefined): string {
  return party !== undefined && w.random.chance(0.9) ? party : w.random.pick(w.keyHolders);
}

async function payPaymentRequest(w: World) {
  const requestId = anyPaymentRequestId(w);
  const caller = callerFor(w, w.model.paymentRequests[requestId - 1]?.payer);
  w.touchRequest(requestId);
  await w.run(
    `payRequest #${requestId} by ${caller}`,
    w.model.payPaymentRequest(w.requestsAddress, requestId, caller),
    () => w.f.requests.connect(w.signerOf(caller)).pay(requestId),
    () => w.model.applyPayPaymentRequest(w.requestsAddress, requestId),
  );
}

async function rejectPaymentRequest(w: World) {
  const requestId = anyPaymentRequestId(w);
  const caller = callerFor(w, w.model.paymentRequests[requestId - 1]?.payer);
  w.touchRequest(requestId);
  await w.run(
    `rejectRequest #${requestId} by ${caller}`,
    w.model.rejectPaymentRequest(requestId, caller),
    () => w.f.requests.connect(w.signerOf(caller)).reject(requestId),
    () => {
      w.model.paymentRequests[requestId - 1].status = PaymentRequestStatus.Rejected;
    },
  );
}

async function cancelPaymentRequest(w: World) {
  const requestId = anyPaymentRequestId(w);
  const caller = callerFor(w, w.model.paymentRequests[requestId - 1]?.requester);
  w.touchRequest(requestId);
  await w.run(
    `cancelRequest #${requestId} by ${caller}`,
    w.model.cancelPaymentRequest(requestId, caller),
    () => w.f.requests.connect(w.signerOf(caller)).cancel(requestId),
    () => {
      w.model.paymentRequests[requestId - 1].status = PaymentRequestStatus.Cancelled;
    },
  );
}

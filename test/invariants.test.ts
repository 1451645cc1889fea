import { expect } from "chai";
import { id, keccak256, toUtf8Bytes, Wallet, type ContractTransactionResponse, type Signer } from "ethers";
import { network } from "hardhat";

import type { LedgerProbe, LocalCurrency } from "../types/ethers-contracts/index.js";
import { deployCurrency, Kind, kindsMask, Status, type CurrencyFixture } from "./helpers/fixtures.js";
import { LedgerModel } from "./helpers/ledgerModel.js";
import { outcome } from "./helpers/outcome.js";
import { Random } from "./helpers/random.js";

/**
 * Stateful random tests: a seeded, reproducible sequence of mixed operations. After every step, the chain
 * must agree with the model and these must hold:
 *   - supply = sum of all balances, escrow (the currency's own balance) included;
 *   - supply = minted - burned, both read from the Transfer events alone;
 *   - no deposit reference appears in two Minted events;
 *   - a frozen account's balance changed only through recovery;
 *   - supply <= last attested reserve + headroom (the policy is strict).
 * Rerun a failure with KOMUNO_SEED=<seed> (and KOMUNO_STEPS=<n>).
 */
const STEPS = Number(process.env.KOMUNO_STEPS ?? 10_000);
const SEED = Number(process.env.KOMUNO_SEED ?? 20261127);
const HEADROOM = 5_000n;
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
    await currency.connect(governor).setMintAllowance(treasurer.address, ethers.MaxUint256);
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
    return world;
  }

  get currency(): LocalCurrency {
    return this.f.currency;
  }

  async step(step: number) {
    this.currentStep = step;
    // A pause is an incident: it is resumed after a few operations.
    const operation = this.model.paused && this.random.chance(0.25) ? pauseOrResume : this.pickOperation();
    await operation(this);
  }

  report() {
    const lines = [...this.outcomes.entries()].sort().map(([key, count]) => `${key}: ${count}`);
    console.log(`      ${this.successes} of ${this.currentStep} operations succeeded; outcomes: ${lines.join(", ")}`);
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
      [4, unfreeze],
      [1, admit],
      [8, requestReconversion],
      [6, settleReconversion],
      [3, rejectReconversion],
      [3, recover],
      [2, treasurerBurn],
      [1, migrate],
      [1, pauseOrResume],
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
    const result = await outcome(this.currency, send);
    const actual = result.ok ? null : result.error;
    expect(actual, `${label}: outcome`).to.equal(predicted);
    const key = `${label.split(" ")[0]}:${actual ?? "ok"}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    if (result.ok) {
      this.successes++;
      apply();
      this.readEvents(result.receipt.logs);
    }
    await this.checkInvariants(recovery);
  }

  private readEvents(logs: readonly { topics: readonly string[]; data: string }[]) {
    for (const log of logs) {
      const event = this.currency.interface.parseLog(log);
      if (event?.name === "Transfer") {
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

  private async checkInvariants(recoveredAccount?: string) {
    const snapshot = await this.probe.snapshot(this.currency.target, this.tracked);
    const balances = snapshot.balances.map((b) => b);
    const statuses = snapshot.statuses.map((s) => BigInt(s));
    const sum = balances.reduce((a, b) => a + b, 0n);

    expect(snapshot.supply, "supply = sum of balances + escrow").to.equal(sum);
    expect(snapshot.supply, "supply = minted - burned (from events)").to.equal(this.minted - this.burned);
    expect(snapshot.supply, "supply = model").to.equal(this.model.supply);
    expect(snapshot.burnedSinceAttestation, "burned since the attestation").to.equal(this.model.burnedSinceAttestation);
    const reserveNow = snapshot.attestedReserve - snapshot.burnedSinceAttestation;
    expect(snapshot.supply <= reserveNow + HEADROOM, "supply <= attested reserve - burned since + headroom").to.equal(
      true,
    );
    expect(snapshot.paused, "paused").to.equal(this.model.paused);
    for (const [i, address] of this.tracked.entries()) {
      const expected = this.model.account(address);
      expect(balances[i], `balance of ${address}`).to.equal(expected.balance);
      expect(statuses[i], `status of ${address}`).to.equal(expected.status);
      if (this.previous !== null && this.previous.statuses[i] === Status.Frozen && statuses[i] === Status.Frozen) {
        if (balances[i] !== this.previous.balances[i]) {
          expect(recoveredAccount, `frozen ${address} changed other than by recovery`).to.equal(address);
        }
      }
    }
    this.previous = { balances, statuses };
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
    this.bankDeposits.push(deposit);
  }

  payOutEuros(amount: bigint) {
    this.fund -= amount;
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

async function attest(w: World) {
  const block = await ethers.provider.getBlock("latest");
  const amount = w.fundBalance;
  await w.run(
    `attest ${amount}`,
    null,
    () => w.currency.connect(w.f.auditor).attestReserve(amount, block!.timestamp, id(`statement ${amount}`)),
    () => w.model.applyAttest(amount),
  );
}

async function freeze(w: World) {
  const account = w.random.pick(w.memberAddresses.concat(w.freshKeys.map((k) => k.address)));
  await w.run(
    `freeze ${account}`,
    w.model.freeze(account),
    () => w.currency.connect(w.f.manager).freeze(account),
    () => {
      w.model.account(account).status = Status.Frozen;
    },
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
  await w.run(
    `recover ${lost} -> ${replacement}`,
    w.model.recover(lost, replacement),
    () => w.currency.connect(w.f.manager).recover(lost, replacement, id(`ticket ${w.currentStep}`)),
    () => w.model.applyRecover(lost, replacement),
    lost,
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
  const predicted = w.model.migrate(oldAddress, newKey.address);
  await w.run(
    `proposeMigration ${oldAddress} -> ${newKey.address}`,
    predicted,
    () => w.currency.connect(oldKey).proposeMigration(newKey.address),
    () => {},
  );
  if (predicted !== null) return;
  await w.run(
    `acceptMigration ${oldAddress} -> ${newKey.address}`,
    null,
    () => w.currency.connect(newKey).acceptMigration(oldAddress),
    () => {
      w.model.applyMigrate(oldAddress, newKey.address);
      w.replaceMember(oldAddress, newKey);
    },
  );
}

async function pauseOrResume(w: World) {
  if (w.model.paused) {
    await w.run(
      "unpause",
      null,
      () => w.currency.connect(w.f.governor).unpause(),
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

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

export class LedgerModel {
  readonly accounts = new Map<string, ModelAccount>();
  readonly mintedDeposits = new Set<string>();
  readonly usedReferences = new Set<string>();
  readonly requests: ModelRequest[] = [];
  readonly allowances = new Map<string, bigint>();
  supply = 0n;
  paused = false;
  attestedReserve = 0n;
  burnedSinceAttestation = 0n;
  attested = false;

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

  isActive(address: string): boolean {
    return this.account(address).status === Status.Active;
  }

  // ------------------------------------------------------------ predictions: the error name, or null

  pay(from: string, to: string, amount: bigint): string | null {
    if (this.paused) return "EnforcedPause";
    if (!this.isActive(from)) return "AccountNotActive";
    if (this.account(from).balance < amount) return "ERC20InsufficientBalance";
    if (!this.isActive(to)) return "AccountNotActive";
    return null;
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
    if (this.supply + total > this.attestedReserve - this.burnedSinceAttestation + this.headroom)
      return "ReserveExceeded";
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
    if (this.commissionOf(request) !== 0n && !this.isActive(this.feeAccount)) return "AccountNotActive";
    return null;
  }

  reject(id: number): string | null {
    if (this.paused) return "EnforcedPause";
    const request = this.requests[id - 1];
    if (request === undefined || request.status !== ReconversionStatus.Pending) return "ReconversionNotPending";
    if (!this.isActive(request.member)) return "AccountNotActive";
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
    return null;
  }

  migrate(oldAccount: string, newAccount: string): string | null {
    if (this.paused) return "EnforcedPause";
    if (!this.isActive(oldAccount)) return "AccountNotActive";
    if (this.account(newAccount).status !== Status.None) return "AccountAlreadyAdmitted";
    return null;
  }

  // ------------------------------------------------------------ effects of a successful operation

  applyPay(from: string, to: string, amount: bigint) {
    this.account(from).balance -= amount;
    this.account(to).balance += amount;
  }

  applyPayFrom(spender: string, from: string, to: string, amount: bigint) {
    const key = `${from}:${spender}`;
    this.allowances.set(key, (this.allowances.get(key) ?? 0n) - amount);
    this.applyPay(from, to, amount);
  }

  applyMint(deposits: { to: string; amount: bigint; ref: string }[]) {
    for (const { to, amount, ref } of deposits) {
      this.mintedDeposits.add(ref);
      this.account(to).balance += amount;
      this.supply += amount;
    }
  }

  applyRequest(member: string, amount: bigint) {
    this.applyPay(member, this.escrowAccount, amount);
    this.requests.push({ member, amount, status: ReconversionStatus.Pending, commissionBps: this.commissionBps });
  }

  /** Returns the euros paid out of the fund. */
  applySettle(id: number, ref: string): bigint {
    const request = this.requests[id - 1];
    const commission = this.commissionOf(request);
    request.status = ReconversionStatus.Settled;
    this.usedReferences.add(ref);
    this.applyPay(this.escrowAccount, this.feeAccount, commission);
    const burned = request.amount - commission;
    this.account(this.escrowAccount).balance -= burned;
    this.supply -= burned;
    this.noteBurn(burned);
    return burned;
  }

  applyReject(id: number) {
    const request = this.requests[id - 1];
    request.status = ReconversionStatus.Rejected;
    this.applyPay(this.escrowAccount, request.member, request.amount);
  }

  applyBurn(treasurer: string, amount: bigint, ref: string) {
    this.usedReferences.add(ref);
    this.account(treasurer).balance -= amount;
    this.supply -= amount;
    this.noteBurn(amount);
  }

  applyAttest(amount: bigint) {
    this.attestedReserve = amount;
    this.burnedSinceAttestation = 0n;
    this.attested = true;
  }

  /** The contract's counter saturates at the attested amount. */
  private noteBurn(amount: bigint) {
    const burned = this.burnedSinceAttestation + amount;
    this.burnedSinceAttestation = burned > this.attestedReserve ? this.attestedReserve : burned;
  }

  applyRecover(lost: string, replacement: string) {
    this.applyPay(lost, replacement, this.account(lost).balance);
  }

  applyMigrate(oldAccount: string, newAccount: string) {
    const old = this.account(oldAccount);
    this.accounts.set(newAccount, { balance: old.balance, kind: old.kind, status: Status.Active });
    old.balance = 0n;
    old.status = Status.Closed;
  }

  private commissionOf(request: ModelRequest): bigint {
    return (request.amount * request.commissionBps) / 10_000n;
  }
}

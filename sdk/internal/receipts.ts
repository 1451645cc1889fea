import { JsonRpcApiProvider, toQuantity, type Provider, type TransactionReceipt } from "ethers";

/** A sent transaction whose receipt is awaited. */
export interface SentTransaction {
  hash: string;
  from: string;
  nonce: number;
}

interface Waiter extends SentTransaction {
  confirmations: number;
  /**
   * The transaction is in a block after this one: the blocks up to it were looked at, or were mined before it
   * was sent. -1: never looked up.
   */
  after: number;
  /** New chain heads seen since it was sent: a transaction long unmined is checked for a replacement. */
  heads: number;
  receipt?: TransactionReceipt;
  resolve(receipt: TransactionReceipt): void;
  reject(error: unknown): void;
}

// Looks failing in a row (a node down) before every waiting transaction is failed with the node's error; with
// the backoff between them, about six seconds.
const MAX_FAILURES = 5;
// New heads a transaction may wait before the SDK checks whether its nonce was used by another transaction.
const REPLACEMENT_CHECK_HEADS = 3;
// Confirmed waits resolved per turn of the event loop (see #handOut).
const HAND_OUT_GROUP = 10;
// A block-receipts scan over more blocks than this goes by hash instead (a node that was left behind).
const MAX_SCANNED_BLOCKS = 32;

/**
 * Waits for the receipts of every transaction sent through one provider, block by block: one watcher per
 * provider reads the chain head, and on each new block gathers the receipts of all waiting transactions at
 * once (eth_getBlockReceipts where the node has it, as Besu does: one request per block; else one
 * eth_getTransactionReceipt per waiting transaction, all in one batch), instead of each transaction polling
 * for its own receipt. A node that mines each transaction as it arrives (a development node on automine) is
 * noticed, and a transaction just sent is then looked up at once, with the head, in the same batch.
 */
export class ReceiptWatcher {
  readonly #provider: Provider;
  readonly #waiters = new Map<string, Waiter>();
  /** The last head all waiting transactions were checked against (-1 before the first look). */
  #head = -1;
  #hash: string | null = null;
  /** Whether the node answers eth_getBlockReceipts (undefined until asked). */
  #blockReceipts: boolean | undefined;
  /** Whether transactions were found mined at their first look (an automining node). */
  #automining = true;
  #polling = false;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerIsImmediate = false;
  #failures = 0;
  readonly #confirmed: (() => void)[] = [];
  #handingOut = false;

  constructor(provider: Provider) {
    this.#provider = provider;
  }

  /**
   * To read before sending, and give to `wait`: where the watcher may start looking for the transaction. With
   * block receipts, the last head seen (a transaction sent after it is in a later block); otherwise nothing,
   * and each transaction is looked up by hash at least once, so that a development chain restored to an
   * earlier snapshot, whose next block may be the very block seen before, cannot hide it.
   */
  checkpoint(): number {
    return this.#blockReceipts === true ? this.#head : -1;
  }

  /** Whether the node answers eth_getBlockReceipts (undefined until the watcher needed to know). */
  get blockReceipts(): boolean | undefined {
    return this.#blockReceipts;
  }

  /**
   * The receipt of `tx` once it has `confirmations` blocks (itself included). `after` is the checkpoint read
   * before the transaction was sent. Rejects only when the node stays unreachable, or when another
   * transaction took its nonce.
   */
  wait(tx: SentTransaction, confirmations: number, after: number): Promise<TransactionReceipt> {
    return new Promise((resolve, reject) => {
      this.#waiters.set(tx.hash, {
        hash: tx.hash,
        from: tx.from,
        nonce: tx.nonce,
        confirmations: Math.max(1, confirmations),
        after,
        heads: 0,
        resolve,
        reject,
      });
      // An automining node has already mined it: look now (sends finishing together share one look).
      this.#schedule(0);
    });
  }

  #schedule(delay: number): void {
    if (this.#polling) {
      if (delay === 0) this.#again = true;
      return;
    }
    if (this.#timer !== undefined) {
      if (delay !== 0 || this.#timerIsImmediate) return;
      clearTimeout(this.#timer);
    }
    this.#timerIsImmediate = delay === 0;
    this.#timer = setTimeout(() => void this.#run(), delay);
  }

  async #run(): Promise<void> {
    this.#timer = undefined;
    this.#polling = true;
    this.#again = false;
    let delay = this.#interval();
    try {
      await this.#poll();
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      if (this.#failures >= MAX_FAILURES) {
        this.#failures = 0;
        for (const waiter of this.#waiters.values()) waiter.reject(error);
        this.#waiters.clear();
      }
      delay = 200 * 2 ** this.#failures;
      this.#again = false;
    } finally {
      this.#polling = false;
    }
    if (this.#waiters.size > 0) this.#schedule(this.#again ? 0 : delay);
  }

  #interval(): number {
    const interval = (this.#provider as { pollingInterval?: unknown }).pollingInterval;
    return typeof interval === "number" && interval > 0 ? interval : 200;
  }

  async #poll(): Promise<void> {
    const provider = this.#provider;
    // On an automining node, transactions never looked up are looked up with the head, in one round trip.
    const fresh = this.#automining
      ? [...this.#waiters.values()].filter((w) => w.receipt === undefined && w.after === -1)
      : [];
    // The latest block rather than only its number: its hash tells a chain that went back and grew again to
    // the same height (a development node's snapshot restored) from one that did not move.
    const [latest, early] = await Promise.all([provider.getBlock("latest"), this.#byHash(fresh)]);
    if (latest === null) throw new Error("the node has no latest block");
    const head = latest.number;
    if (this.#blockReceipts === undefined && provider instanceof JsonRpcApiProvider) {
      this.#blockReceipts = (await this.#blockReceiptsOf(provider, head, head)) !== undefined;
    }
    if (head < this.#head || (head === this.#head && latest.hash !== this.#hash)) {
      // What was seen of the old chain says nothing of the new one: every transaction is looked up again.
      this.#head = -1;
      for (const waiter of this.#waiters.values()) {
        waiter.after = -1;
        waiter.receipt = undefined;
      }
    }
    for (const waiter of fresh) {
      waiter.receipt = early.get(waiter.hash);
      // Looked up as the head was read: mined in the head at the latest, so looked up again at the next look.
      if (waiter.receipt === undefined) waiter.after = head - 1;
    }
    if (fresh.length > 0) this.#automining = early.size * 2 >= fresh.length;
    const looked = new Set(fresh);
    const waiting = [...this.#waiters.values()].filter(
      (w) => w.receipt === undefined && w.after < head && !looked.has(w),
    );
    if (waiting.length > 0) {
      const found = await this.#receipts(waiting, head);
      for (const waiter of waiting) {
        const receipt = found.get(waiter.hash);
        if (receipt !== undefined) {
          // Mined by the time of its first look: the node mines as transactions come.
          if (waiter.after === -1) this.#automining = true;
          waiter.receipt = receipt;
        } else {
          waiter.after = head;
          waiter.heads++;
        }
      }
      await this.#checkReplacements(waiting.filter((w) => w.receipt === undefined));
    }
    this.#head = head;
    this.#hash = latest.hash;
    for (const waiter of [...this.#waiters.values()]) {
      const receipt = waiter.receipt;
      if (receipt === undefined || head - receipt.blockNumber + 1 < waiter.confirmations) continue;
      this.#waiters.delete(waiter.hash);
      this.#confirmed.push(() => waiter.resolve(receipt));
    }
    this.#handOut();
  }

  /**
   * Resolves confirmed waits a group at a time, one group per turn of the event loop. A payment resolved here
   * often sends the next one at once (signing it takes most of a millisecond): resolving a hundred together
   * would sign a hundred before the first of them could leave, the node idle meanwhile; a group at a time, the
   * node mines one group's transactions while the next group is signed.
   */
  #handOut(): void {
    if (this.#handingOut) return;
    const next = () => {
      for (const resolve of this.#confirmed.splice(0, HAND_OUT_GROUP)) resolve();
      if (this.#confirmed.length === 0) {
        this.#handingOut = false;
        return;
      }
      // After the group's sends are queued (microtasks), and after the provider's zero-delay timer that sends
      // them.
      afterMicrotasks(() => setTimeout(next, 0));
    };
    this.#handingOut = true;
    next();
  }

  /** The receipts among blocks up to `head` of the waiting transactions, by hash. */
  async #receipts(waiting: Waiter[], head: number): Promise<Map<string, TransactionReceipt>> {
    const provider = this.#provider;
    // By block when the node has it and it is fewer requests: one per new block rather than one per transaction.
    // A transaction sent while an earlier look was under way may be in a block already looked at: by hash.
    const byHash = waiting.filter((w) => w.after < this.#head);
    const blocks = head - this.#head;
    if (
      provider instanceof JsonRpcApiProvider &&
      this.#blockReceipts === true &&
      this.#head >= 0 &&
      blocks <= MAX_SCANNED_BLOCKS &&
      blocks + byHash.length < waiting.length
    ) {
      const scanned = await this.#blockReceiptsOf(provider, this.#head + 1, head);
      if (scanned !== undefined) {
        const found = await this.#byHash(byHash);
        for (const receipt of scanned) found.set(receipt.hash, receipt);
        return found;
      }
    }
    return this.#byHash(waiting);
  }

  async #byHash(waiting: Waiter[]): Promise<Map<string, TransactionReceipt>> {
    const found = new Map<string, TransactionReceipt>();
    const receipts = await Promise.all(waiting.map((w) => this.#provider.getTransactionReceipt(w.hash)));
    for (const receipt of receipts) if (receipt !== null) found.set(receipt.hash, receipt);
    return found;
  }

  /** Every receipt of blocks `from` to `to`; undefined when the node has no eth_getBlockReceipts. */
  async #blockReceiptsOf(
    provider: JsonRpcApiProvider,
    from: number,
    to: number,
  ): Promise<TransactionReceipt[] | undefined> {
    const numbers = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    let blocks: unknown[];
    try {
      blocks = await Promise.all(numbers.map((n) => provider.send("eth_getBlockReceipts", [toQuantity(n)])));
    } catch (error) {
      if (!isUnsupportedMethod(error)) throw error;
      return undefined;
    }
    const network = await provider.getNetwork();
    return blocks.flatMap((receipts) =>
      ((receipts as object[] | null) ?? []).map((raw) => provider._wrapTransactionReceipt(raw as never, network)),
    );
  }

  /**
   * A transaction unmined for a few blocks whose nonce the chain has passed was replaced (the same key used
   * elsewhere): it will never be mined, so its wait fails rather than lasting for ever.
   */
  async #checkReplacements(unmined: Waiter[]): Promise<void> {
    const due = unmined.filter((w) => w.heads > 0 && w.heads % REPLACEMENT_CHECK_HEADS === 0);
    if (due.length === 0) return;
    const counts = await Promise.all(due.map((w) => this.#provider.getTransactionCount(w.from, "latest")));
    const passed = due.filter((w, i) => counts[i] > w.nonce);
    if (passed.length === 0) return;
    const found = await this.#byHash(passed); // mined between the two looks?
    for (const waiter of passed) {
      const receipt = found.get(waiter.hash);
      if (receipt !== undefined) waiter.receipt = receipt;
      else {
        this.#waiters.delete(waiter.hash);
        waiter.reject(
          new Error(
            `transaction ${waiter.hash} was replaced: another transaction of ${waiter.from} used its nonce ${waiter.nonce}`,
          ),
        );
      }
    }
  }
}

// Node's setImmediate runs once the microtasks are done; a browser (one payment at a time) has a timer.
const afterMicrotasks: (run: () => void) => void =
  typeof setImmediate === "function" ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);

function isUnsupportedMethod(error: unknown): boolean {
  const inner = (error as { error?: { code?: unknown; message?: unknown } })?.error;
  const code = inner?.code;
  const message = String(inner?.message ?? (error as Error)?.message ?? "");
  return code === -32601 || code === -32004 || /not (supported|found|available)|does not exist/i.test(message);
}

const watchers = new WeakMap<Provider, ReceiptWatcher>();

/** The one receipt watcher of a provider. */
export function receiptWatcher(provider: Provider): ReceiptWatcher {
  let watcher = watchers.get(provider);
  if (watcher === undefined) {
    watcher = new ReceiptWatcher(provider);
    watchers.set(provider, watcher);
  }
  return watcher;
}

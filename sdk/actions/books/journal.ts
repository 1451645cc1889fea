import { getAddress, ZeroAddress, type Block } from "ethers";

import type { Cents } from "../../amounts.js";
import type { KomunoClient } from "../../client.js";
import { DEFAULT_ACCOUNTING, type AccountingConfig, type CurrencyConfig } from "../../currency/schema.js";
import { InvalidInputError } from "../../errors.js";
import { getLogsInChunks, type RawLog } from "../../internal/logs.js";
import { read } from "../../internal/transactions.js";
import { referenceFromText } from "../../references.js";
import { daysBetween, nextDay, parseDay, startOfDay } from "./calendar.js";

export interface BuildJournalParams {
  /** The first day of the period, YYYY-MM-DD, in the books' time zone. */
  from: string;
  /**
   * The last day, included. It must be over, by the chain's clock or this machine's: a day's payment fees are
   * one entry, which an export of half a day would leave short.
   */
  to: string;
  /**
   * The currency file: its `accounting` section names the journal, the accounts and the time zone. Refused when
   * it describes another currency (another symbol or chain id). Without it, DEFAULT_ACCOUNTING.
   */
  currencyConfig?: CurrencyConfig;
  /**
   * Reference texts the chain knows only by their hash (the bank statement's), so that an entry carries the
   * bank's own reference; an entry whose reference is not among them carries its transaction hash.
   */
  references?: readonly string[];
  /** Called as the scan advances, with the last block scanned and the last block to scan. */
  onProgress?: (scannedTo: number, toBlock: number) => void;
  /** The moment the period is checked against (default: this machine's clock). */
  now?: Date;
}

export type JournalEntryKind =
  "deposit" | "reconversion" | "burn" | "payment-fees" | "association-received" | "association-paid";

/** One line of an entry: an amount on one side of one account. */
export interface JournalLine {
  account: string;
  label: string;
  /** Cents; one of debit and credit is zero. */
  debit: Cents;
  credit: Cents;
}

/** One balanced journal entry (an Odoo account.move): its lines' debits and credits have the same sum. */
export interface JournalEntry {
  /**
   * The entry's external identifier, the same at every export: importing an entry a second time updates it (or
   * is refused once it is posted) rather than booking it twice. Line `i` (from 1) is `${id}_${i}`.
   */
  id: string;
  kind: JournalEntryKind;
  /** YYYY-MM-DD in the books' time zone, from the block's time. */
  date: string;
  /** The bank's reference text where known, else the transaction hash; `Frais SYMBOL date` for a day's fees. */
  ref: string;
  /** The block of the event; for a day's payment fees, of the last of them. */
  blockNumber: number;
  /** Null for a day's payment fees, which gathers many transactions. */
  transactionHash: string | null;
  lines: JournalLine[];
}

/** What the period's entries add up to, by kind, in cents. */
export interface JournalTotals {
  /** Units issued against euro deposits: every unit minted. */
  deposits: Cents;
  /** Units destroyed when reconversions were settled: the euros paid out for them. */
  reconversionPayouts: Cents;
  /** Units the reconversions' commissions moved to the fee account. */
  commissions: Cents;
  /** Units treasurers destroyed outside reconversions, each against euros out of the fund. */
  treasurerBurns: Cents;
  /** Fees on payments, to the fee account (those the association paid itself are not income). */
  paymentFees: Cents;
  /** How many payments carried those fees. */
  feePayments: number;
  /** Other units the association's own account received, and paid: left to the accountant to classify. */
  associationReceived: Cents;
  associationPaid: Cents;
  /** deposits: what the audit counts as minted. */
  minted: Cents;
  /** reconversionPayouts + treasurerBurns: what the audit counts as burned. */
  burned: Cents;
}

export interface Journal {
  currency: { address: string; symbol: string; chainId: number };
  from: string;
  to: string;
  /** The journal, accounts and time zone the entries use. */
  accounting: AccountingConfig;
  /** The blocks the period spans; null when no block was made in it. */
  blocks: { from: number; to: number } | null;
  /** In chain order, each day's payment fees last of that day. */
  entries: JournalEntry[];
  totals: JournalTotals;
}

/**
 * The period's journal entries, from the chain: each deposit (bank debited, the currency-in-circulation
 * liability credited), each settled reconversion (liability debited, payout credited, commission as income),
 * each treasurer's burn, each day's payment fees, and every other movement of the association's own account (to
 * classify). Every entry balances, to the cent.
 * @example const journal = await buildJournal(client, { from: "2026-11-01", to: "2026-11-30" })
 */
export async function buildJournal(client: KomunoClient, params: BuildJournalParams): Promise<Journal> {
  const from = parseDay(params.from, "from");
  const to = parseDay(params.to, "to");
  if (to < from) throw new InvalidInputError("period", `it ends on ${to}, before it starts on ${from}`);
  const [symbol, network, head] = await read(client, "Reading the currency", () =>
    Promise.all([client.currency.symbol(), client.provider.getNetwork(), client.provider.getBlock("latest")]),
  );
  const chainId = Number(network.chainId);
  const config = params.currencyConfig;
  if (config !== undefined && (config.symbol !== symbol || config.chainId !== chainId)) {
    throw new InvalidInputError(
      "currency file",
      `it describes ${config.symbol} on chain ${config.chainId}, but the currency is ${symbol} on chain ${chainId}`,
    );
  }
  const accounting = config?.accounting ?? DEFAULT_ACCOUNTING;
  const { timeZone } = accounting;

  const end = startOfDay(nextDay(to), timeZone);
  const now = Math.floor((params.now ?? new Date()).getTime() / 1000);
  const headTime = head?.timestamp ?? 0;
  if (end > Math.max(now, headTime)) {
    throw new InvalidInputError(
      "period",
      `${to} is not over yet in ${timeZone} (the chain's last block was made at ${new Date(headTime * 1000).toISOString()}): ` +
        "export a day once it has ended, so that its payment fees are whole",
    );
  }

  const blocks = new BlockTimes(client);
  const headNumber = head?.number ?? 0;
  const fromBlock = await blocks.firstAtOrAfter(startOfDay(from, timeZone), client.deploymentBlock, headNumber);
  const toBlock = (await blocks.firstAtOrAfter(end, fromBlock, headNumber)) - 1;
  const journal: Journal = {
    currency: { address: client.address, symbol, chainId },
    from,
    to,
    accounting,
    blocks: fromBlock <= toBlock ? { from: fromBlock, to: toBlock } : null,
    entries: [],
    totals: {
      deposits: 0n,
      reconversionPayouts: 0n,
      commissions: 0n,
      treasurerBurns: 0n,
      paymentFees: 0n,
      feePayments: 0,
      associationReceived: 0n,
      associationPaid: 0n,
      minted: 0n,
      burned: 0n,
    },
  };
  if (journal.blocks === null) return journal;

  const c = client.currency;
  const topic = (name: string) => c.interface.getEvent(name as "Transfer")!.topicHash;
  const [TRANSFER, MINTED, SETTLED, BURNED, FEE, POLICY] = [
    "Transfer",
    "Minted",
    "ReconversionSettled",
    "Burned",
    "PaymentFeeCharged",
    "ReconversionPolicySet",
  ].map(topic);
  // Who the association is on chain: every fee account the policy has named, from the block it named it.
  const policyLogs = await read(client, "Scanning the fee account's history", () =>
    getLogsInChunks(
      client.provider,
      { address: client.address, topics: [POLICY] },
      { fromBlock: client.deploymentBlock, toBlock },
    ),
  );
  const logs = await read(client, "Scanning the currency's events", () =>
    getLogsInChunks(
      client.provider,
      { address: client.address, topics: [[TRANSFER, MINTED, SETTLED, BURNED, FEE]] },
      { fromBlock, toBlock, onProgress: (scannedTo) => params.onProgress?.(scannedTo, toBlock) },
    ),
  );
  const dayOfBlock = await blocks.days(
    [...new Set(logs.map((log) => log.blockNumber))],
    daysBetween(from, to),
    timeZone,
    fromBlock,
    toBlock,
  );

  const names = new Map<string, string>();
  for (const text of params.references ?? []) names.set(referenceFromText(text), text);
  const { accounts } = accounting;
  const idPrefix = `komuno_${symbol.toLowerCase()}_${chainId}`;
  const zero = ZeroAddress.toLowerCase();
  const escrow = client.address.toLowerCase();
  const word = (data: string, i: number) => BigInt(`0x${data.slice(2 + 64 * i, 66 + 64 * i)}`);
  const addressOf = (topicValue: string) => `0x${topicValue.slice(26).toLowerCase()}`;
  const shortHash = (hash: string) => `${hash.slice(0, 10)}…`;
  const line = (account: string, label: string, debit: Cents, credit: Cents): JournalLine => ({
    account,
    label,
    debit,
    credit,
  });
  const totals = journal.totals;

  const own = new Set<string>();
  let policyIndex = 0;
  const becomeCurrent = (log: RawLog) => {
    while (policyIndex < policyLogs.length && before(policyLogs[policyIndex], log)) {
      const feeAccount = `0x${policyLogs[policyIndex].data.slice(2 + 64 * 2 + 24, 2 + 64 * 3).toLowerCase()}`;
      if (feeAccount !== zero) own.add(feeAccount);
      policyIndex++;
    }
  };

  const fees = new Map<string, { amount: Cents; count: number; last: RawLog }>();
  const dated: { entry: JournalEntry; order: [string, number, number, number] }[] = [];
  const add = (log: RawLog, kind: JournalEntryKind, ref: string, lines: JournalLine[]) => {
    const date = dayOfBlock.get(log.blockNumber)!;
    const entry: JournalEntry = {
      id: `${idPrefix}_${log.transactionHash.slice(2)}_${log.index}`,
      kind,
      date,
      ref,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      lines: lines.filter((l) => l.debit !== 0n || l.credit !== 0n),
    };
    if (entry.lines.length > 0) dated.push({ entry, order: [date, 0, log.blockNumber, log.index] });
  };

  for (const transaction of byTransaction(logs)) {
    // The fee and the commission reach the fee account as Transfer events of their own: they are booked as
    // income with their PaymentFeeCharged and ReconversionSettled events, not again as a movement to classify.
    const explained = new Set<RawLog>();
    const transfers: RawLog[] = [];
    for (const log of transaction) {
      becomeCurrent(log);
      const [signature, t1, , t3] = log.topics;
      if (signature === TRANSFER) {
        transfers.push(log);
      } else if (signature === FEE || (signature === SETTLED && word(log.data, 1) !== 0n)) {
        const [payer, amount] = signature === FEE ? [addressOf(t1), word(log.data, 1)] : [escrow, word(log.data, 1)];
        const paidTo = (to: string) => (signature === FEE ? to === addressOf(t3) : own.has(to));
        const transfer = transfers.findLast(
          (t) =>
            !explained.has(t) &&
            addressOf(t.topics[1]) === payer &&
            paidTo(addressOf(t.topics[2])) &&
            BigInt(t.data) === amount,
        );
        if (transfer !== undefined) explained.add(transfer);
      }
    }
    for (const log of transaction) {
      const [signature, t1, t2, t3] = log.topics;
      const hash = log.transactionHash;
      if (signature === MINTED) {
        const amount = BigInt(log.data);
        const to = getAddress(addressOf(t2));
        const reference = names.get(t3.toLowerCase());
        totals.deposits += amount;
        add(log, "deposit", reference ?? hash, [
          line(
            accounts.guaranteeFund,
            `Dépôt ${reference ?? `de référence ${shortHash(t3)}`} au fonds de garantie`,
            amount,
            0n,
          ),
          line(accounts.currencyInCirculation, `${symbol} émis pour ${to}`, 0n, amount),
        ]);
      } else if (signature === SETTLED) {
        const id = BigInt(t1);
        const [burned, commission] = [word(log.data, 0), word(log.data, 1)];
        const reference = names.get(t3.toLowerCase());
        totals.reconversionPayouts += burned;
        totals.commissions += commission;
        add(log, "reconversion", reference ?? hash, [
          line(accounts.currencyInCirculation, `Reconversion n° ${id} : ${symbol} détruits`, burned, 0n),
          line(
            accounts.reconversionPayouts,
            `Reconversion n° ${id} : virement ${reference ?? `de référence ${shortHash(t3)}`}`,
            0n,
            burned,
          ),
          line(accounts.associationHolding, `Reconversion n° ${id} : commission reçue en ${symbol}`, commission, 0n),
          line(accounts.commissionIncome, `Commission sur la reconversion n° ${id}`, 0n, commission),
        ]);
      } else if (signature === BURNED) {
        const amount = BigInt(log.data);
        const treasurer = getAddress(addressOf(t1));
        const reference = names.get(t2.toLowerCase());
        const named = reference ?? `de référence ${shortHash(t2)}`;
        totals.treasurerBurns += amount;
        add(log, "burn", reference ?? hash, [
          line(accounts.currencyInCirculation, `${symbol} détruits par le trésorier ${treasurer}`, amount, 0n),
          line(accounts.reconversionPayouts, `Sortie du fonds de garantie ${named}`, 0n, amount),
        ]);
      } else if (signature === FEE) {
        // A fee the association's own account pays goes back to it: no income.
        if (own.has(addressOf(t1))) continue;
        const date = dayOfBlock.get(log.blockNumber)!;
        const day = fees.get(date) ?? { amount: 0n, count: 0, last: log };
        day.amount += word(log.data, 1);
        day.count += 1;
        day.last = log;
        fees.set(date, day);
        totals.paymentFees += word(log.data, 1);
        totals.feePayments += 1;
      } else if (signature === TRANSFER && !explained.has(log)) {
        const [payer, payee] = [addressOf(t1), addressOf(t2)];
        const amount = BigInt(log.data);
        if (own.has(payee) && !own.has(payer)) {
          const what =
            payer === zero
              ? `${symbol} reçus à l'émission`
              : payer === escrow
                ? `${symbol} rendus par le séquestre de reconversion`
                : `${symbol} reçus de ${getAddress(payer)}`;
          totals.associationReceived += amount;
          add(log, "association-received", hash, [
            line(accounts.associationHolding, what, amount, 0n),
            line(accounts.toClassify, `${what} : à classer`, 0n, amount),
          ]);
        } else if (own.has(payer) && !own.has(payee)) {
          const what =
            payee === zero
              ? `${symbol} détruits`
              : payee === escrow
                ? `${symbol} mis en séquestre de reconversion`
                : `${symbol} payés à ${getAddress(payee)}`;
          totals.associationPaid += amount;
          add(log, "association-paid", hash, [
            line(accounts.toClassify, `${what} : à classer`, amount, 0n),
            line(accounts.associationHolding, what, 0n, amount),
          ]);
        }
      }
    }
  }

  for (const [date, day] of fees) {
    const label = `Frais sur ${day.count} paiement(s) du ${date}`;
    dated.push({
      entry: {
        id: `${idPrefix}_fees_${date.replaceAll("-", "")}`,
        kind: "payment-fees",
        date,
        ref: `Frais ${symbol} ${date}`,
        blockNumber: day.last.blockNumber,
        transactionHash: null,
        lines: [
          line(accounts.associationHolding, label, day.amount, 0n),
          line(accounts.paymentFeeIncome, label, 0n, day.amount),
        ],
      },
      order: [date, 1, day.last.blockNumber, day.last.index],
    });
  }
  dated.sort((a, b) => compareOrder(a.order, b.order));
  journal.entries = dated.map((d) => d.entry);
  totals.minted = totals.deposits;
  totals.burned = totals.reconversionPayouts + totals.treasurerBurns;
  return journal;
}

function before(a: RawLog, b: RawLog): boolean {
  return a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.index < b.index);
}

function compareOrder(a: [string, number, number, number], b: [string, number, number, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
}

/** Logs in chain order, grouped by transaction (a transaction's logs are consecutive). */
function* byTransaction(logs: RawLog[]): Generator<RawLog[]> {
  let group: RawLog[] = [];
  for (const log of logs) {
    if (group.length > 0 && group[0].transactionHash !== log.transactionHash) {
      yield group;
      group = [];
    }
    group.push(log);
  }
  if (group.length > 0) yield group;
}

/** Block times read once each, and the blocks where days begin found by bisection (block times never go back). */
class BlockTimes {
  private readonly times = new Map<number, number>();

  constructor(private readonly client: KomunoClient) {}

  async timeOf(blockNumber: number): Promise<number> {
    let time = this.times.get(blockNumber);
    if (time === undefined) {
      const block: Block | null = await read(this.client, "Reading a block", () =>
        this.client.provider.getBlock(blockNumber),
      );
      time = block?.timestamp ?? 0;
      this.times.set(blockNumber, time);
    }
    return time;
  }

  /** The first block from `low` to `high` made at `time` or later; `high + 1` when there is none. */
  async firstAtOrAfter(time: number, low: number, high: number): Promise<number> {
    let end = high + 1;
    while (low < end) {
      const middle = Math.floor((low + end) / 2);
      if ((await this.timeOf(middle)) >= time) end = middle;
      else low = middle + 1;
    }
    return low;
  }

  /**
   * The day each block falls on, among `days` (which `fromBlock`..`toBlock` span): only the days that hold one
   * of the blocks have their first block looked up, halving the days at each step.
   */
  async days(
    blockNumbers: number[],
    days: string[],
    timeZone: string,
    fromBlock: number,
    toBlock: number,
  ): Promise<Map<number, string>> {
    const dayOfBlock = new Map<number, string>();
    const split = async (first: number, last: number, inside: number[], low: number, high: number) => {
      if (inside.length === 0) return;
      if (first === last) {
        for (const block of inside) dayOfBlock.set(block, days[first]);
        return;
      }
      const middle = (first + last + 1) >> 1;
      const boundary = await this.firstAtOrAfter(startOfDay(days[middle], timeZone), low, high);
      await split(
        first,
        middle - 1,
        inside.filter((b) => b < boundary),
        low,
        boundary - 1,
      );
      await split(
        middle,
        last,
        inside.filter((b) => b >= boundary),
        boundary,
        high,
      );
    };
    await split(0, days.length - 1, blockNumbers, fromBlock, toBlock);
    return dayOfBlock;
  }
}

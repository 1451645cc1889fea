import { formatAmount } from "../../amounts.js";
import { referenceFromText, type Bytes32 } from "../../references.js";
import type { AuditMismatch, MismatchKind } from "./audit.js";
import type { BankStatementEntry } from "./bankStatement.js";

/** A deposit reference as minted on chain (count > 1: minted more than once). */
export interface MintRecord {
  to: string;
  amount: bigint;
  transactionHash: string;
  count: number;
}

/** A settled reconversion, by its payout reference. */
export interface SettlementRecord {
  id: bigint;
  /** The net payout: what the fund paid, the units destroyed. */
  burned: bigint;
  /** What went to the association's fee account out of the escrow: units that stay in circulation. */
  commission: bigint;
  transactionHash: string;
}

/** A treasurer's burn, by its reference. */
export interface BurnRecord {
  amount: bigint;
  transactionHash: string;
}

const euros = formatAmount;

/** A settlement's net payout as a board reads it: "98.00 (gross 100.00 less 2.00 commission)". */
function netPayout(settlement: SettlementRecord): string {
  return settlement.commission === 0n
    ? `${euros(settlement.burned)} (no commission)`
    : `${euros(settlement.burned)} (gross ${euros(settlement.burned + settlement.commission)} less ` +
        `${euros(settlement.commission)} commission)`;
}

/**
 * The bank statement against the chain: each deposit line against the mint under its reference, each payout
 * line against the settlement (net of its commission) or the burn under its reference, then every mint,
 * settlement and burn no line names.
 */
export function reconcile(
  statement: BankStatementEntry[],
  mints: Map<string, MintRecord>,
  settlements: Map<string, SettlementRecord>,
  burns: Map<string, BurnRecord>,
): AuditMismatch[] {
  const mismatches: AuditMismatch[] = [];
  const deposits = new Set<string>();
  const payouts = new Set<string>();
  const names = new Map<string, string>();
  const mismatch = (
    kind: MismatchKind,
    reference: string | null,
    referenceHash: string,
    found: Partial<Pick<AuditMismatch, "statementLine" | "statementAmount" | "chainAmount" | "transactionHash">>,
    details: string,
  ) =>
    mismatches.push({
      kind,
      reference,
      referenceHash: referenceHash as Bytes32,
      statementLine: found.statementLine ?? null,
      statementAmount: found.statementAmount ?? null,
      chainAmount: found.chainAmount ?? null,
      transactionHash: found.transactionHash ?? null,
      details,
    });
  for (const entry of statement) {
    const ref = referenceFromText(entry.reference);
    names.set(ref, entry.reference);
    const where = `statement line ${entry.line}`;
    const onStatement = { statementLine: entry.line, statementAmount: entry.amount };
    if (entry.type === "deposit") {
      if (deposits.has(ref)) {
        mismatch("deposit-minted-twice", entry.reference, ref, onStatement, `${where}: listed twice`);
        continue;
      }
      deposits.add(ref);
      const mint = mints.get(ref);
      if (mint === undefined) {
        mismatch(
          "deposit-not-minted",
          entry.reference,
          ref,
          onStatement,
          `${where}: ${euros(entry.amount)} never minted`,
        );
      } else if (mint.count > 1) {
        mismatch(
          "deposit-minted-twice",
          entry.reference,
          ref,
          { ...onStatement, chainAmount: mint.amount, transactionHash: mint.transactionHash },
          `minted ${mint.count} times`,
        );
      } else if (mint.amount !== entry.amount) {
        mismatch(
          "mint-amount-differs",
          entry.reference,
          ref,
          { ...onStatement, chainAmount: mint.amount, transactionHash: mint.transactionHash },
          `${where}: deposited ${euros(entry.amount)}, minted ${euros(mint.amount)} (tx ${mint.transactionHash})`,
        );
      }
      continue;
    }
    payouts.add(ref);
    const settlement = settlements.get(ref);
    const burn = burns.get(ref);
    if (settlement !== undefined) {
      if (settlement.burned === entry.amount) continue;
      const found = { ...onStatement, chainAmount: settlement.burned, transactionHash: settlement.transactionHash };
      const shows = `${where} shows ${euros(entry.amount)} paid out for reconversion #${settlement.id}`;
      if (settlement.commission !== 0n && entry.amount === settlement.burned + settlement.commission) {
        mismatch(
          "payout-is-gross",
          entry.reference,
          ref,
          found,
          `${shows}: that looks like the gross amount; the chain's net payout is ${netPayout(settlement)}, and the ` +
            `statement must list the net payout (if the bank really paid ${euros(entry.amount)}, ` +
            `${euros(settlement.commission)} left the fund for units still in circulation)`,
        );
      } else {
        mismatch(
          "payout-amount-differs",
          entry.reference,
          ref,
          found,
          `${shows}; the chain's net payout is ${netPayout(settlement)}`,
        );
      }
    } else if (burn !== undefined) {
      if (burn.amount !== entry.amount) {
        mismatch(
          "payout-amount-differs",
          entry.reference,
          ref,
          { ...onStatement, chainAmount: burn.amount, transactionHash: burn.transactionHash },
          `${where} shows ${euros(entry.amount)} paid out; a treasurer burned ${euros(burn.amount)} under this ` +
            `reference (tx ${burn.transactionHash})`,
        );
      }
    } else {
      mismatch(
        "payout-without-settlement",
        entry.reference,
        ref,
        onStatement,
        `${where}: ${euros(entry.amount)} paid out, nothing burned on chain`,
      );
    }
  }
  for (const [ref, mint] of mints) {
    if (!deposits.has(ref)) {
      mismatch(
        "mint-without-deposit",
        names.get(ref) ?? null,
        ref,
        { chainAmount: mint.amount, transactionHash: mint.transactionHash },
        `${euros(mint.amount)} to ${mint.to} in tx ${mint.transactionHash}`,
      );
    }
  }
  for (const [ref, settlement] of settlements) {
    if (!payouts.has(ref)) {
      mismatch(
        "settlement-without-payout",
        names.get(ref) ?? null,
        ref,
        { chainAmount: settlement.burned, transactionHash: settlement.transactionHash },
        `reconversion #${settlement.id}: net payout ${netPayout(settlement)} settled in tx ` +
          `${settlement.transactionHash}, on no statement line`,
      );
    }
  }
  for (const [ref, burn] of burns) {
    if (!payouts.has(ref)) {
      mismatch(
        "settlement-without-payout",
        names.get(ref) ?? null,
        ref,
        { chainAmount: burn.amount, transactionHash: burn.transactionHash },
        `${euros(burn.amount)} burned by a treasurer in tx ${burn.transactionHash}, on no statement line`,
      );
    }
  }
  return mismatches;
}

import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import type { KomunoClient } from "../../client.js";
import { read } from "../../internal/transactions.js";
import type { PaymentFees } from "./setPaymentFees.js";

export interface PaymentPolicy {
  /** Basis points of the amount paid, by kind of recipient. */
  fees: PaymentFees;
  /** The kind pairs whose payments the ledger refuses, by payer kind then payee kind. */
  forbidden: Array<{ from: AccountKindName; to: AccountKindName }>;
}

/**
 * The fees on payments to each kind of account and the forbidden kind pairs.
 * @example await getPaymentPolicy(client) // { fees: { person: 0, business: 150, association: 0 }, forbidden: [] }
 */
export async function getPaymentPolicy(client: KomunoClient): Promise<PaymentPolicy> {
  const [toPerson, toBusiness, toAssociation, mask] = await read(client, "Reading the payment policy", () =>
    client.currency.paymentPolicy(),
  );
  return {
    fees: { person: Number(toPerson), business: Number(toBusiness), association: Number(toAssociation) },
    forbidden: decodeForbiddenKindPairs(Number(mask)),
  };
}

/** The pairs set in the contract's mask, where bit `4 * fromKind + toKind` forbids payments from → to. */
export function decodeForbiddenKindPairs(mask: number): PaymentPolicy["forbidden"] {
  const kinds = Object.entries(ACCOUNT_KINDS) as Array<[AccountKindName, number]>;
  const pairs: PaymentPolicy["forbidden"] = [];
  for (const [from, fromKind] of kinds) {
    for (const [to, toKind] of kinds) {
      if ((mask >> (4 * fromKind + toKind)) & 1) pairs.push({ from, to });
    }
  }
  return pairs;
}

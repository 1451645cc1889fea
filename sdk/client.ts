import * as auditActions from "./actions/audit/audit.js";
import * as credit from "./actions/credit/index.js";
import * as delegation from "./actions/delegation/index.js";
import * as governance from "./actions/governance/index.js";
import * as members from "./actions/members/index.js";
import * as policy from "./actions/policy/index.js";
import * as relay from "./actions/relay/index.js";
import * as requests from "./actions/requests/index.js";
import * as reserve from "./actions/reserve/index.js";
import * as treasury from "./actions/treasury/index.js";
import * as wallet from "./actions/wallet/index.js";
import { checkChain, connectCurrency, type KomunoClient, type KomunoClientOptions } from "./connect.js";

export type { KomunoClient, KomunoClientOptions };

type Bound<T> = {
  [K in keyof T]: T[K] extends (client: KomunoClient, ...rest: infer A) => infer R ? (...args: A) => R : never;
};

function bind<T extends Record<string, unknown>>(client: KomunoClient, actions: T): Bound<T> {
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(actions)) {
    if (typeof action === "function") bound[name] = (...args: unknown[]) => action(client, ...args);
  }
  return bound as Bound<T>;
}

/**
 * Creates a client for one currency, with its actions grouped: wallet, treasury, members, reserve, audit,
 * credit (mutual credit), delegation, requests (payment requests), policy (fees, transfer rules), relay (signed
 * payments submitted by a relayer), governance (operations waiting in the timelock).
 * @example
 * const client = createKomunoClient({ provider, signer, currency: record });
 * await client.wallet.pay({ to, amount: parseAmount("12.50") });
 */
export function createKomunoClient(options: KomunoClientOptions) {
  const base = connectCurrency(options);
  return {
    ...base,
    wallet: bind(base, wallet),
    treasury: bind(base, treasury),
    members: bind(base, members),
    reserve: bind(base, reserve),
    audit: bind(base, auditActions),
    credit: bind(base, credit),
    delegation: bind(base, delegation),
    requests: bind(base, requests),
    policy: bind(base, policy),
    relay: bind(base, relay),
    governance: bind(base, governance),
    /** Fails with ChainMismatchError when the node serves another chain than the deployment record's. */
    checkChain: () => checkChain(base),
  };
}

import type { KomunoClient } from "../../client.js";
import { delegationsOf } from "../../internal/delegationsContract.js";
import { getLogsInChunks } from "../../internal/logs.js";
import { read } from "../../internal/transactions.js";
import { requireAddress } from "../../internal/validate.js";
import { getDelegation, type Delegation } from "./getDelegation.js";

export interface ListDelegationsParams {
  /** The member who granted the delegations. */
  owner: string;
  fromBlock?: number;
  toBlock?: number;
}

/**
 * The grants `owner` has in force (expired or used-up ones included, flagged by `usable`), one per delegate, in
 * the order they were first granted. The contract keeps grants by (owner, delegate) pair and cannot enumerate
 * them: the delegates come from the owner's DelegationGranted events (owner is indexed), and what is left of
 * each grant from the contract's state now, so a revoked grant is left out.
 * @example for (const d of await listDelegations(client, { owner: "0x…" })) console.log(d.delegate, d.remaining)
 */
export async function listDelegations(client: KomunoClient, params: ListDelegationsParams): Promise<Delegation[]> {
  const owner = requireAddress(params.owner);
  const delegations = delegationsOf(client);
  const logs = await read(client, "Listing delegations", async () => {
    const [address, topics, toBlock] = await Promise.all([
      delegations.getAddress(),
      delegations.filters.DelegationGranted(owner).getTopicFilter(),
      params.toBlock ?? client.provider.getBlockNumber(),
    ]);
    return getLogsInChunks(
      client.provider,
      { address, topics },
      { fromBlock: params.fromBlock ?? client.deploymentBlock, toBlock },
    );
  });
  const delegates = [...new Set(logs.map((log) => delegations.interface.parseLog(log)!.args.delegate as string))];
  const grants = await Promise.all(delegates.map((delegate) => getDelegation(client, { owner, delegate })));
  return grants.filter((grant) => grant.granted);
}

import { getMember, type Member } from "komuno";

import { useMember } from "../context.js";
import { useChainData, type ChainData } from "./useChainData.js";

/** The open wallet's membership (kind, status): what decides which forms a screen offers. */
export function useMembership(): ChainData<Member> {
  const { client, address } = useMember();
  return useChainData(() => getMember(client, { account: address }), [client, address]);
}

import { governanceTimelockAbi, type KomunoClient } from "komuno";
import { Contract, id } from "ethers";

const CANCELLER_ROLE = id("CANCELLER_ROLE");

/** What the board needs to know of its timelock before scheduling: how long operations wait, on the chain's clock. */
export interface TimelockFacts {
  delaySeconds: number;
  /** The chain's time when read, and the browser's: a countdown runs on the chain's clock, not the desk's. */
  chainTime: number;
  readAt: number;
}

function timelockContract(client: KomunoClient): Contract {
  return new Contract(client.timelock!, governanceTimelockAbi, client.provider);
}

export async function readTimelockFacts(client: KomunoClient): Promise<TimelockFacts> {
  const [delay, block] = await Promise.all([
    timelockContract(client).getFunction("getMinDelay")() as Promise<bigint>,
    client.provider.getBlock("latest"),
  ]);
  const readAt = Date.now() / 1000;
  return { delaySeconds: Number(delay), chainTime: block?.timestamp ?? readAt, readAt };
}

/**
 * The chain's time now, as best known: a chain that mines only on demand (or a devnet whose clock was moved) can
 * be ahead of or behind the desk's clock, and the timelock decides by the chain's.
 */
export function chainNow(facts: TimelockFacts | undefined): number {
  const wall = Date.now() / 1000;
  if (facts === undefined) return wall;
  return Math.max(wall, facts.chainTime + (wall - facts.readAt));
}

/** Whether `account` may cancel operations waiting in the timelock (the board, and the auditors named cancellers). */
export async function isCanceller(client: KomunoClient, account: string): Promise<boolean> {
  return (await timelockContract(client).getFunction("hasRole")(CANCELLER_ROLE, account)) as boolean;
}

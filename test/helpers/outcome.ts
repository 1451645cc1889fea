import type { BaseContract, ContractTransactionResponse, TransactionReceipt } from "ethers";

export type Outcome =
  { ok: true; receipt: TransactionReceipt } | { ok: false; error: string; args: readonly unknown[] };

/**
 * Sends a transaction and reports either its receipt or the contract's custom error. Anything else (a panic,
 * a revert without data, a transport failure) is rethrown: the stateful tests accept only errors the
 * contract declares.
 */
export async function outcome(
  contract: BaseContract,
  send: () => Promise<ContractTransactionResponse>,
): Promise<Outcome> {
  try {
    const response = await send();
    const receipt = await response.wait();
    if (receipt === null) throw new Error("transaction was dropped");
    return { ok: true, receipt };
  } catch (error) {
    const data = revertData(error);
    const parsed = data === undefined ? null : contract.interface.parseError(data);
    if (parsed === null) throw error;
    return { ok: false, error: parsed.name, args: parsed.args.toArray() };
  }
}

function revertData(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { data?: unknown; info?: { error?: unknown }; error?: unknown; cause?: unknown };
    if (typeof candidate.data === "string" && candidate.data.startsWith("0x") && candidate.data.length >= 10) {
      return candidate.data;
    }
    current = candidate.info?.error ?? candidate.error ?? candidate.cause;
  }
  return undefined;
}

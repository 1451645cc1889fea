import { Interface, type BaseContract, type ContractTransactionResponse, type TransactionReceipt } from "ethers";

export type Outcome =
  { ok: true; receipt: TransactionReceipt } | { ok: false; error: string; args: readonly unknown[] };

/**
 * One interface holding the custom errors of several contracts: a call to one contract may revert with another's
 * error (the delegations and payment requests contracts pass the currency's errors through). Errors declared by
 * several contracts with the same signature (AccountNotActive, ZeroAmount) are kept once.
 */
export function errorsOf(...contracts: BaseContract[]): Interface {
  const seen = new Set<string>();
  const fragments = contracts
    .flatMap((contract) => contract.interface.fragments)
    .filter((fragment) => fragment.type === "error")
    .filter((fragment) => {
      const signature = fragment.format("sighash");
      if (seen.has(signature)) return false;
      seen.add(signature);
      return true;
    });
  return new Interface(fragments);
}

/**
 * Sends a transaction and reports either its receipt or the custom error, decoded with the contract's interface
 * (or the given one, see `errorsOf`). Anything else (a panic, a revert without data, a transport failure) is
 * rethrown: the stateful tests accept only errors the contracts declare.
 */
export async function outcome(
  errors: BaseContract | Interface,
  send: () => Promise<ContractTransactionResponse>,
): Promise<Outcome> {
  const iface = errors instanceof Interface ? errors : errors.interface;
  try {
    const response = await send();
    const receipt = await response.wait();
    if (receipt === null) throw new Error("transaction was dropped");
    return { ok: true, receipt };
  } catch (error) {
    const data = revertData(error);
    const parsed = data === undefined ? null : iface.parseError(data);
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

import { OPERATIONS, TOKENS, type GasTable } from "./gasMeasure.js";

/**
 * A Markdown table: absolute gas per token, the currency's ratio to the proxied OpenZeppelin ERC-20, and, given
 * an earlier run of the currency, its gas then and the change; headed by the EVM fork it was measured on, since
 * the same call costs differently from one fork to the next.
 */
export function formatGasTable(
  table: GasTable,
  before: { label: string; table: GasTable } | undefined,
  hardfork: string,
): string {
  const extra = before === undefined ? "" : ` Komuno ${before.label} | change |`;
  const header = `| operation | ${TOKENS.join(" | ")} | Komuno / OZ proxied |${extra}`;
  const rule = `|${" --- |".repeat(TOKENS.length + 2 + (before === undefined ? 0 : 2))}`;
  const rows = OPERATIONS.map((op) => {
    const cells = TOKENS.map((t) => (table[t][op] === undefined ? "n/a" : table[t][op]!.toLocaleString("en")));
    const ours = table["Komuno (proxied)"][op];
    const reference = table["OpenZeppelin ERC20 (proxied)"][op];
    const ratio = ours !== undefined && reference !== undefined ? (ours / reference).toFixed(3) : "n/a";
    if (before === undefined) return `| ${op} | ${cells.join(" | ")} | ${ratio} |`;
    const then = before.table["Komuno (proxied)"][op];
    const change =
      then === undefined || ours === undefined
        ? "new"
        : `${ours >= then ? "+" : ""}${(ours - then).toLocaleString("en")} (${(((ours - then) / then) * 100).toFixed(2)} %)`;
    return `| ${op} | ${cells.join(" | ")} | ${ratio} | ${then?.toLocaleString("en") ?? "n/a"} | ${change} |`;
  });
  return [`EVM fork: ${hardfork} (the currency chain's, sdk/node/chain/hardfork.ts)`, "", header, rule, ...rows].join(
    "\n",
  );
}

import { OPERATIONS, TOKENS, type GasTable } from "./gasMeasure.js";

/** A Markdown table: absolute gas per token, and the currency's ratio to the proxied OpenZeppelin ERC-20. */
export function formatGasTable(table: GasTable): string {
  const header = `| operation | ${TOKENS.join(" | ")} | Komuno / OZ proxied |`;
  const rule = `|${" --- |".repeat(TOKENS.length + 2)}`;
  const rows = OPERATIONS.map((op) => {
    const cells = TOKENS.map((t) => (table[t][op] === undefined ? "n/a" : table[t][op]!.toLocaleString("en")));
    const ours = table["Komuno (proxied)"][op];
    const reference = table["OpenZeppelin ERC20 (proxied)"][op];
    const ratio = ours !== undefined && reference !== undefined ? (ours / reference).toFixed(3) : "n/a";
    return `| ${op} | ${cells.join(" | ")} | ${ratio} |`;
  });
  return [header, rule, ...rows].join("\n");
}

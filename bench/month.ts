// A month of a Léman-sized currency through the CLI and the SDK, against a devnet node (automine): 5,500 members
// admitted from a file, 5,000 deposits minted from the bank's file (and the file run again), 20,000 payments
// from members' wallets, 100 reconversions settled from a file of payouts, the bank's export reconciled by the
// audit, and the month's journal for the accountant. Writes bench/results/month.{json,md}. The same run, at a
// tenth of the size, is the acceptance test test/e2e/month.test.ts.
import { cpus } from "node:os";
import { writeFile } from "node:fs/promises";

import { dispose, freshEnvironment } from "../test/helpers/devnetCurrency.js";
import { runMonth, type MonthScale } from "../test/helpers/month.js";

const scale: MonthScale = { members: 5_500, deposits: 5_000, payments: 20_000, reconversions: 100 };
// Measured on the same machine before this work (the issue's own run, one CLI call per member, deposit and
// settlement): admission 71 min (0.77 s a member), settlements 0.73 s each.
const BEFORE_SECONDS = { admission: 5_500 * 0.77, settlements: 100 * 0.73 };

const env = await freshEnvironment({ code: "leman" });
try {
  const timings = await runMonth(env, scale);
  const result = {
    machine: `${cpus().length} cores, ${cpus()[0].model}`,
    scale,
    seconds: timings,
    before: BEFORE_SECONDS,
  };
  const md = [
    `| step (${scale.members} members, ${scale.deposits} deposits, ${scale.payments} payments, ${scale.reconversions} reconversions) | seconds |`,
    "| --- | --- |",
    ...Object.entries(timings).map(([step, s]) => `| ${step} | ${s.toFixed(1)} |`),
    `| **the month's work in all** | **${Object.values(timings)
      .reduce((a, b) => a + b, 0)
      .toFixed(1)}** |`,
    "",
    `Before: admission one member at a time, ${(BEFORE_SECONDS.admission / 60).toFixed(0)} min; settlements one at a time, ${BEFORE_SECONDS.settlements.toFixed(0)} s.`,
  ].join("\n");
  console.log(md);
  await writeFile("bench/results/month.json", JSON.stringify(result, null, 2) + "\n");
  await writeFile("bench/results/month.md", md + "\n");
} finally {
  await dispose(env);
}

import { readFile } from "node:fs/promises";

import { Command, InvalidArgumentError } from "commander";

import type { AlreadyMintedDeposit, MintPlan } from "../../actions/treasury/planMint.js";
import { reconversionTotals } from "../../actions/treasury/reconversions.js";
import type { PlannedSettlement } from "../../actions/treasury/settleReconversions.js";
import { formatAmount } from "../../amounts.js";
import { InvalidInputError, PreflightError } from "../../errors.js";
import { addressArg, amountArg, globals, idArg, printGoverned, printTx } from "../args.js";
import { clientFor } from "../context.js";
import { print, progressBar } from "../output.js";

export function registerTreasuryCommands(program: Command): void {
  program
    .command("mint")
    .description(
      "mint a euro deposit (treasurer); or every deposit of a CSV file, checked whole before anything is sent, " +
        "safe to rerun",
    )
    .argument("[to]", "the member credited", addressArg)
    .argument("[amount]", "euros deposited, e.g. 50.00", amountArg)
    .option("--ref <text>", "the bank reference of the deposit")
    .option("--csv <file>", "deposits to mint, columns to,amount,ref (or to;amount;ref)")
    .option("--dry-run", "with --csv: check the file and print what would be minted; send nothing")
    .option("--verbose", "with --csv: one line per deposit besides the summary")
    .action(
      async (
        to: string | undefined,
        amount: bigint | undefined,
        options: { ref?: string; csv?: string; dryRun?: boolean; verbose?: boolean },
        command: Command,
      ) => {
        if (options.csv !== undefined) {
          if (to !== undefined || options.ref !== undefined)
            throw new InvalidInputError("mint", "give either --csv or TO AMOUNT --ref");
          await mintFile(command, options.csv, options);
          return;
        }
        if (options.dryRun || options.verbose)
          throw new InvalidInputError("mint", "--dry-run and --verbose go with --csv");
        if (to === undefined || amount === undefined || options.ref === undefined) {
          throw new InvalidInputError("mint", "give TO AMOUNT --ref TEXT, or --csv FILE");
        }
        const client = await clientFor(globals(command), true);
        const result = await client.treasury.mint({ to, amount, reference: options.ref });
        printTx(command, `Minted ${formatAmount(amount)} to ${to} for deposit ${result.reference}`, result, {
          depositRef: result.depositRef,
        });
      },
    );

  program
    .command("burn")
    .description("destroy currency the treasurer holds (treasurer)")
    .argument("<amount>", "euros, e.g. 120.00", amountArg)
    .requiredOption("--ref <text>", "reference of the operation (used once, ever)")
    .action(async (amount: bigint, options: { ref: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Burned ${formatAmount(amount)} (${options.ref})`,
        await client.treasury.burn({ amount, reference: options.ref }),
      );
    });

  // ---------------------------------------------------------------- reconversions

  const reconversion = program.command("reconversion").description("change currency back into euros");
  reconversion
    .command("request")
    .description("escrow an amount and ask for euros (business members)")
    .argument("<amount>", "euros, e.g. 400.00", amountArg)
    .action(async (amount: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await client.wallet.requestReconversion({ amount });
      printTx(command, `Reconversion #${result.id} requested: ${formatAmount(amount)}`, result, { id: result.id });
    });
  reconversion
    .command("list")
    .description("reconversion requests, each with its commission and the net payout to wire; the total to wire")
    .option("--pending", "only the pending ones")
    .action(async (options: { pending?: boolean }, command: Command) => {
      const client = await clientFor(globals(command));
      const list = await client.treasury.listReconversions(options.pending ? { status: "pending" } : {});
      const toWire = reconversionTotals(list);
      print(globals(command).json, { reconversions: list, toWire }, () =>
        list.length === 0
          ? "no reconversion"
          : [
              `${"#".padEnd(6)}${"status".padEnd(10)}${"gross".padStart(12)}${"commission".padStart(19)}` +
                `${"net payout".padStart(14)}  member`,
              ...list.map(
                (r) =>
                  `${`#${r.id}`.padEnd(6)}${r.status.padEnd(10)}${formatAmount(r.amount).padStart(12)}` +
                  `${`${formatAmount(r.commission)} (${r.commissionBps / 100} %)`.padStart(19)}` +
                  `${formatAmount(r.netPayout).padStart(14)}  ${r.member}`,
              ),
              `To wire: ${formatAmount(toWire.netPayout)} for ${toWire.count} pending reconversion(s) ` +
                `(${formatAmount(toWire.amount)} gross less ${formatAmount(toWire.commission)} commission). ` +
                "The bank statement lists each net payout.",
            ].join("\n"),
      );
    });
  reconversion
    .command("settle")
    .description(
      "settle a request once its net payout is wired (treasurer); or every request of a CSV file, checked whole " +
        "before anything is sent, safe to rerun",
    )
    .argument("[id]", "the request number", idArg)
    .option("--ref <text>", "the bank reference of the payout")
    .option("--csv <file>", "settlements, columns id,ref (or id;ref): the request and its payout's bank reference")
    .option("--dry-run", "with --csv: check the file and print what would be settled; send nothing")
    .action(
      async (id: bigint | undefined, options: { ref?: string; csv?: string; dryRun?: boolean }, command: Command) => {
        if (options.csv !== undefined) {
          if (id !== undefined || options.ref !== undefined) {
            throw new InvalidInputError("reconversion settle", "give either --csv FILE or ID --ref TEXT");
          }
          await settleFile(command, options.csv, options.dryRun === true);
          return;
        }
        if (options.dryRun) throw new InvalidInputError("reconversion settle", "--dry-run goes with --csv");
        if (id === undefined || options.ref === undefined) {
          throw new InvalidInputError("reconversion settle", "give ID --ref TEXT, or --csv FILE");
        }
        const client = await clientFor(globals(command), true);
        const result = await client.treasury.settleReconversion({ id, payoutReference: options.ref });
        printTx(
          command,
          `Reconversion #${id} settled: ${formatAmount(result.netPayout)} wired (payout ${result.payoutReference}), ` +
            `${formatAmount(result.commission)} commission kept`,
          result,
          { id, payoutReference: result.payoutReference, netPayout: result.netPayout, commission: result.commission },
        );
      },
    );
  reconversion
    .command("reject")
    .description("reject a request and refund it (treasurer)")
    .argument("<id>", "the request number", idArg)
    .requiredOption("--reason <text>", "why")
    .action(async (id: bigint, options: { reason: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Reconversion #${id} rejected`,
        await client.treasury.rejectReconversion({ id, reason: options.reason }),
      );
    });

  program
    .command("allowance")
    .description(
      "raise or lower what a treasurer may still mint (governor; scheduled in the timelock when it has a delay); " +
        "never replaced, so never raced",
    )
    .argument("<direction>", "increase or decrease", (value: string) => {
      if (value !== "increase" && value !== "decrease") throw new InvalidArgumentError('"increase" or "decrease"');
      return value;
    })
    .argument("<treasurer>", "the treasurer", addressArg)
    .argument("<amount>", "euros, e.g. 50000.00", amountArg)
    .action(
      async (direction: "increase" | "decrease", treasurer: string, amount: bigint, _options, command: Command) => {
        const client = await clientFor(globals(command), true);
        const result = await client.treasury.changeMintAllowance({ treasurer, direction, amount });
        await printGoverned(
          command,
          client,
          async () =>
            `${direction === "increase" ? "Raised" : "Lowered"} the mint allowance of ${treasurer} by ` +
            `${formatAmount(amount)}: it may now mint ${formatAmount(await client.currency.mintAllowance(treasurer))}`,
          result,
        );
      },
    );
}

/** `mint --csv`: the SDK's pre-flight, then the mint, printed as a summary (one line per deposit with --verbose). */
async function mintFile(command: Command, file: string, options: { dryRun?: boolean; verbose?: boolean }) {
  const csv = await readFile(file, "utf8");
  const client = await clientFor(globals(command), true);
  const plan = await client.treasury.planMint({ csv, source: file });
  const json = globals(command).json;
  const readWith = plan.delimiter === ";" ? ` (${file} read with ";" between columns)` : "";
  if (plan.problems.length > 0) throw new PreflightError("Mint", plan.source, plan.problems, plan.numbering);
  if (options.dryRun) {
    print(json, { dryRun: true, ...plan }, () => describeMintPlan(plan, file, options.verbose === true));
    return;
  }
  const bar = progressBar("minting");
  const result = await client.treasury.mintBatch({ plan, onProgress: (done, total) => bar.update(done, total) });
  bar.done();
  print(
    json,
    {
      dryRun: false,
      source: file,
      delimiter: plan.delimiter,
      mintedCount: result.minted.length,
      mintedTotal: result.totals.minted,
      alreadyMintedCount: result.alreadyMinted.length,
      alreadyMintedTotal: result.totals.alreadyMinted,
      transactions: result.transactions,
      minted: result.minted,
      alreadyMinted: result.alreadyMinted,
    },
    () =>
      [
        `Minted ${result.minted.length} deposit(s), ${formatAmount(result.totals.minted)} in all` +
          (result.transactions.length > 0 ? `, in ${result.transactions.length} transaction(s)` : "") +
          `; ${result.alreadyMinted.length} already minted (${formatAmount(result.totals.alreadyMinted)}), skipped` +
          `${readWith}.`,
        ...(options.verbose
          ? [
              ...result.minted.map(
                (d) =>
                  `  line ${d.line}: minted ${d.reference} (${formatAmount(d.amount)} to ${d.to}, tx ${d.transactionHash})`,
              ),
              ...alreadyMintedLines(result.alreadyMinted),
            ]
          : []),
      ].join("\n"),
  );
}

function alreadyMintedLines(deposits: AlreadyMintedDeposit[]): string[] {
  return deposits.map(
    (d) =>
      `  line ${d.line}: already minted ${d.reference} (${formatAmount(d.mintedAmount)} to ${d.mintedTo}, tx ${d.transactionHash})`,
  );
}

function describeMintPlan(plan: MintPlan, file: string, verbose: boolean): string {
  const { reserve } = plan;
  const asOf = reserve.attestedAsOf === null ? "never attested" : `as of ${reserve.attestedAsOf.toISOString()}`;
  const readWith = plan.delimiter === ";" ? ' (read with ";" between columns)' : "";
  return [
    `Dry run, nothing sent: ${file}${readWith} may be minted.`,
    `  to mint          ${plan.toMint.length} deposit(s), ${formatAmount(plan.totals.toMint)}, in ${plan.transactions} transaction(s)`,
    `  already minted   ${plan.alreadyMinted.length} deposit(s), ${formatAmount(plan.totals.alreadyMinted)}, skipped`,
    `  allowance        ${formatAmount(plan.allowance)} now, ${formatAmount(plan.allowance - plan.totals.toMint)} after (treasurer ${plan.treasurer})`,
    `  supply           ${formatAmount(reserve.supply)} now, ${formatAmount(reserve.supplyAfter)} after` +
      (reserve.cap === null
        ? " (no reserve cap)"
        : `; the reserve allows ${formatAmount(reserve.cap)} (attested ${formatAmount(reserve.attested)} ${asOf}, ` +
          `less ${formatAmount(reserve.burnedSinceAttestation)} paid out since, plus a headroom of ${formatAmount(reserve.headroom)})`),
    `  attestation      ${asOf}` +
      (reserve.attestationAgeSeconds === null ? "" : `, ${duration(reserve.attestationAgeSeconds)} old`) +
      (reserve.maxAttestationAgeSeconds === 0 ? "" : ` (at most ${duration(reserve.maxAttestationAgeSeconds)})`),
    ...(verbose
      ? [
          ...plan.toMint.map((d) => `  line ${d.line}: to mint ${d.reference} (${formatAmount(d.amount)} to ${d.to})`),
          ...alreadyMintedLines(plan.alreadyMinted),
        ]
      : []),
  ].join("\n");
}

/** `reconversion settle --csv`: the SDK's pre-flight, then the settlements, each payout printed and the total. */
async function settleFile(command: Command, file: string, dryRun: boolean) {
  const csv = await readFile(file, "utf8");
  const client = await clientFor(globals(command), true);
  const plan = await client.treasury.planSettlements({ csv, source: file });
  if (plan.problems.length > 0) throw new PreflightError("Settlement", plan.source, plan.problems, plan.numbering);
  const json = globals(command).json;
  const payout = (s: PlannedSettlement, tx?: string) =>
    `  line ${s.line}: #${s.id} ${formatAmount(s.netPayout)} to ${s.member} (payout ${s.payoutReference}; ` +
    `${formatAmount(s.amount)} less ${formatAmount(s.commission)} commission${tx === undefined ? "" : `, tx ${tx}`})`;
  const skipped = (count: number, total: bigint) =>
    `${count} already settled with the same reference (${formatAmount(total)}), skipped`;
  const alreadyTotal = plan.alreadySettled.reduce((sum, s) => sum + s.netPayout, 0n);
  if (dryRun) {
    print(json, { dryRun: true, ...plan }, () =>
      [
        `Dry run, nothing sent: ${plan.toSettle.length} reconversion(s) to settle, ${formatAmount(plan.totals.netPayout)} ` +
          `wired in all (${formatAmount(plan.totals.amount)} gross less ${formatAmount(plan.totals.commission)} ` +
          `commission); ${skipped(plan.alreadySettled.length, alreadyTotal)}.`,
        ...plan.toSettle.map((s) => payout(s)),
      ].join("\n"),
    );
    return;
  }
  const bar = progressBar("settling");
  const result = await client.treasury.settleReconversions({
    plan,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.done();
  print(
    json,
    {
      dryRun: false,
      source: file,
      settledCount: result.settled.length,
      wiredTotal: result.totals.netPayout,
      grossTotal: result.totals.amount,
      commissionTotal: result.totals.commission,
      alreadySettledCount: result.alreadySettled.length,
      alreadySettledTotal: alreadyTotal,
      settled: result.settled,
      alreadySettled: result.alreadySettled,
    },
    () =>
      [
        `Settled ${result.settled.length} reconversion(s): ${formatAmount(result.totals.netPayout)} wired in all ` +
          `(${formatAmount(result.totals.amount)} gross less ${formatAmount(result.totals.commission)} commission); ` +
          `${skipped(result.alreadySettled.length, alreadyTotal)}.`,
        ...result.settled.map((s) => payout(s, s.transactionHash)),
      ].join("\n"),
  );
}

/** "12 minute(s)", "5 hour(s)", "3 day(s)", "2.5 day(s)": an age a person reads at a glance. */
function duration(seconds: number): string {
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} minute(s)`;
  if (seconds < 2 * 86_400) return `${Math.floor(seconds / 3_600)} hour(s)`;
  const days = seconds / 86_400;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} day(s)`;
}

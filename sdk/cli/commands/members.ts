import { readFile } from "node:fs/promises";

import type { Command } from "commander";

import type { AccountKindName } from "../../accounts.js";
import { formatAmount } from "../../amounts.js";
import { InvalidInputError, PreflightError } from "../../errors.js";
import { addressArg, globals, kindArg, printTx } from "../args.js";
import { clientFor } from "../context.js";
import { delayedFollowUps, localDateTime, print, progressBar } from "../output.js";

/**
 * `komuno member add|freeze|unfreeze|close|show`, and the recovery of a lost key: proposed by a member manager,
 * carried out after the currency's public member-move delay, cancellable until then.
 */
export function registerMemberCommands(program: Command): void {
  const member = program
    .command("member")
    .description("admit, freeze, unfreeze, close, show members; recover a lost key after a public delay");

  member
    .command("add")
    .description(
      "admit an account (member manager); or every account of a CSV file, checked whole before anything is " +
        "sent, many per transaction, safe to rerun",
    )
    .argument("[address]", "the account", addressArg)
    .option("--kind <kind>", "person, business or association", kindArg)
    .option("--csv <file>", "accounts to admit, columns address,kind (or address;kind)")
    .option("--dry-run", "with --csv: check the file and print what would be admitted; send nothing")
    .option("--verbose", "with --csv: one line per account besides the summary")
    .action(
      async (
        account: string | undefined,
        options: { kind?: AccountKindName; csv?: string; dryRun?: boolean; verbose?: boolean },
        command: Command,
      ) => {
        if (options.csv !== undefined) {
          if (account !== undefined || options.kind !== undefined) {
            throw new InvalidInputError("member add", "give either --csv FILE or ADDRESS --kind KIND");
          }
          await admitFile(command, options.csv, options);
          return;
        }
        if (options.dryRun || options.verbose) {
          throw new InvalidInputError("member add", "--dry-run and --verbose go with --csv");
        }
        if (account === undefined || options.kind === undefined) {
          throw new InvalidInputError("member add", "give ADDRESS --kind KIND, or --csv FILE");
        }
        const client = await clientFor(globals(command), true);
        printTx(
          command,
          `Admitted ${account} as ${options.kind}`,
          await client.members.admitMember({ account, kind: options.kind }),
        );
      },
    );

  for (const [name, action, verb] of [
    ["freeze", "freezeMember", "Froze"],
    ["unfreeze", "unfreezeMember", "Unfroze"],
    ["close", "closeMember", "Closed"],
  ] as const) {
    member
      .command(name)
      .description(`${name} an account (member manager)`)
      .argument("<address>", "the account", addressArg)
      .action(async (account: string, _options, command: Command) => {
        const client = await clientFor(globals(command), true);
        printTx(command, `${verb} ${account}`, await client.members[action]({ account }));
      });
  }

  member
    .command("show")
    .description("an account's kind, status and balance")
    .argument("<address>", "the account", addressArg)
    .action(async (account: string, _options, command: Command) => {
      const client = await clientFor(globals(command));
      const info = await client.members.getMember({ account });
      print(
        globals(command).json,
        info,
        () => `${account}: ${info.kind}, ${info.status}, ${formatAmount(info.balance)}`,
      );
    });

  member
    .command("recover")
    .description(
      "propose to move a frozen, lost account's balance to the member's new account after the public delay " +
        "(member manager)",
    )
    .argument("<lost>", "the frozen account", addressArg)
    .argument("<new>", "the member's new, admitted account", addressArg)
    .requiredOption("--reason <text>", "why (a ticket number); only its hash goes on chain")
    .action(async (lost: string, replacement: string, options: { reason: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await client.members.recoverMember({ lost, replacement, reason: options.reason });
      print(
        globals(command).json,
        {
          status: "pending",
          lost,
          replacement,
          reasonHash: result.reasonHash,
          executableAt: result.executableAt,
          transactionHash: result.hash,
          blockNumber: result.blockNumber,
        },
        () =>
          [
            `Recovery of ${lost} into ${replacement} proposed; nothing moves before its public delay has passed.`,
            `  executable after  ${localDateTime(result.executableAt)}`,
            `  transaction       ${result.hash} (block ${result.blockNumber})`,
            ...delayedFollowUps(
              `komuno member execute-recovery ${lost}`,
              `komuno member cancel-recovery ${lost}`,
              "an auditor or a member manager",
            ),
          ].join("\n"),
      );
    });

  member
    .command("recoveries")
    .description("the recoveries of lost keys waiting out their delay, and when each may execute")
    .action(async (_options, command: Command) => {
      const client = await clientFor(globals(command));
      const pending = await client.members.listPendingRecoveries();
      print(
        globals(command).json,
        pending,
        () =>
          pending
            .map((recovery) =>
              [
                `${recovery.lost} → ${recovery.replacement}`,
                `  proposed by       ${recovery.proposedBy} (transaction ${recovery.proposedInTransaction})`,
                `  executable after  ${localDateTime(recovery.executableAt)}`,
              ].join("\n"),
            )
            .join("\n\n") || "No recovery is pending.",
      );
    });

  member
    .command("execute-recovery")
    .description("carry out a pending recovery whose delay has passed (anyone may)")
    .argument("<lost>", "the frozen, lost account", addressArg)
    .action(async (lost: string, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await client.members.executeRecovery({ lost });
      // What moved, as the contract recorded it: the balance may have changed since the proposal.
      const recovered = result.receipt.logs
        .filter((log) => log.address.toLowerCase() === client.address.toLowerCase())
        .map((log) => client.currency.interface.parseLog(log))
        .find((event) => event?.name === "AccountRecovered");
      const { replacement, amount } = recovered!.args as unknown as { replacement: string; amount: bigint };
      printTx(command, `Recovered ${lost}: ${formatAmount(amount)} moved to ${replacement}`, result, {
        lost,
        replacement,
        amount,
      });
    });

  member
    .command("cancel-recovery")
    .description(
      "stop a pending recovery (an auditor, a member manager, or the governor through its timelock); nothing moves",
    )
    .argument("<lost>", "the frozen, lost account", addressArg)
    .action(async (lost: string, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Cancelled the recovery of ${lost}: nothing moved`,
        await client.members.cancelRecovery({ lost }),
        { lost },
      );
    });
}

/** `member add --csv`: the SDK's pre-flight, then the admissions, printed as a summary. */
async function admitFile(command: Command, file: string, options: { dryRun?: boolean; verbose?: boolean }) {
  const csv = await readFile(file, "utf8");
  const client = await clientFor(globals(command), true);
  const plan = await client.members.planAdmissions({ csv, source: file });
  if (plan.problems.length > 0) throw new PreflightError("Admission", plan.source, plan.problems, plan.numbering);
  const json = globals(command).json;
  const readWith = plan.delimiter === ";" ? ` (${file} read with ";" between columns)` : "";
  const rows = (label: string, members: { line: number; account: string; kind: string }[]) =>
    options.verbose ? members.map((m) => `  line ${m.line}: ${label} ${m.account} (${m.kind})`) : [];
  if (options.dryRun) {
    print(json, { dryRun: true, ...plan }, () =>
      [
        `Dry run, nothing sent: ${file}${plan.delimiter === ";" ? ' (read with ";" between columns)' : ""} may be admitted.`,
        `  to admit         ${plan.toAdmit.length} account(s)${byKind(plan.toAdmit)}, in ${plan.transactions} transaction(s)`,
        `  already members  ${plan.alreadyAdmitted.length} account(s) of the same kind, skipped`,
        ...rows("to admit", plan.toAdmit),
        ...rows("already a member", plan.alreadyAdmitted),
      ].join("\n"),
    );
    return;
  }
  const bar = progressBar("admitting");
  const result = await client.members.admitMembers({ plan, onProgress: (done, total) => bar.update(done, total) });
  bar.done();
  print(
    json,
    {
      dryRun: false,
      source: file,
      delimiter: plan.delimiter,
      admittedCount: result.admitted.length,
      alreadyAdmittedCount: result.alreadyAdmitted.length,
      transactions: result.transactions,
      admitted: result.admitted,
      alreadyAdmitted: result.alreadyAdmitted,
    },
    () =>
      [
        `Admitted ${result.admitted.length} account(s)${byKind(result.admitted)}` +
          (result.transactions.length > 0 ? ` in ${result.transactions.length} transaction(s)` : "") +
          `; ${result.alreadyAdmitted.length} already member(s) of the same kind, skipped${readWith}.`,
        ...rows("admitted", result.admitted),
        ...rows("already a member", result.alreadyAdmitted),
      ].join("\n"),
  );
}

/** " (5000 person, 500 business)": how many of each kind, when there are any. */
function byKind(members: { kind: string }[]): string {
  const counts = new Map<string, number>();
  for (const { kind } of members) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts.size === 0 ? "" : ` (${[...counts].map(([kind, n]) => `${n} ${kind}`).join(", ")})`;
}

import type { Command } from "commander";

import type { AccountKindName } from "../../accounts.js";
import { formatAmount } from "../../amounts.js";
import { addressArg, globals, kindArg, printTx } from "../args.js";
import { clientFor } from "../context.js";
import { delayedFollowUps, localDateTime, print } from "../output.js";

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
    .description("admit an account (member manager)")
    .argument("<address>", "the account", addressArg)
    .requiredOption("--kind <kind>", "person, business or association", kindArg)
    .action(async (account: string, options: { kind: AccountKindName }, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(
        command,
        `Admitted ${account} as ${options.kind}`,
        await client.members.admitMember({ account, kind: options.kind }),
      );
    });

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
    .description("stop a pending recovery (an auditor or a member manager); nothing moves")
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

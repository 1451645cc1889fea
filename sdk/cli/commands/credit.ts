import type { Command } from "commander";

import { getCreditAccount } from "../../actions/credit/getCreditAccount.js";
import { getCreditHistory } from "../../actions/credit/getCreditHistory.js";
import { acceptCreditMove } from "../../actions/credit/acceptCreditMove.js";
import { payCredit } from "../../actions/credit/payCredit.js";
import { proposeCreditMove } from "../../actions/credit/proposeCreditMove.js";
import {
  applyCreditFloorRaise,
  cancelCreditFloorRaise,
  setCreditLimits,
} from "../../actions/credit/setCreditLimits.js";
import { formatAmount } from "../../amounts.js";
import { mutualCreditOf } from "../../internal/mutualCreditContract.js";
import { addressArg, amountArg, globals, printTx } from "../args.js";
import { clientFor } from "../context.js";
import { delayedFollowUps, localDateTime, print } from "../output.js";

/** `komuno credit limit|pay|move|accept|show|history`: the mutual-credit ledger beside the currency. */
export function registerCreditCommands(program: Command): void {
  const credit = program
    .command("credit")
    .description("mutual credit between members: credit lines, payments and balances (never euro-backed)");

  credit
    .command("limit")
    .description("set a member's credit line (member manager); limits below the balance are allowed")
    .argument("<account>", "the member", addressArg)
    .requiredOption("--floor <amount>", "how far below zero the balance may go, in euros, e.g. 500.00", amountArg)
    .requiredOption("--ceiling <amount>", "how far above zero the balance may go, in euros, e.g. 1000.00", amountArg)
    .action(async (account: string, options: { floor: bigint; ceiling: bigint }, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await setCreditLimits(client, { account, floor: options.floor, ceiling: options.ceiling });
      const raise = result.pendingFloorRaise;
      printTx(
        command,
        raise === null
          ? `Credit line of ${account}: from -${formatAmount(options.floor)} to ${formatAmount(options.ceiling)}`
          : [
              `Credit line of ${account}: ceiling ${formatAmount(options.ceiling)} now; the floor of ` +
                `-${formatAmount(raise.floor)} waits its public delay (spending power is money to the payees).`,
              `  executable after  ${localDateTime(raise.executableAt)}`,
              ...delayedFollowUps(
                `komuno credit apply-floor ${account}`,
                `komuno credit cancel-floor ${account}`,
                "an auditor or a member manager",
              ),
            ].join("\n"),
        result,
        raise === null
          ? {}
          : { floorExecutableAt: raise.executableAt.toISOString(), pendingFloor: String(raise.floor) },
      );
    });

  for (const [name, description, action, done] of [
    [
      "apply-floor",
      "apply a raised credit floor once its delay has passed (anyone may)",
      applyCreditFloorRaise,
      "Applied",
    ],
    [
      "cancel-floor",
      "stop a raised credit floor before it applies (governor, auditor or member manager)",
      cancelCreditFloorRaise,
      "Cancelled",
    ],
  ] as const) {
    credit
      .command(name)
      .description(description)
      .argument("<account>", "the member", addressArg)
      .action(async (account: string, _options, command: Command) => {
        const client = await clientFor(globals(command), true);
        printTx(command, `${done} the raised credit floor of ${account}`, await action(client, { account }));
      });
  }

  credit
    .command("pay")
    .description("pay a member in mutual credit from the keystore's account")
    .argument("<to>", "the recipient", addressArg)
    .argument("<amount>", "euros, e.g. 12.50", amountArg)
    .action(async (to: string, amount: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(command, `Paid ${formatAmount(amount)} in credit to ${to}`, await payCredit(client, { to, amount }));
    });

  credit
    .command("move")
    .description(
      "propose to move a frozen or closed member's credit account to another member, who may accept it after the " +
        "public member-move delay (member manager)",
    )
    .argument("<from>", "the frozen or closed member (lost or migrated key)", addressArg)
    .argument("<to>", "an active member with no credit balance nor limits; it must accept", addressArg)
    .requiredOption("--reason <text>", "why (a ticket number); only its hash goes on chain")
    .action(async (from: string, to: string, options: { reason: string }, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await proposeCreditMove(client, { from, to, reason: options.reason });
      const { executableAt } = await mutualCreditOf(client).pendingCreditMove(from);
      const acceptableFrom = new Date(Number(executableAt) * 1000);
      printTx(
        command,
        [
          `Proposed to move the credit account of ${from} to ${to}; nothing moves until it accepts.`,
          `  it may accept from  ${localDateTime(acceptableFrom)}, with its own keystore:`,
          `  komuno credit accept ${from}`,
        ].join("\n"),
        result,
        { reasonHash: result.reasonHash, executableAt: acceptableFrom },
      );
    });

  credit
    .command("accept")
    .description(
      "take over, with the keystore's account, the credit account the member manager proposed to move to it, " +
        "once the delay has passed",
    )
    .argument("<from>", "the frozen or closed member whose credit account was proposed to you", addressArg)
    .action(async (from: string, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(command, `Took over the credit account of ${from}`, await acceptCreditMove(client, { from }));
    });

  credit
    .command("show")
    .description("a member's credit balance, limits and what it can still pay and receive")
    .argument("<account>", "the member", addressArg)
    .action(async (account: string, _options, command: Command) => {
      const client = await clientFor(globals(command));
      const info = await getCreditAccount(client, { account });
      print(globals(command).json, info, () =>
        [
          `${account}: credit balance ${formatAmount(info.balance)}`,
          `  limits       -${formatAmount(info.floor)} to ${formatAmount(info.ceiling)}`,
          `  can pay      ${formatAmount(info.canPay)}`,
          `  can receive  ${formatAmount(info.canReceive)}`,
        ].join("\n"),
      );
    });

  credit
    .command("history")
    .description("every movement of a member's credit balance, with the balance after each")
    .argument("<account>", "the member", addressArg)
    .action(async (account: string, _options, command: Command) => {
      const client = await clientFor(globals(command));
      const entries = await getCreditHistory(client, { account });
      print(
        globals(command).json,
        entries,
        () =>
          entries
            .map(
              (e) =>
                `block ${String(e.blockNumber).padStart(7)}  ${e.type.padEnd(7)} ${formatAmount(e.amount).padStart(12)}  ` +
                `${e.direction === "in" ? "from" : "to  "} ${e.counterparty}  balance ${formatAmount(e.balanceAfter)}`,
            )
            .join("\n") || "no credit movement",
      );
    });
}

import { type Command, InvalidArgumentError } from "commander";

import { cancelPaymentRequest } from "../../actions/requests/cancelPaymentRequest.js";
import { createPaymentRequest } from "../../actions/requests/createPaymentRequest.js";
import { getPaymentRequest, type PaymentRequest } from "../../actions/requests/getPaymentRequest.js";
import { listPaymentRequests, type ListedPaymentRequest } from "../../actions/requests/listPaymentRequests.js";
import { payPaymentRequest } from "../../actions/requests/payPaymentRequest.js";
import { rejectPaymentRequest } from "../../actions/requests/rejectPaymentRequest.js";
import { formatAmount } from "../../amounts.js";
import {
  addressArg,
  amountArg,
  expiryArg,
  expiryDate,
  feeNote,
  globals,
  idArg,
  printTx,
  type Expiry,
} from "../args.js";
import { clientFor } from "../context.js";
import { print } from "../output.js";

const directionArg = (value: string) => {
  if (value !== "incoming" && value !== "outgoing" && value !== "both") {
    throw new InvalidArgumentError("incoming, outgoing or both");
  }
  return value;
};

function describeStatus(request: PaymentRequest): string {
  return request.expired ? "expired" : request.status;
}

function describeExpiry(request: PaymentRequest): string {
  return request.expiresAt === null ? "never" : new Date(request.expiresAt * 1000).toISOString();
}

/** `komuno request …`: ask a member for a payment, pay, reject or cancel it, list and show requests. */
export function registerRequestCommands(program: Command): void {
  const request = program
    .command("request")
    .description("payment requests: ask a member to pay, pay or reject what you are asked, list them");

  request
    .command("create")
    .description("ask a member to pay an amount to the keystore's account")
    .argument("<payer>", "the member asked to pay", addressArg)
    .argument("<amount>", "euros, e.g. 12.50", amountArg)
    .option("--memo <text>", "what it is for (public; at most 200 bytes)")
    .option("--expires <when>", "ISO date, or seconds from now, from which it can no longer be paid", expiryArg)
    .option("--ref <text>", "your reference for it (an invoice number): running the command again asks only once")
    .action(
      async (
        payer: string,
        amount: bigint,
        options: { memo?: string; expires?: Expiry; ref?: string },
        command: Command,
      ) => {
        const client = await clientFor(globals(command), true);
        const expiresAt = options.expires === undefined ? undefined : await expiryDate(client, options.expires);
        const result = await createPaymentRequest(client, {
          payer,
          amount,
          memo: options.memo,
          expiresAt,
          reference: options.ref,
        });
        if (result.alreadyCreated) {
          print(
            globals(command).json,
            result,
            () => `Payment request #${result.id} was already made under ${options.ref}; nothing sent.`,
          );
          return;
        }
        printTx(command, `Payment request #${result.id}: ${formatAmount(amount)} asked of ${payer}`, result, {
          id: result.id,
        });
      },
    );

  request
    .command("pay")
    .description("pay a request addressed to the keystore's account (signs a permit when no allowance covers it)")
    .argument("<id>", "the request number", idArg)
    .option(
      "--amount <amount>",
      "the amount you expect to pay, in euros: nothing is sent if the request asks another",
      amountArg,
    )
    .action(async (id: bigint, options: { amount?: bigint }, command: Command) => {
      const client = await clientFor(globals(command), true);
      const result = await payPaymentRequest(client, { id, expectedAmount: options.amount });
      printTx(command, `Paid request #${id}: ${formatAmount(result.amount)}${feeNote(result)}`, result, {
        amount: result.amount,
        fee: result.fee,
        received: result.received,
        usedPermit: result.usedPermit,
      });
    });

  request
    .command("reject")
    .description("refuse a request addressed to the keystore's account")
    .argument("<id>", "the request number", idArg)
    .action(async (id: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(command, `Rejected request #${id}`, await rejectPaymentRequest(client, { id }));
    });

  request
    .command("cancel")
    .description("withdraw a request the keystore's account made")
    .argument("<id>", "the request number", idArg)
    .action(async (id: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command), true);
      printTx(command, `Cancelled request #${id}`, await cancelPaymentRequest(client, { id }));
    });

  request
    .command("list")
    .description("a member's open requests, received (incoming) and made (outgoing)")
    .argument("<account>", "the member", addressArg)
    .option("--direction <direction>", "incoming, outgoing or both", directionArg, "both")
    .option("--all", "also paid, rejected and cancelled requests")
    .action(
      async (
        account: string,
        options: { direction: "incoming" | "outgoing" | "both"; all?: boolean },
        command: Command,
      ) => {
        const client = await clientFor(globals(command));
        const list = await listPaymentRequests(client, {
          account,
          direction: options.direction,
          includeClosed: options.all === true,
        });
        print(
          globals(command).json,
          list,
          () =>
            list
              .map(
                (r: ListedPaymentRequest) =>
                  `#${r.id}  ${describeStatus(r).padEnd(9)} ${formatAmount(r.amount).padStart(12)}  ${
                    r.direction === "incoming" ? `from ${r.requester}` : `to   ${r.payer}`
                  }  ${r.memo}`,
              )
              .join("\n") || "no payment request",
        );
      },
    );

  request
    .command("show")
    .description("one request: parties, amount, memo, expiry and status")
    .argument("<id>", "the request number", idArg)
    .action(async (id: bigint, _options, command: Command) => {
      const client = await clientFor(globals(command));
      const r = await getPaymentRequest(client, { id });
      print(globals(command).json, r, () =>
        [
          `Payment request #${r.id}: ${describeStatus(r)}`,
          `  amount     ${formatAmount(r.amount)}`,
          `  requester  ${r.requester}`,
          `  payer      ${r.payer}`,
          `  expires    ${describeExpiry(r)}`,
          `  memo       ${r.memo}`,
        ].join("\n"),
      );
    });
}

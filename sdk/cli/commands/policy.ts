import { type Command, InvalidArgumentError } from "commander";

import { ACCOUNT_KINDS, type AccountKindName } from "../../accounts.js";
import { getPaymentPolicy, type PaymentPolicy } from "../../actions/policy/getPaymentPolicy.js";
import { MAX_FEE_BPS, setPaymentFees } from "../../actions/policy/setPaymentFees.js";
import { setTransferRule } from "../../actions/policy/setTransferRule.js";
import { InvalidInputError } from "../../errors.js";
import { globals, kindArg, printGoverned } from "../args.js";
import { clientFor } from "../context.js";
import { print } from "../output.js";

const percent = (bps: number) => `${(bps / 100).toFixed(2)} %`;

// Refused here, before any key is opened: the contract would refuse it too, after a password prompt.
const bpsArg = (value: string) => {
  if (!/^(0|[1-9][0-9]*)$/.test(value) || Number(value) > MAX_FEE_BPS) {
    throw new InvalidArgumentError(
      `a whole number of basis points from 0 to ${MAX_FEE_BPS} (${percent(MAX_FEE_BPS)}, the most a fee may be; ` +
        "150 is 1.50 %)",
    );
  }
  return Number(value);
};

function formatFees(fees: PaymentPolicy["fees"]): string {
  return (Object.keys(ACCOUNT_KINDS) as AccountKindName[])
    .map((kind) => `  to ${kind.padEnd(12)} ${String(fees[kind]).padStart(5)} bps (${percent(fees[kind])})`)
    .join("\n");
}

function formatRules(forbidden: PaymentPolicy["forbidden"]): string {
  if (forbidden.length === 0) return "every kind of account may pay every kind";
  return ["forbidden payments:", ...forbidden.map(({ from, to }) => `  ${from} -> ${to}`)].join("\n");
}

/** `komuno fees set|show` and `komuno rules set|show`: what every payment obeys (governor sets them). */
export function registerPolicyCommands(program: Command): void {
  const fees = program.command("fees").description("fees on payments, by kind of recipient, in basis points");

  fees
    .command("set")
    .description(
      "set the fees on payments to each kind of account (governor; scheduled in the timelock when it has a " +
        "delay); a kind left out keeps its current fee. " +
        "The payer pays the amount, the payee receives it less the fee, which goes to the fee account",
    )
    .option("--to-person <bps>", "fee on payments to persons, in basis points (150 is 1.50 %)", bpsArg)
    .option("--to-business <bps>", "fee on payments to businesses, in basis points", bpsArg)
    .option("--to-association <bps>", "fee on payments to associations, in basis points", bpsArg)
    .action(async (options: { toPerson?: number; toBusiness?: number; toAssociation?: number }, command: Command) => {
      if (options.toPerson === undefined && options.toBusiness === undefined && options.toAssociation === undefined) {
        throw new InvalidInputError("fees", "give --to-person, --to-business or --to-association");
      }
      const client = await clientFor(globals(command), true);
      const result = await setPaymentFees(client, {
        person: options.toPerson,
        business: options.toBusiness,
        association: options.toAssociation,
      });
      await printGoverned(command, client, () => `Payment fees set:\n${formatFees(result.fees)}`, result, {
        fees: result.fees,
      });
    });

  fees
    .command("show")
    .description("the fees on payments to each kind of account")
    .action(async (_options, command: Command) => {
      const client = await clientFor(globals(command));
      const policy = await getPaymentPolicy(client);
      print(globals(command).json, policy.fees, () => `payment fees:\n${formatFees(policy.fees)}`);
    });

  const rules = program.command("rules").description("which kinds of account may pay which");

  rules
    .command("set")
    .description(
      "forbid, or allow again, payments from one kind of account to another (governor; scheduled in the timelock " +
        "when it has a delay)",
    )
    .argument("<from-kind>", "the payer's kind: person, business or association", kindArg)
    .argument("<to-kind>", "the payee's kind: person, business or association", kindArg)
    .option("--forbid", "refuse these payments")
    .option("--allow", "accept these payments again")
    .action(
      async (
        from: AccountKindName,
        to: AccountKindName,
        options: { forbid?: boolean; allow?: boolean },
        command: Command,
      ) => {
        if (Boolean(options.forbid) === Boolean(options.allow)) {
          throw new InvalidInputError("rule", "give exactly one of --forbid and --allow");
        }
        const forbidden = options.forbid === true;
        const client = await clientFor(globals(command), true);
        await printGoverned(
          command,
          client,
          () => `Payments from ${from} to ${to} accounts are now ${forbidden ? "forbidden" : "allowed"}`,
          await setTransferRule(client, { from, to, forbidden }),
          { from, to, forbidden },
        );
      },
    );

  rules
    .command("show")
    .description("the kind pairs whose payments are refused")
    .action(async (_options, command: Command) => {
      const client = await clientFor(globals(command));
      const { forbidden } = await getPaymentPolicy(client);
      print(globals(command).json, { forbidden }, () => formatRules(forbidden));
    });
}

import { writeFile } from "node:fs/promises";

import { Command, InvalidArgumentError, Option } from "commander";

import { formatAmount } from "../amounts.js";
import { createKomunoClient } from "../client.js";
import { BaseError, ContractRevertError, InvalidInputError, RpcError } from "../errors.js";
import { toKomunoError } from "../internal/errors.js";
import { describeFaultTolerance, generateBesuNetwork } from "../node/chain/besu.js";
import { deployCurrencyFile } from "../node/deploy.js";
import { readCurrencyConfig, readDeploymentRecord, writeDeploymentRecord } from "../node/deploymentFiles.js";
import { upgradeCurrency } from "../node/upgrade.js";
import { openKeystore } from "../node/keystore.js";
import { addressArg, amountArg, feeNote, globals, printScheduled, printTx } from "./args.js";
import { registerBooksCommands } from "./commands/books.js";
import { registerCreditCommands } from "./commands/credit.js";
import { registerDelegationCommands } from "./commands/delegation.js";
import { registerGovernanceCommands } from "./commands/governance.js";
import { registerKeyCommands } from "./commands/keys.js";
import { registerReserveCommands } from "./commands/reserve.js";
import { registerTreasuryCommands } from "./commands/treasury.js";
import { registerMemberCommands } from "./commands/members.js";
import { registerPolicyCommands } from "./commands/policy.js";
import { registerRelayCommands } from "./commands/relay.js";
import { registerRequestCommands } from "./commands/requests.js";
import { askPassword, clientFor, DEFAULT_RPC, DEVNET_RECORD, loadSigner, type GlobalOptions } from "./context.js";
import { createRpcProvider } from "../provider.js";
import { print } from "./output.js";

const program = new Command("komuno")
  .description(
    "Run a euro-backed local currency: members, mints, reconversions, reserve and audits; fees and transfer " +
      "rules, governance through a public delay, signed payments, mutual credit, delegations and payment requests.",
  )
  .addOption(new Option("--rpc <url>", "JSON-RPC node").env("KOMUNO_RPC").default(DEFAULT_RPC))
  .addOption(
    new Option("--currency <address|file>", "the currency's address or deployment record").env("KOMUNO_CURRENCY"),
  )
  .addOption(new Option("--keystore <file>", "encrypted JSON keystore of the signer").env("KOMUNO_KEYSTORE"))
  .option("--json", "machine-readable output")
  .showHelpAfterError(false)
  .configureOutput({ outputError: (text, write) => write(text.split("\n")[0] + "\n") });

// ---------------------------------------------------------------- info, balance, pay, history

program
  .command("info")
  .description("the currency: name, supply, reserve, policy")
  .action(async (_options, command: Command) => {
    const client = await clientFor(globals(command));
    const [name, symbol, paused, status, network, payments] = await Promise.all([
      client.currency.name(),
      client.currency.symbol(),
      client.currency.paused(),
      client.reserve.getBackingStatus(),
      client.provider.getNetwork(),
      client.policy.getPaymentPolicy(),
    ]);
    const info = {
      name,
      symbol,
      address: client.address,
      chainId: Number(network.chainId),
      paused,
      ...status,
      paymentPolicy: payments,
    };
    const { fees, forbidden } = payments;
    print(globals(command).json, info, () =>
      [
        `${name} (${symbol}) at ${client.address} on chain ${info.chainId}${paused ? "  [PAUSED]" : ""}`,
        `  supply            ${formatAmount(status.supply)} (escrow ${formatAmount(status.escrowed)})`,
        `  attested reserve  ${formatAmount(status.attestedReserve)}${
          status.attestedAsOf === null
            ? " (never attested)"
            : ` as of ${new Date(status.attestedAsOf * 1000).toISOString()}`
        }`,
        `  fully backed      ${status.fullyBacked ? "yes" : "NO"}`,
        `  mint policy       reserve cap ${status.policy.reserveCap ? "on" : "off"}, headroom ${formatAmount(
          status.policy.headroom,
        )}, max attestation age ${status.policy.maxAttestationAgeSeconds ? `${status.policy.maxAttestationAgeSeconds / 86400} days` : "off"}`,
        `  payment fees      to persons ${fees.person} bps, to businesses ${fees.business} bps, to associations ${fees.association} bps`,
        `  forbidden         ${forbidden.map((p) => `${p.from} -> ${p.to}`).join(", ") || "none"}`,
      ].join("\n"),
    );
  });

program
  .command("balance")
  .description("an account's balance")
  .argument("<address>", "the account", addressArg)
  .action(async (account: string, _options, command: Command) => {
    const client = await clientFor(globals(command));
    const member = await client.members.getMember({ account });
    print(globals(command).json, member, () => `${formatAmount(member.balance)} (${member.kind}, ${member.status})`);
  });

program
  .command("pay")
  .description("pay a member from the keystore's account")
  .argument("<to>", "the recipient", addressArg)
  .argument("<amount>", "euros, e.g. 12.50", amountArg)
  .action(async (to: string, amount: bigint, _options, command: Command) => {
    const client = await clientFor(globals(command), true);
    const result = await client.wallet.pay({ to, amount });
    printTx(command, `Paid ${formatAmount(amount)} to ${to}${feeNote(result)}`, result, {
      fee: result.fee,
      received: result.received,
    });
  });

program
  .command("history")
  .description("every movement of an account")
  .argument("<address>", "the account", addressArg)
  .option("--csv <file>", "write the history as CSV")
  .action(async (account: string, options: { csv?: string }, command: Command) => {
    const client = await clientFor(globals(command));
    const entries = await client.wallet.getHistory({ account });
    if (options.csv) {
      const lines = ["date,block,transaction,type,counterparty,amount"];
      for (const e of entries) {
        lines.push(
          [
            new Date(e.timestamp * 1000).toISOString(),
            e.blockNumber,
            e.transactionHash,
            e.type,
            e.counterparty,
            formatAmount(e.amount),
          ].join(","),
        );
      }
      await writeFile(options.csv, lines.join("\n") + "\n");
    }
    print(
      globals(command).json,
      entries,
      () =>
        entries
          .map(
            (e) =>
              `${new Date(e.timestamp * 1000).toISOString()}  ${e.type.padEnd(12)} ${formatAmount(e.amount).padStart(12)}  ${e.counterparty}`,
          )
          .join("\n") || "no movement",
    );
  });

// ---------------------------------------------------------------- keys, members, treasury, reserve and audit

registerKeyCommands(program);
registerMemberCommands(program);
registerTreasuryCommands(program);
registerReserveCommands(program);
registerBooksCommands(program);

// ---------------------------------------------------------------- deployment

program
  .command("deploy")
  .description("deploy a currency file to --rpc and write its deployment record (Hardhat Ignition)")
  .argument("<currency-file>", "currencies/<code>.json")
  .option("--out <file>", "where to write the deployment record (default deployments/<code>-<chainId>.json)")
  .action(async (file: string, options: { out?: string }, command: Command) => {
    const { rpc, keystore } = globals(command);
    const deployerKey = keystore
      ? (await openKeystore(keystore, await askPassword(`Password for ${keystore}: `))).privateKey
      : undefined;
    const result = await deployCurrencyFile({ currencyFile: file, rpcUrl: rpc, deployerKey, out: options.out });
    print(globals(command).json, result, () => `Deployed at ${result.address}; deployment record ${result.record}`);
  });

program
  .command("upgrade")
  .description(
    "upgrade the implementation through the governor (scheduled in the timelock when it has a delay), refusing " +
      "an incompatible storage layout",
  )
  .option("--contract <name>", "the compiled contract to upgrade to", "LocalCurrency")
  .option(
    "--prepare-only",
    "deploy the implementation and print the governor's call (with a timelock: the call that schedules it), for " +
      "a multisig to send",
  )
  .option(
    "--member-move-delay-hours <hours>",
    "for a currency deployed by 0.1.0: the delay of recoveries and key migrations, set in the upgrade itself",
    (value: string) => {
      if (!/^(0|[1-9][0-9]*)$/.test(value) || Number(value) > 720) {
        throw new InvalidArgumentError("a whole number of hours from 0 to 720");
      }
      return BigInt(value) * 3_600n;
    },
  )
  .action(
    async (options: { contract: string; prepareOnly?: boolean; memberMoveDelayHours?: bigint }, command: Command) => {
      const opts = globals(command);
      const file = opts.currency ?? DEVNET_RECORD;
      if (/^0x[0-9a-fA-F]{40}$/.test(file))
        throw new InvalidInputError("--currency", "give the deployment record file, which is updated");
      const record = await readDeploymentRecord(file);
      const provider = createRpcProvider(opts.rpc);
      const signer = await loadSigner(opts, provider);
      if (signer === undefined) throw new InvalidInputError("--keystore", "the governor's keystore is needed");
      const result = await upgradeCurrency({
        record,
        signer,
        contractName: options.contract,
        prepareOnly: options.prepareOnly,
        memberMoveDelaySeconds: options.memberMoveDelayHours,
      });
      if (!options.prepareOnly) await writeDeploymentRecord(file, result.record);
      if (result.scheduled !== undefined) {
        const client = createKomunoClient({ provider, currency: record });
        await printScheduled(command, client, result.scheduled.operationId, false, {
          implementation: result.implementation,
        });
        return;
      }
      print(opts.json, result, () =>
        options.prepareOnly
          ? [
              `Implementation deployed at ${result.implementation}; storage layout compatible.`,
              record.governance === undefined
                ? `The governor must call ${result.call.to} with data:`
                : `The board must schedule the upgrade in the governance timelock: call ${result.call.to} with data:`,
              result.call.data,
              ...(record.governance === undefined
                ? []
                : ["Once scheduled, it shows in `komuno governance list`; after the delay, anyone may execute it."]),
            ].join("\n")
          : `Upgraded ${record.code} to ${result.implementation} (transaction ${result.transactionHash}); ${file} updated.`,
      );
    },
  );

const chain = program.command("chain").description("the currency's own permissioned chain");
chain
  .command("init")
  .description("generate a Hyperledger Besu QBFT network (genesis, keys, configs, docker-compose) for a currency")
  .argument("<currency-file>", "currencies/<code>.json")
  .requiredOption("--out <dir>", "where to write the network (must be empty or absent)")
  .option("--validators <n>", "how many validators (default: one per name in the currency file)", (v) => {
    if (!/^[1-9][0-9]*$/.test(v)) throw new InvalidArgumentError("a whole number from 1");
    return Number(v);
  })
  .action(async (file: string, options: { out: string; validators?: number }, command: Command) => {
    const config = await readCurrencyConfig(file);
    const network = await generateBesuNetwork(config, { outDir: options.out, validators: options.validators });
    for (const warning of network.warnings) process.stderr.write(`warning: ${warning}\n`);
    print(globals(command).json, network, () =>
      [
        `Besu QBFT network for ${config.name} (chain ${network.chainId}) in ${network.outDir}`,
        ...network.validators.map((v) => `  ${v.name.padEnd(32)} ${v.address}`),
        describeFaultTolerance(network.validators.length),
        `Start it: cd ${network.outDir} && docker compose up -d   (RPC at ${network.rpcUrl}; see README.md there)`,
      ].join("\n"),
    );
  });

// ---------------------------------------------------------------- fees and rules, governance, signed payments,
// mutual credit, delegation, payment requests

registerPolicyCommands(program);
registerGovernanceCommands(program);
registerRelayCommands(program);
registerCreditCommands(program);
registerDelegationCommands(program);
registerRequestCommands(program);

// ---------------------------------------------------------------- run

/** Prints one line and exits 1: the first failure wins, anything still in flight is cut short. */
function fail(error: unknown): never {
  let message: string;
  if (error instanceof BaseError) {
    message = error.shortMessage;
  } else {
    const typed = toKomunoError(error, "A request to the node", program.opts<GlobalOptions>().rpc);
    const fromChain = typed instanceof RpcError || typed instanceof ContractRevertError;
    message = fromChain ? typed.shortMessage : error instanceof Error ? error.message.split("\n")[0] : String(error);
  }
  process.stderr.write(`error: ${message}\n`);
  if (process.env.KOMUNO_DEBUG && error instanceof BaseError && error.details)
    process.stderr.write(`${error.details}\n`);
  process.exit(1);
}

// ethers may still poll for receipts of other transactions after the node died: that is the same failure.
process.on("unhandledRejection", fail);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}

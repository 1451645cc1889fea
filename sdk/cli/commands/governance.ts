import { existsSync } from "node:fs";

import type { Command } from "commander";

import type { GovernanceOperation } from "../../actions/governance/listGovernanceOperations.js";
import { settlePendingUpgrade } from "../../node/upgrade.js";
import { readDeploymentRecord, writeDeploymentRecord } from "../../node/deploymentFiles.js";
import { globals, printTx } from "../args.js";
import { clientFor, DEVNET_RECORD, type GlobalOptions } from "../context.js";
import { localDateTime, print } from "../output.js";

function formatOperation(operation: GovernanceOperation): string {
  return [
    operation.description,
    `  status            ${operation.status}`,
    `  executable after  ${localDateTime(operation.executableAt)}${operation.status === "ready" ? ": ready now" : ""}`,
    `  id                ${operation.id}`,
    `  scheduled in      transaction ${operation.scheduledInTransaction} (block ${operation.scheduledInBlock})`,
  ].join("\n");
}

/**
 * `komuno governance list|execute|cancel`: the governor's operations waiting out their public delay in the
 * timelock, where the board and the auditors see them coming and can stop them.
 */
export function registerGovernanceCommands(program: Command): void {
  const governance = program
    .command("governance")
    .description("operations of the governor waiting in the timelock: list, execute after the delay, or cancel");

  governance
    .command("list")
    .description("the operations waiting or ready, in plain words, with when each may execute")
    .option("--all", "also the operations done or cancelled")
    .action(async (options: { all?: boolean }, command: Command) => {
      const client = await clientFor(globals(command));
      const operations = await client.governance.listGovernanceOperations({ all: options.all === true });
      print(
        globals(command).json,
        operations,
        () =>
          operations.map(formatOperation).join("\n\n") ||
          (options.all ? "No governance operation was ever scheduled." : "No governance operation is waiting."),
      );
    });

  for (const [name, description, action, done] of [
    ["execute", "carry out an operation whose delay has passed (anyone may)", "executeGovernanceOperation", "Executed"],
    [
      "cancel",
      "stop an operation before it executes (the board or an auditor); it can never execute after",
      "cancelGovernanceOperation",
      "Cancelled, it will never execute",
    ],
  ] as const) {
    governance
      .command(name)
      .description(description)
      .argument("<id>", "the operation's id, as `komuno governance list` shows it")
      .action(async (operationId: string, _options, command: Command) => {
        const client = await clientFor(globals(command), true);
        const result = await client.governance[action]({ operationId });
        if (action === "executeGovernanceOperation") await settleRecordFile(globals(command), client.provider);
        printTx(command, `${done}: ${result.operation.description}`, result, {
          operationId: result.operation.id,
          description: result.operation.description,
        });
      });
  }
}

/** After an execution, a deployment record file whose pending upgrade the chain now runs names it as current. */
async function settleRecordFile(options: GlobalOptions, provider: Parameters<typeof settlePendingUpgrade>[1]) {
  const file = options.currency ?? process.env.KOMUNO_CURRENCY ?? DEVNET_RECORD;
  if (/^0x[0-9a-fA-F]{40}$/.test(file) || !existsSync(file)) return;
  const record = await readDeploymentRecord(file);
  const settled = await settlePendingUpgrade(record, provider);
  if (settled !== record) await writeDeploymentRecord(file, settled);
}

// `npm start`: the main job on one machine. Starts a local chain on 127.0.0.1 (Hardhat's node, the currency's
// chain id, free gas, automine or `--block-time N`, block time on the wall clock), deploys MIEL from its currency
// file through the production deployment code with development keys in every role, admits demo members, attests
// a reserve sized for a month of a large currency, mints a demo deposit, prints where everything is, and runs
// until Ctrl-C (SIGINT) or SIGTERM, which stop the chain with it.
// It also builds the web wallet and back office (wallet/) for this currency and serves them on --web-port.
//   npm start [-- --block-time 1] [--port 8545] [--web-port 5173] [--currency currencies/miel.json]
//             [--demo-reserve 1000000.00]
// A busy port, or another devnet running with the same directory, is refused before anything is touched.
import { mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";

import { HDNodeWallet, id, Mnemonic, ZeroHash } from "ethers";

import { deployCurrency, deploymentRecordOf } from "../ignition/deployCurrency.js";
import { formatAmount, parseAmount } from "../sdk/amounts.js";
import { createKomunoClient } from "../sdk/client.js";
import type { CurrencyConfig } from "../sdk/currency/schema.js";
import { toGovernanceParams, toInitParams } from "../sdk/currency/schema.js";
import type { DeploymentRecord } from "../sdk/deployment.js";
import { BaseError } from "../sdk/errors.js";
import { createRpcProvider } from "../sdk/provider.js";
import { readCurrencyConfig, writeDeploymentRecord } from "../sdk/node/deploymentFiles.js";
import { writeKeystore } from "../sdk/node/keystore.js";
import { GovernanceTimelock__factory } from "../types/ethers-contracts/index.js";
import { claimDevnet, DevnetRunningError, releaseDevnet, runningDevnet } from "./devnet/lock.js";
import { PortInUseError, startLocalNode, type LocalNode } from "./devnet/node.js";
import { buildWebApp, serveWebApp, type ServedWebApp } from "./wallet/webApp.js";

/** Exit status of a start refused before anything was touched (bad option, busy port, devnet running). */
const REFUSED = 2;
const DEVNET_DIR = process.env.KOMUNO_DEVNET_DIR ?? ".komuno/devnet";
const DEVNET_PASSWORD = "komuno-devnet"; // development only: these keys guard nothing of value
// Short enough for a demo to watch a fee change or a recovery wait its delay, long enough to cancel it.
const DEMO_DELAY_SECONDS = 120n;
// A month of a Léman-sized currency (5,500 members, 20,000 payments) mints well under a million euros: the
// reserve attested and the treasurer's allowance must not stop its batches.
const DEFAULT_DEMO_RESERVE = "1000000.00";
const DEMO_DEPOSIT = 25_000n;

class StartRefused extends Error {}

interface Options {
  port: number;
  webPort: number;
  blockTime: number | undefined;
  config: CurrencyConfig;
  demoReserve: bigint;
}

async function readOptions(): Promise<Options> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        "block-time": { type: "string" },
        port: { type: "string", default: process.env.KOMUNO_PORT ?? "8545" },
        "web-port": { type: "string", default: process.env.KOMUNO_WEB_PORT ?? "5173" },
        currency: { type: "string", default: "currencies/miel.json" },
        "demo-reserve": { type: "string", default: DEFAULT_DEMO_RESERVE },
      },
    }));
  } catch (error) {
    throw new StartRefused((error as Error).message);
  }
  const port = portOption("--port", values.port!);
  const webPort = portOption("--web-port", values["web-port"]!);
  if (webPort === port) throw new StartRefused(`--web-port must differ from --port (${port})`);
  const blockTime = values["block-time"] === undefined ? undefined : Number(values["block-time"]);
  if (blockTime !== undefined && !(Number.isInteger(blockTime) && blockTime > 0)) {
    throw new StartRefused(`--block-time must be a whole number of seconds, not ${values["block-time"]}`);
  }
  let demoReserve: bigint;
  try {
    demoReserve = parseAmount(values["demo-reserve"]!);
  } catch (error) {
    throw new StartRefused(`--demo-reserve: ${(error as BaseError).shortMessage}`);
  }
  if (demoReserve < DEMO_DEPOSIT) {
    throw new StartRefused(`--demo-reserve must cover the demo deposit of ${formatAmount(DEMO_DEPOSIT)}`);
  }
  let config: CurrencyConfig;
  try {
    config = await readCurrencyConfig(values.currency!);
  } catch (error) {
    const typed = error as BaseError;
    throw new StartRefused([typed.shortMessage ?? typed.message, typed.details].filter(Boolean).join("\n"));
  }
  return { port, webPort, blockTime, config, demoReserve };
}

function portOption(name: string, text: string): number {
  const port = Number(text);
  if (!/^[0-9]+$/.test(text) || port < 1 || port > 65_535) {
    throw new StartRefused(`${name} must be a port number from 1 to 65535, not ${text}`);
  }
  return port;
}

/** Refuses a busy web port before anything starts, as a busy chain port is. */
async function checkPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new StartRefused(`web port ${port} is in use: stop what uses it or use --web-port`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

let node: LocalNode | undefined;
let web: ServedWebApp | undefined;
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await releaseDevnet(DEVNET_DIR, process.pid);
  await web?.close();
  await node?.stop();
  process.exit(code);
};
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// A terminal closed under it: the chain goes with it.
process.on("SIGHUP", () => void shutdown(0));

let options: Options;
try {
  options = await readOptions();
  // Nothing is written before both checks: the devnet whose keystores these are may still be running.
  const running = await runningDevnet(DEVNET_DIR);
  if (running !== undefined) throw new DevnetRunningError(DEVNET_DIR, running);
  await checkPortFree(options.webPort);
  node = await startLocalNode({ port: options.port, chainId: options.config.chainId, blockTime: options.blockTime });
  await claimDevnet(DEVNET_DIR, {
    pid: process.pid,
    nodePid: node.process.pid!,
    rpcUrl: node.url,
    startedAt: new Date().toISOString(),
  });
} catch (error) {
  const refused =
    error instanceof StartRefused || error instanceof PortInUseError || error instanceof DevnetRunningError;
  process.stderr.write(`npm start: ${refused ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
  stopping = true;
  await node?.stop();
  process.exit(refused ? REFUSED : 1);
}
const { config, blockTime, demoReserve } = options;
node.process.on("exit", () => {
  if (!stopping) {
    console.error("The local chain stopped unexpectedly.");
    void shutdown(1);
  }
});

try {
  // Hardhat's node unlocks the accounts of its well-known development mnemonic: one per role.
  const mnemonic = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
  const key = (i: number) => HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
  const roles = ["governor", "treasurer", "auditor", "memberManager", "pauser", "association", "person", "business"];
  const keys = Object.fromEntries(roles.map((role, i) => [role, key(i)]));
  const init = {
    ...toInitParams(config),
    governor: keys.governor.address,
    treasurers: [keys.treasurer.address],
    auditors: [keys.auditor.address],
    memberManagers: [keys.memberManager.address],
    pausers: [keys.pauser.address],
    feeAccount: keys.association.address,
    memberMoveDelay: DEMO_DELAY_SECONDS,
  };
  // The production setup, with the demo's keys: the board proposes, the auditor may cancel too. The timelock
  // starts with no delay, for the demo's own setup below, then takes the demo delay through itself.
  const governance = {
    ...toGovernanceParams(config),
    delaySeconds: 0n,
    proposers: [keys.governor.address],
    cancellers: [keys.auditor.address],
  };

  process.env.KOMUNO_RPC = node.url;
  const { network } = await import("hardhat");
  const connection = await network.create({ network: "komunoUnlocked" });
  const deploymentId = `devnet-${config.code}`;
  await rm(path.join("ignition", "deployments", deploymentId), { recursive: true, force: true });
  const deployed = await deployCurrency(connection, init, { deploymentId, governance });
  const timelockAddress = deployed.governance!.timelock;
  await connection.close();

  // This devnet holds the directory now (claimDevnet): what is left there is a stopped chain's.
  await rm(path.join(DEVNET_DIR, "keys"), { recursive: true, force: true });
  await mkdir(path.join(DEVNET_DIR, "keys"), { recursive: true });
  const provider = createRpcProvider(node.url);
  const record: DeploymentRecord = {
    ...(await deploymentRecordOf(deployed, config, provider, { rpcUrl: node.url })),
    // The timelock is deployed without a delay (the demo's own set-up runs at once), then given the demo's.
    governance: { timelock: timelockAddress, delaySeconds: Number(DEMO_DELAY_SECONDS) },
  };

  const recordPath = path.join(DEVNET_DIR, "deployment.json");
  await writeDeploymentRecord(recordPath, record);
  const clients = new Map<string, ReturnType<typeof createKomunoClient>>();
  const client = (role: string) => {
    if (!clients.has(role)) {
      clients.set(
        role,
        createKomunoClient({ provider, signer: keys[role].connect(provider), currency: record, rpcUrl: node.url }),
      );
    }
    return clients.get(role)!;
  };

  // The demo: members of each kind, a reserve attestation, an allowance and a first deposit.
  await client("memberManager").members.admitMember({ account: keys.person.address, kind: "person" });
  await client("memberManager").members.admitMember({ account: keys.business.address, kind: "business" });
  await client("governor").treasury.changeMintAllowance({
    treasurer: keys.treasurer.address,
    direction: "increase",
    amount: demoReserve,
  });
  const { timestamp } = (await provider.getBlock("latest"))!;
  await client("auditor").reserve.attestReserve({
    amount: demoReserve,
    asOf: new Date(timestamp * 1000),
    evidenceHash: id("devnet demo bank statement"),
  });
  await client("treasurer").treasury.mint({
    to: keys.person.address,
    amount: DEMO_DEPOSIT,
    reference: "DEMO-DEPOSIT-1",
  });

  // From now on every governor operation waits the demo delay, as it would wait 48 h in production.
  const timelock = GovernanceTimelock__factory.connect(timelockAddress, keys.governor.connect(provider));
  const updateDelay = timelock.interface.encodeFunctionData("updateDelay", [DEMO_DELAY_SECONDS]);
  await (await timelock.schedule(timelockAddress, 0n, updateDelay, ZeroHash, ZeroHash, 0n)).wait();
  await (await timelock.execute(timelockAddress, 0n, updateDelay, ZeroHash, ZeroHash)).wait();

  const keystores: Record<string, string> = {};
  for (const role of roles) {
    keystores[role] = path.join(DEVNET_DIR, "keys", `${role}.json`);
    await writeKeystore(keystores[role], keys[role], DEVNET_PASSWORD, { light: true });
  }
  const webDir = path.join(DEVNET_DIR, "web");
  await buildWebApp(webDir, { deployment: record, rpcUrl: node.url });
  web = await serveWebApp(webDir, options.webPort);

  const status = await client("auditor").reserve.getBackingStatus();
  const allowance = await client("auditor").currency.mintAllowance(keys.treasurer.address);
  console.log(
    `${config.name} (${config.symbol}) on a local chain ${config.chainId} at ${node.url}${blockTime ? `, one block every ${blockTime} s` : ", automine"}`,
  );
  console.log(`  currency          ${record.address}`);
  console.log(`  mutual credit     ${deployed.extensions.mutualCredit}`);
  console.log(`  delegations       ${deployed.extensions.delegations}`);
  console.log(`  payment requests  ${deployed.extensions.paymentRequests}`);
  console.log(`  governance        ${timelockAddress} (timelock: governor operations wait ${DEMO_DELAY_SECONDS} s)`);
  console.log(`  recoveries, key migrations and credit moves wait ${DEMO_DELAY_SECONDS} s`);
  console.log(`  deployment record ${recordPath}`);
  console.log(`  supply ${formatAmount(status.supply)}, attested reserve ${formatAmount(status.attestedReserve)}`);
  console.log(
    `  the treasurer may mint ${formatAmount(allowance)} more (reserve and allowance set by --demo-reserve, ` +
      `default ${DEFAULT_DEMO_RESERVE}: a month of a 5,500-member currency)`,
  );
  console.log(`  keystores (development password "${DEVNET_PASSWORD}"):`);
  for (const role of roles) console.log(`    ${role.padEnd(14)} ${keys[role].address}  ${keystores[role]}`);
  console.log(
    `  web wallet        ${web.url}  (a phone-sized window; "restore from backup" opens the person's keystore)`,
  );
  console.log(`  back office       ${web.url}office/  (each role opens its keystore above)`);
  console.log(`Try, in another terminal:  npx komuno info   npx komuno audit`);
  console.log(
    `  KOMUNO_PASSWORD=${DEVNET_PASSWORD} npx komuno --keystore ${keystores.person} pay ${keys.business.address} 12.50`,
  );
  console.log(`Komuno devnet ready. Press Ctrl-C to stop.`);
} catch (error) {
  console.error(error);
  await shutdown(1);
}

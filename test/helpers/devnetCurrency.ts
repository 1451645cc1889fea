import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { HDNodeWallet, Mnemonic } from "ethers";

import { startLocalNode, freePort, type LocalNode } from "../../scripts/devnet/node.js";
import { writeKeystore } from "../../sdk/node/keystore.js";
import { runCli, type CliResult } from "./cli.js";

// A currency deployed by `komuno deploy` on a devnet node the test starts, with a keystore for every role:
// what the end-to-end and package tests run against.
export const CHAIN_ID = 46399;
export const PASSWORD = "e2e-password";
const mnemonic = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
const keyOf = (i: number) => HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
const roles = [
  "governor",
  "treasurer",
  "auditor",
  "manager",
  "pauser",
  "association",
  "person",
  "business",
  "replacement",
] as const;
export const keys = Object.fromEntries(roles.map((role, i) => [role, keyOf(i)])) as Record<
  (typeof roles)[number],
  HDNodeWallet
>;

export interface Environment {
  node: LocalNode;
  dir: string;
  record: string;
  code: string;
  cli: (args: string[], as?: (typeof roles)[number]) => Promise<CliResult>;
}

/** What sets a currency apart from the default test one: its code and its public delays. */
export interface Variant {
  code?: string;
  delayHours?: number;
  memberMoveDelayHours?: number;
  /** Extra environment of every `komuno` run (its time zone). */
  cliEnv?: NodeJS.ProcessEnv;
  /** One block every N seconds instead of one per transaction. */
  blockTime?: number;
}

/** A currency file whose roles are the node's development accounts. */
export function currencyFile({ code = "e2e", delayHours = 0, memberMoveDelayHours = 0 }: Variant = {}) {
  return {
    code,
    name: "Monnaie de Test",
    symbol: "TEST",
    chainId: CHAIN_ID,
    governor: keys.governor.address,
    // With no delay, the governor's commands are scheduled in the timelock and carried out at once.
    governance: { delayHours, cancellers: [] },
    roles: {
      treasurers: [keys.treasurer.address],
      auditors: [keys.auditor.address],
      memberManagers: [keys.manager.address],
      pausers: [keys.pauser.address],
    },
    feeAccount: keys.association.address,
    policy: {
      reserveCap: true,
      mintHeadroom: "0.00",
      maxAttestationAgeDays: 30,
      memberMoveDelayHours,
      reconversion: { allowedKinds: ["business"], commissionBps: 200 },
    },
    network: {
      blockPeriodSeconds: 2,
      emptyBlockPeriodSeconds: 60,
      validators: ["A", "B", "C", "D"],
      walletOrigins: [],
      rpcHostnames: [],
    },
  };
}

/** A fresh node with a fresh deployment through `komuno deploy`, and keystores for every role. */
export async function freshEnvironment(variant: Variant = {}): Promise<Environment> {
  const node = await startLocalNode({ port: await freePort(), chainId: CHAIN_ID, blockTime: variant.blockTime });
  const dir = await mkdtemp(path.join(tmpdir(), "komuno-e2e-"));
  const file = currencyFile(variant);
  await rm(path.join("ignition", "deployments", `${file.code}-${CHAIN_ID}`), { recursive: true, force: true });
  await writeFile(path.join(dir, "e2e.json"), JSON.stringify(file));
  for (const role of roles) {
    await writeKeystore(path.join(dir, `${role}.json`), keys[role], PASSWORD, { light: true });
  }
  const record = path.join(dir, "deployment.json");
  const deployed = await runCli(["--rpc", node.url, "--json", "deploy", path.join(dir, "e2e.json"), "--out", record]);
  expect(deployed.code, deployed.stderr).to.equal(0);
  const cli = (args: string[], as?: (typeof roles)[number]) =>
    runCli(
      ["--rpc", node.url, "--currency", record, ...(as ? ["--keystore", path.join(dir, `${as}.json`)] : []), ...args],
      { KOMUNO_PASSWORD: PASSWORD, ...variant.cliEnv },
    );
  return { node, dir, record, code: file.code, cli };
}

export async function dispose(env: Environment | undefined) {
  if (env === undefined) return;
  await env.node.stop();
  await rm(env.dir, { recursive: true, force: true });
  await rm(path.join("ignition", "deployments", `${env.code}-${CHAIN_ID}`), { recursive: true, force: true });
}

/** Admits members and mints them their opening balances (euros), with the allowance and reserve that takes. */
export async function admitAndFund(
  env: Environment,
  members: { address: string; kind: "person" | "business"; euros: string }[],
): Promise<void> {
  const ok = (result: CliResult) => expect(result.code, result.stderr).to.equal(0);
  for (const member of members) ok(await env.cli(["member", "add", member.address, "--kind", member.kind], "manager"));
  const evidence = path.join(env.dir, "opening-statement.txt");
  await writeFile(evidence, "opening bank statement");
  ok(await env.cli(["allowance", "increase", keys.treasurer.address, "100000.00"], "governor"));
  ok(await env.cli(["reserve", "attest", "100000.00", "--evidence", evidence], "auditor"));
  for (const [i, member] of members.entries()) {
    ok(await env.cli(["mint", member.address, member.euros, "--ref", `OPENING-${i + 1}`], "treasurer"));
  }
}

// Bulk admission, as a member manager runs it: `komuno member add --csv` of a Léman-sized file (5,000 persons and
// 500 businesses) against a local `hardhat node` (automine), timed from the command's start to its exit (Node
// start, key decryption, the pre-flight reading every account, the batches sent and confirmed), then the same
// file again (every row skipped), then the command one account at a time for comparison. Then the treasurer's
// side: `komuno mint --csv` of 5,000 deposits to those members, and its rerun. Gas per admitted member comes
// from the receipts. Writes bench/results/admission.{json,md}.
import { execFile } from "node:child_process";
import { cpus } from "node:os";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { keccak256, toUtf8Bytes, getAddress } from "ethers";

import { writeDeploymentRecord } from "../sdk/node/deploymentFiles.js";
import { writeKeystore } from "../sdk/node/keystore.js";
import { createRpcProvider } from "../sdk/provider.js";
import { benchChain, devKey } from "./chain.js";

const PERSONS = Number(process.env.KOMUNO_BENCH_PERSONS ?? 5_000);
const BUSINESSES = Number(process.env.KOMUNO_BENCH_BUSINESSES ?? 500);
const ONE_BY_ONE = 20;
const DEPOSITS = Number(process.env.KOMUNO_BENCH_DEPOSITS ?? 5_000);
const TARGET_SECONDS = 60;
const PASSWORD = "bench-password";

const account = (label: string) => getAddress(`0x${keccak256(toUtf8Bytes(label)).slice(26)}`);

interface Run {
  seconds: number;
  stdout: string;
}

function komuno(args: string[]): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.resolve("bin/komuno.js"), ...args],
      { env: { ...process.env, KOMUNO_PASSWORD: PASSWORD }, maxBuffer: 256 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`komuno ${args.slice(-3).join(" ")} failed: ${stderr}`));
        else resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout });
      },
    );
  });
}

const chain = await benchChain({ memberCount: 0 });
const dir = await mkdtemp(path.join(tmpdir(), "komuno-bench-admission-"));
try {
  const provider = createRpcProvider(chain.node.url);
  const record = path.join(dir, "deployment.json");
  await writeDeploymentRecord(record, chain.record);
  const [treasurer, manager] = [devKey(1), devKey(3)];
  await writeKeystore(path.join(dir, "manager.json"), manager, PASSWORD, { light: true });
  await writeKeystore(path.join(dir, "treasurer.json"), treasurer, PASSWORD, { light: true });
  const as = (role: string) => [
    "--rpc",
    chain.node.url,
    "--currency",
    record,
    "--keystore",
    path.join(dir, `${role}.json`),
  ];

  const members = [
    ...Array.from({ length: PERSONS }, (_, i) => ({ address: account(`bench person ${i}`), kind: "person" })),
    ...Array.from({ length: BUSINESSES }, (_, i) => ({ address: account(`bench business ${i}`), kind: "business" })),
  ];
  const membersCsv = path.join(dir, "members.csv");
  await writeFile(membersCsv, ["address,kind", ...members.map((m) => `${m.address},${m.kind}`)].join("\n") + "\n");

  const bulk = await komuno([...as("manager"), "--json", "member", "add", "--csv", membersCsv]);
  const admitted = JSON.parse(bulk.stdout);
  if (admitted.admittedCount !== members.length) throw new Error(`admitted ${admitted.admittedCount}`);
  const receipts = await Promise.all(admitted.transactions.map((hash: string) => provider.getTransactionReceipt(hash)));
  const batchGas = receipts.reduce((sum, r) => sum + Number(r!.gasUsed), 0);
  const rerun = await komuno([...as("manager"), "--json", "member", "add", "--csv", membersCsv]);
  if (JSON.parse(rerun.stdout).alreadyAdmittedCount !== members.length) throw new Error("the rerun admitted again");

  const single: number[] = [];
  let singleGas = 0;
  for (let i = 0; i < ONE_BY_ONE; i++) {
    const run = await komuno([
      ...as("manager"),
      "--json",
      "member",
      "add",
      account(`bench single ${i}`),
      "--kind",
      "person",
    ]);
    single.push(run.seconds);
    singleGas += Number((await provider.getTransactionReceipt(JSON.parse(run.stdout).transactionHash))!.gasUsed);
  }
  const secondsPerSingle = single.reduce((a, b) => a + b, 0) / single.length;

  const depositsCsv = path.join(dir, "deposits.csv");
  await writeFile(
    depositsCsv,
    [
      "to,amount,ref",
      ...Array.from({ length: DEPOSITS }, (_, i) => `${members[i % members.length].address},19.90,BENCH-VIR-${i}`),
    ].join("\n") + "\n",
  );
  const mint = await komuno([...as("treasurer"), "--json", "mint", "--csv", depositsCsv]);
  if (JSON.parse(mint.stdout).mintedCount !== DEPOSITS) throw new Error("not every deposit was minted");
  const mintRerun = await komuno([...as("treasurer"), "mint", "--csv", depositsCsv]);

  const results = {
    machine: `${cpus().length} cores, ${cpus()[0]?.model.trim()}`,
    node: "hardhat node (EDR), automine, loopback",
    admission: {
      members: members.length,
      persons: PERSONS,
      businesses: BUSINESSES,
      transactions: admitted.transactions.length,
      cliSeconds: bulk.seconds,
      rerunSeconds: rerun.seconds,
      targetSeconds: TARGET_SECONDS,
      oneByOne: {
        sampled: ONE_BY_ONE,
        secondsPerMember: secondsPerSingle,
        extrapolatedSeconds: secondsPerSingle * members.length,
      },
      gasPerMemberInBatch: Math.round(batchGas / members.length),
      gasPerMemberOneByOne: Math.round(singleGas / ONE_BY_ONE),
    },
    mint: {
      deposits: DEPOSITS,
      cliSeconds: mint.seconds,
      rerunSeconds: mintRerun.seconds,
      rerunOutput: mintRerun.stdout.trim(),
    },
  };
  const a = results.admission;
  const report = [
    "| run | rows | transactions | seconds (command start to exit) |",
    "| --- | --- | --- | --- |",
    `| \`komuno member add --csv\`, ${PERSONS} persons and ${BUSINESSES} businesses | ${a.members} | ${a.transactions} | ${a.cliSeconds.toFixed(1)} |`,
    `| the same file again (every row already admitted, skipped) | ${a.members} | 0 | ${a.rerunSeconds.toFixed(1)} |`,
    `| \`komuno member add ADDRESS --kind\`, one at a time (mean of ${ONE_BY_ONE}), extrapolated | ${a.members} | ${a.members} | ${a.oneByOne.extrapolatedSeconds.toFixed(0)} (${a.oneByOne.secondsPerMember.toFixed(2)} s each) |`,
    `| \`komuno mint --csv\`, ${DEPOSITS} deposits to those members | ${DEPOSITS} | ${JSON.parse(mint.stdout).transactions.length} | ${results.mint.cliSeconds.toFixed(1)} |`,
    `| the same deposits file again (every deposit already minted, skipped) | ${DEPOSITS} | 0 | ${results.mint.rerunSeconds.toFixed(1)} |`,
    "",
    `Target: ${a.members} members in at most ${TARGET_SECONDS} s: ${a.cliSeconds <= TARGET_SECONDS ? "met" : "MISSED"} ` +
      `(${(a.oneByOne.extrapolatedSeconds / a.cliSeconds).toFixed(0)} × faster than one at a time).`,
    `Gas per admitted member: ${a.gasPerMemberInBatch.toLocaleString("en")} in batches of up to 300 ` +
      `(admitMembersInBatch), ${a.gasPerMemberOneByOne.toLocaleString("en")} one by one (admit).`,
    `The rerun of the deposits file prints: "${results.mint.rerunOutput}"`,
    `Machine: ${results.machine}; ${results.node}.`,
  ].join("\n");
  console.log(report);
  await writeFile("bench/results/admission.json", JSON.stringify(results, null, 2) + "\n");
  await writeFile("bench/results/admission.md", report + "\n");
} finally {
  await chain.stop();
  await rm(dir, { recursive: true, force: true });
}

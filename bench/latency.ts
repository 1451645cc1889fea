// Payment latency and throughput: payments from 100 member wallets through the SDK (each wallet pays 10 times
// a round, waiting for each receipt, as a person at a till would), with the JSON-RPC requests they cost counted
// by method, against the node's ceiling: pre-signed raw transfers of a plain OpenZeppelin ERC-20, sent straight
// to the same node by 100 other wallets. On automine the three alternate on one node, round after round (SDK;
// raw; SDK with `preflight`, every payment checked by eth_estimateGas first), so that a machine shared with
// other work loads each about alike; the ratio is the SDK's payments over the raw transfers, each summed over
// the rounds. Then the SDK alone on one-second blocks, for latency. Writes bench/results/latency.{json,md}.
import { cpus, loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";

import { ContractFactory, Interface, keccak256, type JsonRpcProvider, type Wallet } from "ethers";

import { createKomunoClient } from "../sdk/client.js";
import { createRpcProvider } from "../sdk/provider.js";
import { benchChain, CHAIN_ID, devKey, memberKey, sendRaw, type BenchChain } from "./chain.js";

const WALLETS = 100;
const PER_WALLET = 10;
const ROUNDS = Number(process.env.KOMUNO_BENCH_ROUNDS ?? 5);
const RAW_PER_ROUND = 2 * WALLETS * PER_WALLET;

/** CPU time (ms) of this process (the SDK, and the devnet's fee gateway) and of the node's, where readable. */
function cpuNow(chain: BenchChain) {
  const own = process.cpuUsage();
  let node = Number.NaN;
  try {
    // utime and stime, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${chain.node.process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    node = (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    // Not Linux: wall-clock figures only.
  }
  return { bench: (own.user + own.system) / 1000, node };
}

function cpuSince(chain: BenchChain, start: ReturnType<typeof cpuNow>, into: { benchCpu: number; nodeCpu: number }) {
  const end = cpuNow(chain);
  into.benchCpu += end.bench - start.bench;
  into.nodeCpu += end.node - start.node;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Counts the JSON-RPC requests a provider sends, by method, batches included. */
function countRequests(provider: JsonRpcProvider) {
  const counts = new Map<string, number>();
  const send = provider._send.bind(provider);
  provider._send = (payload) => {
    for (const request of Array.isArray(payload) ? payload : [payload]) {
      counts.set(request.method, (counts.get(request.method) ?? 0) + 1);
    }
    return send(payload);
  };
  return counts;
}

interface Run {
  payments: number;
  seconds: number;
  benchCpu: number;
  nodeCpu: number;
  latencies: number[];
  requests: Map<string, number>;
}

function sdkRun() {
  return {
    payments: 0,
    seconds: 0,
    benchCpu: 0,
    nodeCpu: 0,
    latencies: [] as number[],
    requests: new Map<string, number>(),
  } satisfies Run;
}

/**
 * The 100 wallets' clients, on one provider whose requests are counted, kept from round to round as a wallet
 * backend keeps them: a wallet's first payment reads its nonce and whether gas is free, once.
 */
function sdkWallets(chain: BenchChain, members: Wallet[], preflight: boolean) {
  const provider = createRpcProvider(chain.node.url);
  const requests = countRequests(provider);
  const clients = members.map((m) =>
    createKomunoClient({ provider, signer: m.connect(provider), currency: chain.record, preflight }),
  );
  return { provider, requests, clients, members };
}

/** One round: every wallet pays PER_WALLET times, one payment after another. */
async function sdkRound(chain: BenchChain, wallets: ReturnType<typeof sdkWallets>, run: Run) {
  const started = performance.now();
  const cpu = cpuNow(chain);
  await Promise.all(
    wallets.clients.map(async (client, i) => {
      for (let k = 0; k < PER_WALLET; k++) {
        const sent = performance.now();
        await client.wallet.pay({ to: wallets.members[(i + 1 + k) % WALLETS].address, amount: 125n });
        run.latencies.push(performance.now() - sent);
      }
    }),
  );
  run.seconds += (performance.now() - started) / 1000;
  cpuSince(chain, cpu, run);
  run.payments += WALLETS * PER_WALLET;
  run.requests = wallets.requests;
}

function summary(mode: string, run: Run) {
  const latencies = [...run.latencies].sort((a, b) => a - b);
  const perPayment = Object.fromEntries([...run.requests].map(([method, n]) => [method, n / run.payments]));
  return {
    mode,
    payments: run.payments,
    paymentsPerSecond: run.payments / run.seconds,
    p50Seconds: percentile(latencies, 50) / 1000,
    p95Seconds: percentile(latencies, 95) / 1000,
    benchCpuMsPerPayment: run.benchCpu / run.payments,
    nodeCpuMsPerPayment: run.nodeCpu / run.payments,
    requestsPerPayment: Object.values(perPayment).reduce((a, b) => a + b, 0),
    requestsPerPaymentByMethod: perPayment,
  };
}

async function fund(chain: BenchChain) {
  const provider = createRpcProvider(chain.node.url);
  const treasurer = createKomunoClient({ provider, signer: devKey(1).connect(provider), currency: chain.record });
  await treasurer.treasury.mintBatch({
    deposits: chain.members.map((m, i) => ({ to: m.address, amount: 1_000_000n, reference: `LATENCY-${i}` })),
    chunkSize: 100,
  });
  provider.destroy();
}

/** A plain OpenZeppelin ERC-20 on the same node, held by 100 wallets that are not the SDK's. */
async function plainToken(chain: BenchChain) {
  const provider = createRpcProvider(chain.node.url);
  const artifact = JSON.parse(
    await readFile("artifacts/contracts/mocks/PlainERC20Mock.sol/PlainERC20Mock.json", "utf8"),
  );
  const deployer = devKey(0).connect(provider);
  const token = await new ContractFactory(artifact.abi, artifact.bytecode, deployer).deploy();
  await token.waitForDeployment();
  const erc20 = new Interface(artifact.abi);
  const address = await token.getAddress();
  const holders = Array.from({ length: WALLETS }, (_, i) => memberKey(1_000 + i));
  const mint = await deployer.sendTransaction({
    to: address,
    data: erc20.encodeFunctionData("mintBatch", [holders.map((h) => h.address), holders.map(() => 1_000_000n)]),
  });
  await mint.wait();
  provider.destroy();
  let nonce = 0;
  // Signed before the clock starts: the ceiling is the node's alone.
  const sign = async () => {
    const raw: string[] = [];
    for (let i = 0; i < RAW_PER_ROUND; i++) {
      const from: Wallet = holders[i % WALLETS];
      raw.push(
        await from.signTransaction({
          type: 2,
          chainId: CHAIN_ID,
          nonce: nonce + Math.floor(i / WALLETS),
          to: address,
          data: erc20.encodeFunctionData("transfer", [holders[(i + 1) % WALLETS].address, 1n]),
          gasLimit: 60_000n,
          maxFeePerGas: 0n,
          maxPriorityFeePerGas: 0n,
        }),
      );
    }
    nonce += RAW_PER_ROUND / WALLETS;
    return raw;
  };
  return { sign };
}

async function automine() {
  // Wallets of their own for the preflight rounds: two clients on one key would count its nonces apart.
  const chain = await benchChain({ memberCount: 2 * WALLETS });
  try {
    await fund(chain);
    const token = await plainToken(chain);
    const sdk = sdkRun();
    const preflight = sdkRun();
    const plainWallets = sdkWallets(chain, chain.members.slice(0, WALLETS), false);
    const preflightWallets = sdkWallets(chain, chain.members.slice(WALLETS), true);
    const raw = { transfers: 0, seconds: 0, benchCpu: 0, nodeCpu: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      await sdkRound(chain, plainWallets, sdk);
      const signed = await token.sign();
      const started = performance.now();
      const cpu = cpuNow(chain);
      await sendRaw(chain.node.url, signed, 100);
      raw.seconds += (performance.now() - started) / 1000;
      cpuSince(chain, cpu, raw);
      raw.transfers += signed.length;
      await sdkRound(chain, preflightWallets, preflight);
    }
    plainWallets.provider.destroy();
    preflightWallets.provider.destroy();
    return {
      sdk: summary("automine", sdk),
      preflight: summary("automine, preflight", preflight),
      raw: {
        transfers: raw.transfers,
        transfersPerSecond: raw.transfers / raw.seconds,
        benchCpuMsPerTransfer: raw.benchCpu / raw.transfers,
        nodeCpuMsPerTransfer: raw.nodeCpu / raw.transfers,
      },
    };
  } finally {
    await chain.stop();
  }
}

async function oneSecondBlocks() {
  const chain = await benchChain({ memberCount: WALLETS, blockTime: 1 });
  try {
    await fund(chain);
    const run = sdkRun();
    const wallets = sdkWallets(chain, chain.members, false);
    await sdkRound(chain, wallets, run);
    wallets.provider.destroy();
    return summary("1 s blocks", run);
  } finally {
    await chain.stop();
  }
}

/** CPU time of one secp256k1 signature as the SDK makes it (ethers' SigningKey): every payment needs one. */
function signingCpuMs() {
  const key = memberKey(0).signingKey;
  const digest = keccak256("0x01");
  for (let i = 0; i < 200; i++) key.sign(digest);
  const start = process.cpuUsage();
  for (let i = 0; i < 2_000; i++) key.sign(digest);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / 2_000;
}

const loadBefore = loadavg()[0];
const onAutomine = await automine();
const onBlocks = await oneSecondBlocks();
const ceiling = onAutomine.raw;
const result = {
  machine: `${cpus().length} cores, ${cpus()[0].model}`,
  // Other work on the machine: the one-minute load average before and after.
  loadAverage: [loadBefore, loadavg()[0]],
  rounds: ROUNDS,
  signingCpuMsPerPayment: signingCpuMs(),
  sdk: [onAutomine.sdk, onBlocks, onAutomine.preflight],
  rawCeiling: ceiling,
  sdkOverCeiling: onAutomine.sdk.paymentsPerSecond / ceiling.transfersPerSecond,
  preflightOverCeiling: onAutomine.preflight.paymentsPerSecond / ceiling.transfersPerSecond,
};
const perPayment = (r: (typeof result.sdk)[number]) =>
  `${r.requestsPerPayment.toFixed(2)} (${Object.entries(r.requestsPerPaymentByMethod)
    .sort(([, a], [, b]) => b - a)
    .map(([method, n]) => `${method.replace(/^eth_/, "")} ${n.toFixed(2)}`)
    .join(", ")})`;
const ms = (x: number) => (Number.isNaN(x) ? "" : `${x.toFixed(2)} ms`);
const md = [
  "| mode | payments | payments/s | p50 submit → receipt | p95 | node CPU per payment | SDK CPU per payment | JSON-RPC requests per payment |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ...result.sdk.map(
    (r) =>
      `| SDK, ${r.mode} | ${r.payments} | ${r.paymentsPerSecond.toFixed(0)} | ${r.p50Seconds.toFixed(3)} s | ${r.p95Seconds.toFixed(3)} s | ${ms(r.nodeCpuMsPerPayment)} | ${ms(r.benchCpuMsPerPayment)} | ${perPayment(r)} |`,
  ),
  `| raw pre-signed OpenZeppelin transfers, automine (the node's ceiling) | ${ceiling.transfers} | ${ceiling.transfersPerSecond.toFixed(0)} | | | ${ms(ceiling.nodeCpuMsPerTransfer)} | ${ms(ceiling.benchCpuMsPerTransfer)} | 1 (sendRawTransaction) |`,
  "",
  `SDK on automine reaches ${(result.sdkOverCeiling * 100).toFixed(0)} % of the node's ceiling ` +
    `(${(result.preflightOverCeiling * 100).toFixed(0)} % with preflight), over ${ROUNDS} alternating rounds; ` +
    `per node CPU, a payment costs ${(onAutomine.sdk.nodeCpuMsPerPayment / ceiling.nodeCpuMsPerTransfer).toFixed(2)} × a raw transfer ` +
    `(${(onAutomine.preflight.nodeCpuMsPerPayment / ceiling.nodeCpuMsPerTransfer).toFixed(2)} × with preflight); ` +
    `of the SDK's CPU per payment, ${ms(result.signingCpuMsPerPayment)} is the signature. ` +
    `Load average ${result.loadAverage.map((l) => l.toFixed(1)).join(" → ")} on ${result.machine}.`,
].join("\n");
console.log(md);
await writeFile("bench/results/latency.json", JSON.stringify(result, null, 2) + "\n");
await writeFile("bench/results/latency.md", md + "\n");

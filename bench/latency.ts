// Payment latency and throughput: 1,000 payments from 100 member wallets through the SDK (each wallet pays
// 10 times, waiting for each receipt, as a person at a till would), on automine and on one-second blocks;
// and, in the same run, the node's ceiling: pre-signed raw transfers of a plain OpenZeppelin ERC-20 sent
// straight to the same kind of node. Writes bench/results/latency.{json,md}.
import { cpus } from "node:os";
import { writeFile } from "node:fs/promises";

import { ContractFactory, Interface } from "ethers";

import { createKomunoClient } from "../sdk/client.js";
import { createRpcProvider } from "../sdk/provider.js";
import { benchChain, CHAIN_ID, devKey, sendRaw } from "./chain.js";
import { readFile } from "node:fs/promises";

const WALLETS = 100;
const PER_WALLET = 10;
const RAW = Number(process.env.KOMUNO_BENCH_RAW ?? 5_000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function sdkPayments(blockTime?: number) {
  const chain = await benchChain({ memberCount: WALLETS, blockTime });
  try {
    const provider = createRpcProvider(chain.node.url);
    const treasurer = createKomunoClient({ provider, signer: devKey(1).connect(provider), currency: chain.record });
    await treasurer.treasury.mintBatch({
      deposits: chain.members.map((m, i) => ({
        to: m.address,
        amount: 100_000n,
        reference: `LATENCY-${blockTime ?? 0}-${i}`,
      })),
      chunkSize: 100,
    });
    const clients = chain.members.map((m) =>
      createKomunoClient({ provider, signer: m.connect(provider), currency: chain.record }),
    );
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, i) => {
        for (let k = 0; k < PER_WALLET; k++) {
          const sent = performance.now();
          await client.wallet.pay({ to: chain.members[(i + 1 + k) % WALLETS].address, amount: 125n });
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      mode: blockTime ? `${blockTime} s blocks` : "automine",
      payments: latencies.length,
      paymentsPerSecond: latencies.length / seconds,
      p50Seconds: percentile(latencies, 50) / 1000,
      p95Seconds: percentile(latencies, 95) / 1000,
    };
  } finally {
    await chain.stop();
  }
}

async function rawCeiling() {
  const chain = await benchChain({ memberCount: WALLETS });
  try {
    const provider = createRpcProvider(chain.node.url);
    const artifact = JSON.parse(
      await readFile("artifacts/contracts/mocks/PlainERC20Mock.sol/PlainERC20Mock.json", "utf8"),
    );
    const deployer = devKey(0).connect(provider);
    const token = await new ContractFactory(artifact.abi, artifact.bytecode, deployer).deploy();
    await token.waitForDeployment();
    const erc20 = new Interface(artifact.abi);
    const address = await token.getAddress();
    const mint = await deployer.sendTransaction({
      to: address,
      data: erc20.encodeFunctionData("mintBatch", [
        chain.members.map((m) => m.address),
        chain.members.map(() => 1_000_000n),
      ]),
    });
    await mint.wait();
    const raw: string[] = [];
    for (let i = 0; i < RAW; i++) {
      const from = chain.members[i % WALLETS];
      raw.push(
        await from.signTransaction({
          type: 2,
          chainId: CHAIN_ID,
          nonce: Math.floor(i / WALLETS),
          to: address,
          data: erc20.encodeFunctionData("transfer", [chain.members[(i + 1) % WALLETS].address, 1n]),
          gasLimit: 60_000n,
          maxFeePerGas: 0n,
          maxPriorityFeePerGas: 0n,
        }),
      );
    }
    const started = performance.now();
    await sendRaw(chain.node.url, raw, 100);
    const seconds = (performance.now() - started) / 1000;
    return { transfers: RAW, transfersPerSecond: RAW / seconds };
  } finally {
    await chain.stop();
  }
}

const automine = await sdkPayments();
const oneSecond = await sdkPayments(1);
const ceiling = await rawCeiling();
const result = {
  machine: `${cpus().length} cores, ${cpus()[0].model}`,
  sdk: [automine, oneSecond],
  rawCeiling: ceiling,
  sdkOverCeiling: automine.paymentsPerSecond / ceiling.transfersPerSecond,
};
const md = [
  "| mode | payments | payments/s | p50 submit → receipt | p95 |",
  "| --- | --- | --- | --- | --- |",
  ...result.sdk.map(
    (r) =>
      `| SDK, ${r.mode} | ${r.payments} | ${r.paymentsPerSecond.toFixed(0)} | ${r.p50Seconds.toFixed(3)} s | ${r.p95Seconds.toFixed(3)} s |`,
  ),
  `| raw pre-signed OpenZeppelin transfers, automine (the node's ceiling) | ${ceiling.transfers} | ${ceiling.transfersPerSecond.toFixed(0)} | | |`,
  "",
  `SDK on automine reaches ${(result.sdkOverCeiling * 100).toFixed(0)} % of the node's ceiling.`,
].join("\n");
console.log(md);
await writeFile("bench/results/latency.json", JSON.stringify(result, null, 2) + "\n");
await writeFile("bench/results/latency.md", md + "\n");

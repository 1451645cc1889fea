// Audit speed: builds a chain of PAYMENTS payments and MINTS deposits on a local `hardhat node` (automine: one
// block per transaction), then times, in the same run, the SDK's audit (ranged eth_getLogs in adaptive chunks,
// then the checks), a bare eth_getLogs over the same range, and a block-by-block scanner written only for this
// benchmark (the method of the Lokavaluto back end). Writes bench/results/audit.{json,md}.
import { writeFile } from "node:fs/promises";

import { toQuantity } from "ethers";

import { audit } from "../sdk/actions/audit/audit.js";
import { createKomunoClient } from "../sdk/client.js";
import { createRpcProvider } from "../sdk/provider.js";
import { benchChain, devKey, sendRaw, signPayments } from "./chain.js";

const PAYMENTS = Number(process.env.KOMUNO_BENCH_PAYMENTS ?? 100_000);
const MINTS = Number(process.env.KOMUNO_BENCH_MINTS ?? 10_000);
const MEMBERS = 100;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const chain = await benchChain({ memberCount: MEMBERS });
try {
  const provider = createRpcProvider(chain.node.url);
  const treasurer = createKomunoClient({ provider, signer: devKey(1).connect(provider), currency: chain.record });
  let started = process.hrtime.bigint();
  const deposits = Array.from({ length: MINTS }, (_, i) => ({
    to: chain.members[i % MEMBERS].address,
    amount: 10_000n,
    reference: `BENCH-DEPOSIT-${i}`,
  }));
  await treasurer.treasury.mintBatch({ deposits, chunkSize: 100 });
  const mintSeconds = seconds(started);

  started = process.hrtime.bigint();
  const raw = await signPayments(chain, PAYMENTS);
  const signSeconds = seconds(started);
  started = process.hrtime.bigint();
  await sendRaw(chain.node.url, raw);
  const paySeconds = seconds(started);
  const head = await provider.getBlockNumber();
  console.log(
    `chain built: ${MINTS} deposits in ${mintSeconds.toFixed(1)} s, ${PAYMENTS} payments signed in ${signSeconds.toFixed(1)} s and mined in ${paySeconds.toFixed(1)} s; ${head} blocks`,
  );

  const reader = createKomunoClient({ provider, currency: chain.record });
  started = process.hrtime.bigint();
  const report = await audit(reader);
  const auditSeconds = seconds(started);
  if (!report.consistent || report.replayed.mints !== MINTS)
    throw new Error("the audit disagrees with the chain it was built on");

  started = process.hrtime.bigint();
  // Bare: one eth_getLogs over the whole range, the raw JSON, nothing decoded.
  const rawLogs = (range: [number, number]) =>
    provider.send("eth_getLogs", [
      { address: chain.record.address, fromBlock: toQuantity(range[0]), toBlock: toQuantity(range[1]) },
    ]) as Promise<unknown[]>;
  const bare = await rawLogs([chain.record.deploymentBlock, head]);
  const bareSeconds = seconds(started);

  // The block-by-block method: one eth_getLogs per block, one after the other.
  started = process.hrtime.bigint();
  let scanned = 0;
  for (let block = chain.record.deploymentBlock; block <= head; block++) {
    scanned += (await rawLogs([block, block])).length;
  }
  const scanSeconds = seconds(started);
  if (scanned !== bare.length)
    throw new Error(`the block-by-block scan found ${scanned} logs, eth_getLogs ${bare.length}`);

  const result = {
    machine: `${(await import("node:os")).cpus().length} cores, ${(await import("node:os")).cpus()[0].model}`,
    payments: PAYMENTS,
    deposits: MINTS,
    blocks: head,
    events: bare.length,
    seconds: { audit: auditSeconds, bareGetLogs: bareSeconds, blockByBlock: scanSeconds },
    speedupOverBlockByBlock: scanSeconds / auditSeconds,
    auditOverBareGetLogs: auditSeconds / bareSeconds,
  };
  const md = [
    `| chain | Komuno audit | bare eth_getLogs | block-by-block scan | audit speed-up | audit / bare getLogs |`,
    `| --- | --- | --- | --- | --- | --- |`,
    `| ${PAYMENTS.toLocaleString("en")} payments, ${MINTS.toLocaleString("en")} deposits, ${head.toLocaleString("en")} blocks, ${bare.length.toLocaleString("en")} events | ${auditSeconds.toFixed(2)} s | ${bareSeconds.toFixed(2)} s | ${scanSeconds.toFixed(1)} s | ${result.speedupOverBlockByBlock.toFixed(0)} × | ${result.auditOverBareGetLogs.toFixed(2)} × |`,
  ].join("\n");
  console.log(md);
  await writeFile("bench/results/audit.json", JSON.stringify(result, null, 2) + "\n");
  await writeFile("bench/results/audit.md", md + "\n");
} finally {
  await chain.stop();
}

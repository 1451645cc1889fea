import { rm } from "node:fs/promises";

import { HDNodeWallet, id, Interface, keccak256, Mnemonic, toUtf8Bytes, Wallet } from "ethers";
import { network } from "hardhat";

import {
  deployCurrency,
  deploymentRecordOf,
  oneAddressPerRole,
  roleHoldersInOrder,
} from "../ignition/deployCurrency.js";
import { freePort, startLocalNode, type LocalNode } from "../scripts/devnet/node.js";
import { localCurrencyAbi } from "../sdk/abi/generated/index.js";
import { createKomunoClient } from "../sdk/client.js";
import type { DeploymentRecord } from "../sdk/deployment.js";
import { createRpcProvider } from "../sdk/provider.js";

export const CHAIN_ID = 46330;
const mnemonic = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
export const devKey = (i: number) => HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
export const memberKey = (i: number) => new Wallet(keccak256(toUtf8Bytes(`komuno bench member ${i}`)));

export interface BenchChain {
  node: LocalNode;
  record: DeploymentRecord;
  members: Wallet[];
  stop(): Promise<void>;
}

/**
 * A local `hardhat node` (loopback, free port) with a currency whose roles are the node's development
 * accounts, `memberCount` admitted members, and enough minted for them to pay each other.
 */
export async function benchChain(options: { memberCount: number; blockTime?: number }): Promise<BenchChain> {
  const node = await startLocalNode({ port: await freePort(), chainId: CHAIN_ID, blockTime: options.blockTime });
  try {
    return await setUp(node, options.memberCount);
  } catch (error) {
    await node.stop();
    throw error;
  }
}

async function setUp(node: LocalNode, memberCount: number): Promise<BenchChain> {
  const connection = await network.create({ network: "komunoUnlocked", override: { url: node.url } });
  const [governor, treasurer, auditor, manager, pauser, association] = [0, 1, 2, 3, 4, 5].map(devKey);
  // A journal of its own, removed first: every benchmark chain is new.
  const deploymentId = "bench";
  await rm(`ignition/deployments/${deploymentId}`, { recursive: true, force: true });
  const deployed = await deployCurrency(
    connection,
    oneAddressPerRole(roleHoldersInOrder([governor, treasurer, auditor, manager, pauser, association]), {
      mintPolicy: { reserveCapEnabled: true, maxAttestationAge: 0n, headroom: 0n },
    }),
    { deploymentId },
  );
  await connection.close();
  const provider = createRpcProvider(node.url);
  const record = await deploymentRecordOf(
    deployed,
    { code: "miel", name: "Monnaie Libournaise", symbol: "MIEL", chainId: CHAIN_ID },
    provider,
  );

  const as = (key: HDNodeWallet) => createKomunoClient({ provider, signer: key.connect(provider), currency: record });
  const members = Array.from({ length: memberCount }, (_, i) => memberKey(i));
  const managerClient = as(manager);
  for (const m of members) await managerClient.members.admitMember({ account: m.address, kind: "person" });
  await as(governor).treasury.changeMintAllowance({
    treasurer: treasurer.address,
    direction: "increase",
    amount: 10n ** 15n,
  });
  const { timestamp } = (await provider.getBlock("latest"))!;
  await as(auditor).reserve.attestReserve({
    amount: 10n ** 12n,
    asOf: new Date(timestamp * 1000),
    evidenceHash: id("bench"),
  });
  return { node, record, members, stop: () => node.stop() };
}

const currencyInterface = new Interface(localCurrencyAbi);

/** Signs `count` transfers of 1 cent, round-robin over the members, each member's nonces in order. */
export async function signPayments(chain: BenchChain, count: number, firstNonce = 0): Promise<string[]> {
  const { members, record } = chain;
  const signed: string[] = [];
  for (let i = 0; i < count; i++) {
    const from = members[i % members.length];
    const to = members[(i * 7 + 1) % members.length];
    signed.push(
      await from.signTransaction({
        type: 2,
        chainId: CHAIN_ID,
        nonce: firstNonce + Math.floor(i / members.length),
        to: record.address,
        data: currencyInterface.encodeFunctionData("transfer", [
          to.address === from.address ? members[(i + 1) % members.length].address : to.address,
          1n,
        ]),
        gasLimit: 80_000n,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
      }),
    );
  }
  return signed;
}

/** Sends raw transactions in JSON-RPC batches, in order; returns the hashes. */
export async function sendRaw(url: string, raw: string[], batchSize = 250): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < raw.length; i += batchSize) {
    const body = raw
      .slice(i, i + batchSize)
      .map((tx, j) => ({ jsonrpc: "2.0", id: i + j, method: "eth_sendRawTransaction", params: [tx] }));
    const response = (await (
      await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    ).json()) as {
      id: number;
      result?: string;
      error?: { message: string };
    }[];
    for (const item of response.sort((a, b) => a.id - b.id)) {
      if (item.error) throw new Error(`raw transaction ${item.id} refused: ${item.error.message}`);
      hashes.push(item.result!);
    }
  }
  return hashes;
}

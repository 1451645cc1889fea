import { expect } from "chai";

import {
  Interface,
  JsonRpcProvider,
  toQuantity,
  type JsonRpcPayload,
  type JsonRpcResult,
  type Provider,
  type TransactionReceipt,
  type Wallet,
} from "ethers";

import { benchChain, devKey, type BenchChain } from "../../bench/chain.js";
import {
  delegationsAbi,
  localCurrencyAbi,
  mutualCreditAbi,
  paymentRequestsAbi,
} from "../../sdk/abi/generated/index.js";
import { createKomunoClient } from "../../sdk/client.js";
import { ContractRevertError } from "../../sdk/errors.js";
import { knownGasLimit, knownGasLimits } from "../../sdk/internal/gasLimits.js";
import { ReceiptWatcher } from "../../sdk/internal/receipts.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { signTransferAuthorization } from "../../sdk/transferAuthorization.js";
import { failure } from "../helpers/sdk.js";

/**
 * A provider to the node that counts the JSON-RPC requests it sends, by method, and the batches; `answer`
 * answers some requests in place of the node.
 */
function countingProvider(url: string, answer?: (request: JsonRpcPayload) => Promise<JsonRpcResult> | undefined) {
  const provider = createRpcProvider(url);
  const counts = new Map<string, number>();
  const batches: string[][] = [];
  const toNode = provider._send.bind(provider);
  const send = async (payload: JsonRpcPayload | JsonRpcPayload[]) => {
    const requests = Array.isArray(payload) ? payload : [payload];
    const answered = requests.map((r) => answer?.(r));
    const forwarded = requests.filter((_, i) => answered[i] === undefined);
    const replies = forwarded.length === 0 ? [] : await toNode(forwarded);
    return [...replies, ...(await Promise.all(answered.filter((a) => a !== undefined)))];
  };
  provider._send = (payload) => {
    const requests = Array.isArray(payload) ? payload : [payload];
    for (const request of requests) counts.set(request.method, (counts.get(request.method) ?? 0) + 1);
    batches.push(requests.map((r) => r.method));
    return send(payload);
  };
  const count = (method: string) => counts.get(method) ?? 0;
  const reset = () => {
    counts.clear();
    batches.length = 0;
  };
  return { provider, counts, batches, count, reset };
}

async function fund(chain: BenchChain, tag: string) {
  const provider = createRpcProvider(chain.node.url);
  const treasurer = createKomunoClient({ provider, signer: devKey(1).connect(provider), currency: chain.record });
  await treasurer.treasury.mintBatch({
    deposits: chain.members.map((m, i) => ({ to: m.address, amount: 10_000n, reference: `SENDING-${tag}-${i}` })),
  });
  provider.destroy();
}

const client = (chain: BenchChain, provider: Provider, member: Wallet, preflight = false) =>
  createKomunoClient({ provider, signer: member.connect(provider), currency: chain.record, preflight });

describe("SDK sending on a zero-fee chain: an automining node", function () {
  let chain: BenchChain;
  let reader: JsonRpcProvider;

  before(async function () {
    chain = await benchChain({ memberCount: 12 });
    await fund(chain, "auto");
    reader = createRpcProvider(chain.node.url);
  });

  after(async function () {
    reader?.destroy();
    await chain?.stop();
  });

  const balance = (address: string) =>
    createKomunoClient({ provider: reader, currency: chain.record }).wallet.getBalance({ account: address });

  it("costs a payment one eth_sendRawTransaction and one receipt lookup, with no estimate and no nonce query", async function () {
    const counted = countingProvider(chain.node.url);
    const [payer, payee] = chain.members;
    const sdk = client(chain, counted.provider, payer);
    // The first payment of a client reads its nonce and whether gas is free, once.
    await sdk.wallet.pay({ to: payee.address, amount: 1n });
    expect(counted.count("eth_getTransactionCount")).to.equal(1);
    counted.reset();
    for (let i = 0; i < 5; i++) await sdk.wallet.pay({ to: payee.address, amount: 1n });
    expect(counted.count("eth_sendRawTransaction")).to.equal(5);
    expect(counted.count("eth_getTransactionReceipt")).to.equal(5);
    // The head, read with the receipt in one batch.
    expect(counted.count("eth_getBlockByNumber")).to.equal(5);
    const looks = counted.batches.filter((b) => b.includes("eth_getTransactionReceipt"));
    expect(looks.map((b) => [...b].sort())).to.deep.equal(
      Array.from({ length: 5 }, () => ["eth_getBlockByNumber", "eth_getTransactionReceipt"]),
    );
    const total = [...counted.counts.values()].reduce((a, b) => a + b, 0);
    expect(total, JSON.stringify(Object.fromEntries(counted.counts))).to.equal(15);
    counted.provider.destroy();
  });

  it("reads the head once for payments that finish together", async function () {
    const counted = countingProvider(chain.node.url);
    const clients = chain.members.slice(0, 10).map((m) => client(chain, counted.provider, m));
    await Promise.all(clients.map((c, i) => c.wallet.pay({ to: chain.members[(i + 1) % 10].address, amount: 1n })));
    counted.reset();
    await Promise.all(clients.map((c, i) => c.wallet.pay({ to: chain.members[(i + 1) % 10].address, amount: 1n })));
    expect(counted.count("eth_sendRawTransaction")).to.equal(10);
    expect(counted.count("eth_getTransactionReceipt")).to.equal(10);
    expect(counted.count("eth_getBlockByNumber")).to.be.below(10);
    for (const method of ["eth_estimateGas", "eth_getTransactionCount", "eth_chainId", "eth_blockNumber"]) {
      expect(counted.count(method), method).to.equal(0);
    }
    counted.provider.destroy();
  });

  it("estimates every payment first with preflight", async function () {
    const counted = countingProvider(chain.node.url);
    const sdk = client(chain, counted.provider, chain.members[2], true);
    await sdk.wallet.pay({ to: chain.members[3].address, amount: 1n });
    counted.reset();
    for (let i = 0; i < 3; i++) await sdk.wallet.pay({ to: chain.members[3].address, amount: 1n });
    expect(counted.count("eth_estimateGas")).to.equal(3);
    expect(counted.count("eth_sendRawTransaction")).to.equal(3);
    counted.provider.destroy();
  });

  it("refuses a payment above the balance with the decoded error, moving nothing", async function () {
    const [payer, payee] = [chain.members[4], chain.members[5]];
    const sdk = client(chain, reader, payer);
    const [before, payeeBefore] = [await balance(payer.address), await balance(payee.address)];
    const error = await failure(sdk.wallet.pay({ to: payee.address, amount: before + 1n }));
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("ERC20InsufficientBalance");
    expect((error as ContractRevertError).args).to.deep.include({ sender: payer.address, needed: before + 1n });
    expect((error as ContractRevertError).shortMessage).to.match(/^Payment refused: .* holds [0-9.]+, /);
    expect(await balance(payer.address)).to.equal(before);
    expect(await balance(payee.address)).to.equal(payeeBefore);
    // The node mined the failed transaction (its nonce is used); the next payment still goes through.
    await sdk.wallet.pay({ to: payee.address, amount: 1n });
    expect(await balance(payee.address)).to.equal(payeeBefore + 1n);
  });

  it("with preflight, refuses a payment above the balance before sending anything", async function () {
    const [payer, payee] = [chain.members[4], chain.members[5]];
    const sdk = client(chain, reader, payer, true);
    const before = await balance(payer.address);
    const nonce = await reader.getTransactionCount(payer.address, "latest");
    const error = await failure(sdk.wallet.pay({ to: payee.address, amount: before + 1n }));
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("ERC20InsufficientBalance");
    expect(await reader.getTransactionCount(payer.address, "latest")).to.equal(nonce);
    expect(await balance(payer.address)).to.equal(before);
  });

  it("sends many payments from one signer at once, on consecutive nonces", async function () {
    const payer = chain.members[6];
    const sdk = client(chain, reader, payer);
    const first = await reader.getTransactionCount(payer.address, "latest");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sdk.wallet.pay({ to: chain.members[7].address, amount: BigInt(i + 1) })),
    );
    const nonces = await Promise.all(results.map(async (r) => (await reader.getTransaction(r.hash))!.nonce));
    expect(nonces).to.deep.equal(Array.from({ length: 20 }, (_, i) => first + i));
    expect(results.every((r) => r.receipt.status === 1)).to.equal(true);
  });

  it("sends payments within about half their known gas limit (transfer, relayed transfer)", async function () {
    const [payer, payee, relayer] = [chain.members[8], chain.members[9], chain.members[10]];
    const paid = await client(chain, reader, payer).wallet.pay({ to: payee.address, amount: 5n });
    const relayed = await client(chain, reader, relayer).relay.relayTransferAuthorization({
      authorization: await signTransferAuthorization(payer, {
        currency: chain.record.address,
        chainId: chain.record.chainId,
        name: chain.record.name,
        version: "1",
        to: payee.address,
        value: 5n,
        validBefore: BigInt(Math.floor(Date.now() / 1000) + 3_600),
      }),
    });
    for (const { receipt } of [paid, relayed]) {
      const tx = (await reader.getTransaction(receipt.hash))!;
      expect(tx.gasLimit).to.equal(knownGasLimit(tx.data));
      expect(receipt.gasUsed * 2n, tx.data.slice(0, 10)).to.be.at.most(tx.gasLimit);
    }
  });
});

describe("SDK sending on a zero-fee chain: one-second blocks", function () {
  let chain: BenchChain;
  let reader: JsonRpcProvider;

  before(async function () {
    chain = await benchChain({ memberCount: 12, blockTime: 1 });
    await fund(chain, "blocks");
    reader = createRpcProvider(chain.node.url);
  });

  after(async function () {
    reader?.destroy();
    await chain?.stop();
  });

  const balance = (address: string) =>
    createKomunoClient({ provider: reader, currency: chain.record }).wallet.getBalance({ account: address });

  it("refuses a payment to a frozen account with the decoded error: mined as a failed transaction, moving nothing", async function () {
    const [payer, frozen] = [chain.members[0], chain.members[1]];
    const manager = createKomunoClient({ provider: reader, signer: devKey(3).connect(reader), currency: chain.record });
    await manager.members.freezeMember({ account: frozen.address });
    const sdk = client(chain, reader, payer);
    const [before, frozenBefore] = [await balance(payer.address), await balance(frozen.address)];
    const nonce = await reader.getTransactionCount(payer.address, "latest");
    const error = await failure(sdk.wallet.pay({ to: frozen.address, amount: 100n }));
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("AccountNotActive");
    expect((error as ContractRevertError).args).to.deep.include({ account: frozen.address, status: 2n });
    expect((error as ContractRevertError).shortMessage).to.equal(
      `Payment refused: account ${frozen.address} is frozen`,
    );
    expect(await balance(payer.address)).to.equal(before);
    expect(await balance(frozen.address)).to.equal(frozenBefore);
    // Only the nonce moved: the failed transaction is on chain.
    expect(await reader.getTransactionCount(payer.address, "latest")).to.equal(nonce + 1);
  });

  it("lands concurrent payments of one signer on consecutive nonces, one refused among them", async function () {
    const payer = chain.members[2];
    const sdk = client(chain, reader, payer);
    const first = await reader.getTransactionCount(payer.address, "latest");
    const before = await balance(payer.address);
    const amounts = [1n, 2n, before, 4n, 5n]; // the third one, on top of the others, is more than the balance
    const settled = await Promise.allSettled(
      amounts.map((amount) => sdk.wallet.pay({ to: chain.members[3].address, amount })),
    );
    expect(settled.map((s) => s.status)).to.deep.equal([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    const refused = (settled[2] as PromiseRejectedResult).reason as ContractRevertError;
    expect(refused).to.be.instanceOf(ContractRevertError);
    expect(refused.errorName).to.equal("ERC20InsufficientBalance");
    const landed = settled.filter((s) => s.status === "fulfilled").map((s) => s.value.hash);
    const nonces = await Promise.all(landed.map(async (hash) => (await reader.getTransaction(hash))!.nonce));
    expect(nonces).to.deep.equal([first, first + 1, first + 3, first + 4]);
    expect(await reader.getTransactionCount(payer.address, "latest")).to.equal(first + 5);
    expect(await balance(payer.address)).to.equal(before - 12n);
  });

  it("gathers the receipts of a block's payments together, looking each up at most twice", async function () {
    const counted = countingProvider(chain.node.url);
    const clients = chain.members.slice(4, 12).map((m) => client(chain, counted.provider, m));
    await Promise.all(clients.map((c) => c.wallet.pay({ to: chain.members[0].address, amount: 1n })));
    counted.reset();
    const results = await Promise.all(clients.map((c) => c.wallet.pay({ to: chain.members[0].address, amount: 1n })));
    expect(new Set(results.map((r) => r.blockNumber)).size).to.be.at.most(2);
    expect(counted.count("eth_getTransactionReceipt")).to.be.at.most(2 * clients.length);
    // In batches: a look covers every payment waiting.
    const looks = counted.batches.filter((b) => b.includes("eth_getTransactionReceipt"));
    expect(looks.length).to.be.at.most(6);
    counted.provider.destroy();
  });

  it("with eth_getBlockReceipts (as Besu has), gathers a block's receipts in one request", async function () {
    // The node lacks the method: answered here from its blocks, as Besu would.
    const node = new JsonRpcProvider(chain.node.url, undefined, { staticNetwork: true });
    const blockReceipts = async (request: JsonRpcPayload): Promise<JsonRpcResult> => {
      const [tag] = request.params as [string];
      const block = (await node.send("eth_getBlockByNumber", [tag, false])) as { transactions: string[] };
      const result = await Promise.all(block.transactions.map((h) => node.send("eth_getTransactionReceipt", [h])));
      return { id: request.id, result };
    };
    const counted = countingProvider(chain.node.url, (request) =>
      request.method === "eth_getBlockReceipts" ? blockReceipts(request) : undefined,
    );
    const clients = chain.members.slice(4, 12).map((m) => client(chain, counted.provider, m));
    await Promise.all(clients.map((c) => c.wallet.pay({ to: chain.members[0].address, amount: 1n })));
    counted.reset();
    const started = await reader.getBlockNumber();
    const results = await Promise.all(clients.map((c) => c.wallet.pay({ to: chain.members[0].address, amount: 1n })));
    const ended = Math.max(...results.map((r) => r.blockNumber));
    expect(results.every((r: { receipt: TransactionReceipt }) => r.receipt.status === 1)).to.equal(true);
    // One request per block; by hash only a payment sent while a block was being looked at (a slow machine).
    expect(counted.count("eth_getBlockReceipts")).to.be.at.most(ended - started + 1);
    expect(counted.count("eth_getTransactionReceipt")).to.be.at.most(2);
    counted.provider.destroy();
    node.destroy();
  });

  it("sends a payment that ran out of its known gas limit again with an estimated one, paying once", async function () {
    const [payer, payee] = [chain.members[9], chain.members[10]];
    const counted = countingProvider(chain.node.url);
    const sdk = client(chain, counted.provider, payer);
    const before = await balance(payee.address);
    const nonce = await reader.getTransactionCount(payer.address, "latest");
    const limits = knownGasLimits as Record<string, bigint>;
    const transfer = new Interface(localCurrencyAbi).getFunction("transfer")!.selector;
    const known = limits[transfer];
    limits[transfer] = 30_000n;
    try {
      const paid = await sdk.wallet.pay({ to: payee.address, amount: 7n });
      expect(paid.receipt.status).to.equal(1);
    } finally {
      limits[transfer] = known;
    }
    expect(counted.count("eth_sendRawTransaction")).to.equal(2);
    expect(counted.count("eth_estimateGas")).to.equal(1);
    expect(await balance(payee.address)).to.equal(before + 7n);
    expect(await reader.getTransactionCount(payer.address, "latest")).to.equal(nonce + 2);
    counted.provider.destroy();
  });
});

describe("Known gas limits", function () {
  it("names functions of the contracts, each at least twice the gas the snapshot measured", async function () {
    const { readFile } = await import("node:fs/promises");
    const snapshot = JSON.parse(await readFile("bench/gas-snapshot.json", "utf8"))["Komuno (proxied)"];
    const functions = new Map<string, string>();
    for (const abi of [localCurrencyAbi, mutualCreditAbi, delegationsAbi, paymentRequestsAbi]) {
      new Interface(abi).forEachFunction((f) => functions.set(f.selector, f.format("sighash")));
    }
    const measured: Record<string, number> = {
      "transfer(address,uint256)": snapshot["transfer with a 1.5 % fee"],
      "pay(address,uint256)": snapshot["mutual-credit payment"],
      "payFor(address,address,uint256)": snapshot["delegated payment"],
      "pay(uint256)": snapshot["payment request: pay"],
      "payWithPermit(uint256,uint256,uint8,bytes32,bytes32)": snapshot["permit"] + snapshot["payment request: pay"],
    };
    for (const [selector, limit] of Object.entries(knownGasLimits)) {
      const name = functions.get(selector);
      expect(name, selector).to.not.equal(undefined);
      if (measured[name!] !== undefined) expect(limit, name).to.be.at.least(2n * BigInt(measured[name!]) - 10_000n);
    }
    expect(Object.keys(knownGasLimits).map((s) => functions.get(s))).to.include.members(Object.keys(measured));
  });
});

describe("Receipt watcher", function () {
  /** A chain in memory: blocks, receipts by hash, nonces by sender. */
  function fakeChain() {
    const state = { head: 10, receipts: new Map<string, object>(), nonces: new Map<string, number>(), lookups: 0 };
    const provider = {
      pollingInterval: 20,
      getBlock: async () => ({ number: state.head, hash: toQuantity(state.head) }),
      getTransactionReceipt: async (hash: string) => {
        state.lookups++;
        return (state.receipts.get(hash) as TransactionReceipt | undefined) ?? null;
      },
      getTransactionCount: async (from: string) => state.nonces.get(from) ?? 0,
    };
    return { state, provider: provider as unknown as Provider };
  }
  const from = "0x" + "11".repeat(20);

  it("fails a wait whose nonce another transaction took, after a few blocks", async function () {
    const { state, provider } = fakeChain();
    const watcher = new ReceiptWatcher(provider);
    const waiting = watcher.wait({ hash: "0x01", from, nonce: 5 }, 1, -1);
    state.nonces.set(from, 6);
    const timer = setInterval(() => state.head++, 30);
    try {
      const error = await failure(waiting);
      expect(String(error)).to.match(/was replaced: another transaction of 0x1{40} used its nonce 5/);
    } finally {
      clearInterval(timer);
    }
  });

  it("waits for the confirmations asked", async function () {
    const { state, provider } = fakeChain();
    const watcher = new ReceiptWatcher(provider);
    state.receipts.set("0x02", { hash: "0x02", blockNumber: 10, status: 1 });
    let done = false;
    const waiting = watcher.wait({ hash: "0x02", from, nonce: 0 }, 3, -1).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 100));
    expect(done).to.equal(false);
    state.head = 12;
    expect((await waiting).blockNumber).to.equal(10);
  });

  it("looks again when the chain goes back and grows an identical block (a restored snapshot)", async function () {
    const { state, provider } = fakeChain();
    const watcher = new ReceiptWatcher(provider);
    state.receipts.set("0x03", { hash: "0x03", blockNumber: 11, status: 1 });
    state.head = 11;
    await watcher.wait({ hash: "0x03", from, nonce: 0 }, 1, watcher.checkpoint());
    // Back to block 10, and the same transaction mined again in a block 11 identical to the first.
    state.receipts.clear();
    state.head = 10;
    const again = watcher.wait({ hash: "0x04", from, nonce: 0 }, 1, watcher.checkpoint());
    state.head = 11;
    state.receipts.set("0x04", { hash: "0x04", blockNumber: 11, status: 1 });
    expect((await again).blockNumber).to.equal(11);
  });
});

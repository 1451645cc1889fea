import { expect } from "chai";
import { readFile } from "node:fs/promises";

import { Contract, JsonRpcProvider, Wallet } from "ethers";
import { createPublicClient, createWalletClient, erc20Abi, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { currencyChain, currencyNetwork } from "../../sdk/chains.js";
import { parseDeploymentRecord, type DeploymentRecord } from "../../sdk/deployment.js";
import { admitAndFund, dispose, freshEnvironment, type Environment } from "../helpers/devnetCurrency.js";

// Members hold no ether: a plain viem or ethers wallet must still pay, on the devnet as on the currency's chain.
describe("Zero-fee chain: plain viem and ethers wallets with 0 ether pay", function () {
  let env: Environment;
  let record: DeploymentRecord;
  const payer = Wallet.createRandom();
  const payee = Wallet.createRandom();

  before(async function () {
    env = await freshEnvironment({ code: "zerofee" });
    record = parseDeploymentRecord(JSON.parse(await readFile(env.record, "utf8")));
    await admitAndFund(env, [
      { address: payer.address, kind: "person", euros: "50.00" },
      { address: payee.address, kind: "business", euros: "0.01" },
    ]);
  });

  after(async function () {
    await dispose(env);
  });

  it("has the devnet suggest a zero priority fee and gas price, as the currency's chain does", async function () {
    const provider = new JsonRpcProvider(env.node.url);
    expect(await provider.send("eth_maxPriorityFeePerGas", [])).to.equal("0x0");
    expect(await provider.send("eth_gasPrice", [])).to.equal("0x0");
    const [priority, chainId] = await provider._send([
      { jsonrpc: "2.0", id: 7, method: "eth_maxPriorityFeePerGas", params: [] },
      { jsonrpc: "2.0", id: 8, method: "eth_chainId", params: [] },
    ]);
    expect(priority).to.deep.include({ id: 7, result: "0x0" });
    expect(chainId).to.deep.include({ id: 8, result: `0x${record.chainId.toString(16)}` });
    provider.destroy();
  });

  it("pays from a plain viem wallet (erc20Abi) under currencyChain, with 0 ether", async function () {
    const chain = currencyChain(record, { rpcUrl: env.node.url });
    const account = privateKeyToAccount(payer.privateKey as `0x${string}`);
    const wallet = createWalletClient({ account, chain, transport: http() });
    const reader = createPublicClient({ chain, transport: http() });
    const token = record.address as `0x${string}`;
    const to = payee.address as `0x${string}`;
    expect(await reader.getBalance({ address: account.address })).to.equal(0n);
    const before = await reader.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [to] });
    const hash = await wallet.writeContract({
      address: token,
      abi: erc20Abi,
      functionName: "transfer",
      args: [to, 1250n],
    });
    const receipt = await reader.waitForTransactionReceipt({ hash });
    expect(receipt.status).to.equal("success");
    expect(receipt.effectiveGasPrice).to.equal(0n);
    const after = await reader.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [to] });
    expect(after - before).to.equal(1250n);
  });

  it("pays from a plain ethers wallet under currencyNetwork, with 0 ether", async function () {
    const provider = new JsonRpcProvider(env.node.url, currencyNetwork(record), { staticNetwork: true });
    const wallet = new Wallet(payer.privateKey, provider);
    expect(await provider.getBalance(wallet.address)).to.equal(0n);
    const token = new Contract(
      record.address,
      ["function transfer(address,uint256) returns (bool)", "function balanceOf(address) view returns (uint256)"],
      wallet,
    );
    const before: bigint = await token.balanceOf(payee.address);
    const receipt = await (await token.transfer(payee.address, 250n)).wait();
    expect(receipt.status).to.equal(1);
    expect(receipt.gasPrice).to.equal(0n);
    expect((await token.balanceOf(payee.address)) - before).to.equal(250n);
    provider.destroy();
  });

  it("pays from a plain ethers wallet with ethers' own defaults on the devnet", async function () {
    const provider = new JsonRpcProvider(env.node.url);
    const wallet = new Wallet(payer.privateKey, provider);
    const token = new Contract(record.address, ["function transfer(address,uint256) returns (bool)"], wallet);
    const receipt = await (await token.transfer(payee.address, 100n)).wait();
    expect(receipt.status).to.equal(1);
    provider.destroy();
  });

  it("refuses a chain definition without a usable RPC address", function () {
    expect(() => currencyChain(record, { rpcUrl: "127.0.0.1:8545" })).to.throw(/Invalid RPC address/);
  });
});

import {
  id,
  keccak256,
  MaxUint256,
  Signature,
  toUtf8Bytes,
  ZeroHash,
  type BaseContract,
  type ContractTransactionResponse,
} from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { deployCurrency, oneAddressPerRole, roleHoldersInOrder } from "../ignition/deployCurrency.js";
import { CHAIN_HARDFORK } from "../sdk/node/chain/hardfork.js";
import { permitTypedData } from "../sdk/permit.js";

export const OPERATIONS = [
  "transfer to a holder",
  "transfer to a new holder",
  "mint (one deposit)",
  "batch mint of 1,000: total",
  "batch mint of 1,000: per deposit",
  "approve",
  "permit",
  "reconversion request",
  "reconversion settlement",
  "transfer with a 1.5 % fee",
  "mutual-credit payment",
  "delegated payment",
  "payment request: create",
  "payment request: pay",
  "reserve attestation (after burns)",
  "reconversion settlement, a later burn",
  "mint allowance increase",
  "recovery: propose",
  "recovery: execute",
  "recovery: cancel",
  "key migration: propose",
  "key migration: accept",
  "mutual-credit move: accept",
  "governance: schedule",
  "governance: execute a fee change",
  "governance: cancel",
] as const;
export type Operation = (typeof OPERATIONS)[number];
export const TOKENS = [
  "Komuno (proxied)",
  "OpenZeppelin ERC20",
  "OpenZeppelin ERC20 (proxied)",
  "Solady ERC20",
] as const;
export type Token = (typeof TOKENS)[number];
export type GasTable = Record<Token, Partial<Record<Operation, number>>>;

const BATCH = 1_000;
/** Deterministic holders, so that calldata, and so gas, is the same on every run. */
const holders = Array.from({ length: BATCH }, (_, i) => `0x${keccak256(toUtf8Bytes(`holder ${i}`)).slice(26)}`);

async function gasOf(send: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await send).wait();
  return Number(receipt!.gasUsed);
}

/**
 * The network every gas figure is measured on: the currency chain's EVM (a figure from another fork is not what
 * members pay), with a block gas limit above the 1,000-deposit batch's 33M gas.
 */
export const GAS_BENCH_NETWORK = { hardfork: CHAIN_HARDFORK, blockGasLimit: 100_000_000n } as const;

/**
 * Measures, in one in-process EVM, the gas (receipt gasUsed) of the same operations on the currency and on
 * three reference ERC-20s, on a connection created with GAS_BENCH_NETWORK.
 */
export async function measureGas(connection: NetworkConnection): Promise<GasTable> {
  const { ethers } = connection;
  const [governor, treasurer, auditor, manager, pauser, association, alice, bob, carol, spender] =
    await ethers.getSigners();
  const table = Object.fromEntries(TOKENS.map((t) => [t, {}])) as GasTable;

  // ---- Komuno, with its production policy on: reserve cap and attestation age checked on every mint.
  const { address, extensions } = await deployCurrency(
    connection,
    oneAddressPerRole(roleHoldersInOrder([governor, treasurer, auditor, manager, pauser, association]), {
      mintPolicy: { reserveCapEnabled: true, maxAttestationAge: 35n * 86_400n, headroom: 0n },
      reconversionCommissionBps: 300,
    }),
  );
  const currency = await ethers.getContractAt("LocalCurrency", address);
  for (const [account, kind] of [
    [alice, 1],
    [bob, 1],
    [carol, 2],
  ] as const) {
    await currency.connect(manager).admit(account.address, kind);
  }
  for (const holder of holders) await currency.connect(manager).admit(holder, 1);
  await currency.connect(governor).increaseMintAllowance(treasurer.address, MaxUint256);
  const { timestamp } = (await ethers.provider.getBlock("latest"))!;
  await currency.connect(auditor).attestReserve(10n ** 15n, timestamp, id("bench reserve"));
  await currency.connect(treasurer).mint(alice.address, 1_000_000n, id("bench alice"));
  await currency.connect(treasurer).mint(bob.address, 1_000_000n, id("bench bob"));
  for (let i = 0; i < BATCH; i += 250) {
    await currency
      .connect(treasurer)
      .mintBatch(holders.slice(i, i + 250).map((to, j) => ({ to, amount: 1n, depositRef: id(`bench seed ${i + j}`) })));
  }
  const ours = table["Komuno (proxied)"];
  ours["transfer to a holder"] = await gasOf(currency.connect(alice).transfer(bob.address, 1_250n));
  ours["transfer to a new holder"] = await gasOf(currency.connect(alice).transfer(carol.address, 1_250n));
  ours["mint (one deposit)"] = await gasOf(
    currency.connect(treasurer).mint(alice.address, 5_000n, id("bench deposit")),
  );
  ours["batch mint of 1,000: total"] = await gasOf(
    currency
      .connect(treasurer)
      .mintBatch(holders.map((to, i) => ({ to, amount: 1_234n, depositRef: id(`bench batch ${i}`) }))),
  );
  ours["batch mint of 1,000: per deposit"] = Math.round(ours["batch mint of 1,000: total"] / BATCH);
  ours["approve"] = await gasOf(currency.connect(alice).approve(spender.address, 1_000n));
  ours["permit"] = await gasOf(permit(connection, currency, bob, spender.address));
  await currency.connect(alice).transfer(carol.address, 50_000n);
  ours["reconversion request"] = await gasOf(currency.connect(carol).requestReconversion(40_000n));
  ours["reconversion settlement"] = await gasOf(currency.connect(treasurer).settleReconversion(1n, id("bench payout")));
  await currency.connect(carol).requestReconversion(1_000n);
  await ethers.provider.send("evm_increaseTime", [60]);
  ours["reconversion settlement, a later burn"] = await gasOf(
    currency.connect(treasurer).settleReconversion(2n, id("bench payout 2")),
  );
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  ours["reserve attestation (after burns)"] = await gasOf(
    currency.connect(auditor).attestReserve(10n ** 15n, now - 30, id("bench statement")),
  );
  ours["mint allowance increase"] = await gasOf(
    currency.connect(governor).increaseMintAllowance(treasurer.address, 1_000n),
  );

  // ---- The ComChain features, on the currency only. Every party already holds a balance (steady state).
  await currency.connect(governor).setPaymentFees(0, 150, 0);
  ours["transfer with a 1.5 % fee"] = await gasOf(currency.connect(alice).transfer(carol.address, 1_250n));
  await currency.connect(governor).setPaymentFees(0, 0, 0);
  const credit = await ethers.getContractAt("MutualCredit", extensions.mutualCredit);
  for (const member of [alice, bob]) await credit.connect(manager).setCreditLimits(member.address, 100_000n, 100_000n);
  await credit.connect(bob).pay(alice.address, 1n);
  ours["mutual-credit payment"] = await gasOf(credit.connect(alice).pay(bob.address, 1_250n));
  const delegations = await ethers.getContractAt("Delegations", extensions.delegations);
  await currency.connect(alice).approve(extensions.delegations, MaxUint256);
  await currency.connect(manager).admit(spender.address, 1);
  await delegations.connect(alice).grant(spender.address, 10_000n, 0n, 0n);
  ours["delegated payment"] = await gasOf(delegations.connect(spender).payFor(alice.address, bob.address, 1_250n));
  const requests = await ethers.getContractAt("PaymentRequests", extensions.paymentRequests);
  await currency.connect(alice).approve(extensions.paymentRequests, MaxUint256);
  await requests.connect(bob).create(alice.address, 1n, 0n, "first request: the counter's slot");
  ours["payment request: create"] = await gasOf(requests.connect(bob).create(alice.address, 1_250n, 0n, "Facture 42"));
  ours["payment request: pay"] = await gasOf(requests.connect(alice).pay(2n));

  // ---- Moves of a member's money to another key, each after the member-move delay (0 here: same code path).
  const [lost, replacement] = holders.slice(0, 2);
  const [newKey, creditKey] = ["bench new key", "bench credit key"].map(
    (label) => `0x${keccak256(toUtf8Bytes(label)).slice(26)}`,
  );
  const as = async (address: string) => {
    await ethers.provider.send("hardhat_impersonateAccount", [address]);
    await ethers.provider.send("hardhat_setBalance", [address, "0x56bc75e2d63100000"]);
    return ethers.getSigner(address);
  };
  await currency.connect(manager).freeze(lost);
  ours["recovery: propose"] = await gasOf(currency.connect(manager).recover(lost, replacement, id("ticket")));
  ours["recovery: cancel"] = await gasOf(currency.connect(auditor).cancelRecovery(lost));
  await currency.connect(manager).recover(lost, replacement, id("ticket"));
  ours["recovery: execute"] = await gasOf(currency.connect(carol).executeRecovery(lost));
  const migrating = await as(replacement);
  ours["key migration: propose"] = await gasOf(currency.connect(migrating).proposeMigration(newKey));
  ours["key migration: accept"] = await gasOf(currency.connect(await as(newKey)).acceptMigration(replacement));
  await credit.connect(manager).setCreditLimits(lost, 10_000n, 10_000n);
  await currency.connect(manager).admit(creditKey, 1);
  await credit.connect(manager).proposeCreditMove(lost, creditKey, id("credit ticket"));
  ours["mutual-credit move: accept"] = await gasOf(credit.connect(await as(creditKey)).acceptCreditMove(lost));

  // ---- Governance through the timelock (no delay here: the same code path as 48 h).
  const timelock = await ethers.deployContract("GovernanceTimelock", [0n, [governor.address], [auditor.address]]);
  await currency.connect(governor).proposeGovernor(timelock.target);
  const accept = currency.interface.encodeFunctionData("acceptGovernor");
  await timelock.connect(governor).schedule(currency.target, 0n, accept, ZeroHash, ZeroHash, 0n);
  await timelock.connect(governor).execute(currency.target, 0n, accept, ZeroHash, ZeroHash);
  const feeChange = currency.interface.encodeFunctionData("setPaymentFees", [0, 150, 0]);
  ours["governance: schedule"] = await gasOf(
    timelock.connect(governor).schedule(currency.target, 0n, feeChange, ZeroHash, ZeroHash, 0n),
  );
  ours["governance: execute a fee change"] = await gasOf(
    timelock.connect(carol).execute(currency.target, 0n, feeChange, ZeroHash, ZeroHash),
  );
  await timelock.connect(governor).schedule(currency.target, 0n, feeChange, ZeroHash, id("again"), 0n);
  const operation = await timelock.hashOperation(currency.target, 0n, feeChange, ZeroHash, id("again"));
  ours["governance: cancel"] = await gasOf(timelock.connect(auditor).cancel(operation));

  // ---- The references, doing the same operations (mints are unrestricted: they pay no role or reference).
  const plain = await ethers.deployContract("PlainERC20Mock");
  const implementation = await ethers.deployContract("UpgradeableERC20Mock");
  const proxy = await ethers.deployContract("ERC1967Proxy", [
    await implementation.getAddress(),
    implementation.interface.encodeFunctionData("initialize"),
  ]);
  const proxied = await ethers.getContractAt("UpgradeableERC20Mock", await proxy.getAddress());
  const solady = await ethers.deployContract("SoladyERC20Mock");
  const references: [Token, typeof plain][] = [
    ["OpenZeppelin ERC20", plain],
    ["OpenZeppelin ERC20 (proxied)", proxied as unknown as typeof plain],
    ["Solady ERC20", solady as unknown as typeof plain],
  ];
  for (const [name, token] of references) {
    await token.mint(alice.address, 1_000_000n);
    await token.mint(bob.address, 1_000_000n);
    for (let i = 0; i < BATCH; i += 250)
      await token.mintBatch(
        holders.slice(i, i + 250),
        holders.slice(i, i + 250).map(() => 1n),
      );
    const row = table[name];
    row["transfer to a holder"] = await gasOf(token.connect(alice).transfer(bob.address, 1_250n));
    row["transfer to a new holder"] = await gasOf(token.connect(alice).transfer(carol.address, 1_250n));
    row["mint (one deposit)"] = await gasOf(token.mint(alice.address, 5_000n));
    row["batch mint of 1,000: total"] = await gasOf(
      token.mintBatch(
        holders,
        holders.map(() => 1_234n),
      ),
    );
    row["batch mint of 1,000: per deposit"] = Math.round(row["batch mint of 1,000: total"] / BATCH);
    row["approve"] = await gasOf(token.connect(alice).approve(spender.address, 1_000n));
    row["permit"] = await gasOf(permit(connection, token, bob, spender.address));
  }
  return table;
}

/** A permit signed by `owner` with a fixed deadline (deterministic signature and calldata). */
async function permit(
  connection: NetworkConnection,
  token: BaseContract & {
    name(): Promise<string>;
    nonces(owner: string): Promise<bigint>;
    permit: (...args: any[]) => Promise<ContractTransactionResponse>;
  },
  owner: Awaited<ReturnType<NetworkConnection["ethers"]["getSigners"]>>[number],
  spender: string,
): Promise<ContractTransactionResponse> {
  const { chainId } = await connection.ethers.provider.getNetwork();
  const value = 1_000n;
  const { domain, types, message } = permitTypedData({
    name: await token.name(),
    // Every token measured here signs under version "1" (Solady's mock has no eip712Domain() to ask).
    version: "1",
    chainId,
    verifyingContract: await token.getAddress(),
    owner: owner.address,
    spender,
    value,
    nonce: await token.nonces(owner.address),
    deadline: MaxUint256,
  });
  const { v, r, s } = Signature.from(await owner.signTypedData(domain, types, message));
  return token.permit(owner.address, spender, value, MaxUint256, v, r, s);
}

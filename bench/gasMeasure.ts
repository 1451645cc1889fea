import {
  id,
  keccak256,
  MaxUint256,
  Signature,
  toUtf8Bytes,
  type BaseContract,
  type ContractTransactionResponse,
} from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { deployCurrency, oneAddressPerRole, roleHoldersInOrder } from "../ignition/deployCurrency.js";
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
 * Measures, in one in-process EVM, the gas (receipt gasUsed) of the same operations on the currency and on
 * three reference ERC-20s. Needs a network without EIP-7825's 2^24 per-transaction cap (a 1,000-deposit
 * batch takes about 33M gas): the caller creates the connection with `hardfork: "prague"`.
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

import { expect } from "chai";
import { readFileSync } from "node:fs";
import { Interface, keccak256, parseEther, Transaction } from "ethers";
import { network } from "hardhat";

import {
  MULTICALL3_ADDRESS,
  MULTICALL3_CODE_HASH,
  MULTICALL3_GENESIS_ALLOC,
  MULTICALL3_RUNTIME_CODE,
} from "../../sdk/node/chain/multicall3.js";
import { deployFundedCurrency } from "../helpers/fixtures.js";

// The pre-signed transaction that deploys Multicall3 on any chain, as published in mds1/multicall3's README
// ("Deploying Multicall3 to a new chain", commit 5f90062 of 2025-05-06): nonce 0 of 0x05f32B3c…63F2, no chain
// id, 1,000,000 gas at 100 gwei. Whatever it leaves at its address is Multicall3, by definition.
const PRESIGNED_DEPLOYMENT = readFileSync("test/chain/fixtures/multicall3-presigned-deployment.txt", "utf8").trim();
const DEPLOYER = "0x05f32B3cC3888453ff71B01135B34FF8e41263F2";

const multicall3 = new Interface([
  "function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)",
]);

describe("Multicall3 predeploy", function () {
  it("is the code the published deployment transaction leaves at 0xcA11bde0…CA11", async function () {
    const transaction = Transaction.from(PRESIGNED_DEPLOYMENT);
    expect(transaction.from).to.equal(DEPLOYER);
    expect(transaction.nonce).to.equal(0);

    const { provider } = await network.create();
    await provider.request({ method: "hardhat_setBalance", params: [DEPLOYER, `0x${parseEther("1").toString(16)}`] });
    const hash = await provider.request({ method: "eth_sendRawTransaction", params: [PRESIGNED_DEPLOYMENT] });
    const receipt = (await provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as {
      status: string;
      contractAddress: string;
    };
    expect(receipt.status).to.equal("0x1");
    expect(receipt.contractAddress.toLowerCase()).to.equal(MULTICALL3_ADDRESS.toLowerCase());
    const deployed = await provider.request({ method: "eth_getCode", params: [MULTICALL3_ADDRESS, "latest"] });
    expect(deployed).to.equal(MULTICALL3_RUNTIME_CODE);
    expect(keccak256(MULTICALL3_RUNTIME_CODE)).to.equal(MULTICALL3_CODE_HASH);
    expect((MULTICALL3_RUNTIME_CODE.length - 2) / 2).to.equal(3808);
  });

  it("puts exactly those bytes at that address in the genesis alloc, with no balance", function () {
    expect(MULTICALL3_GENESIS_ALLOC).to.deep.equal({
      ca11bde05977b3631167028862be2a173976ca11: { balance: "0x0", code: MULTICALL3_RUNTIME_CODE },
    });
  });

  it("reads several members' balances in one call once loaded as the genesis loads it", async function () {
    const connection = await network.create();
    const f = await deployFundedCurrency(connection);
    await connection.provider.request({
      method: "hardhat_setCode",
      params: [MULTICALL3_ADDRESS, MULTICALL3_GENESIS_ALLOC.ca11bde05977b3631167028862be2a173976ca11.code],
    });
    await f.currency.connect(f.alice).transfer(f.bob.address, 2_550n);
    const accounts = [f.alice.address, f.bob.address, f.shop.address, f.outsider.address];
    const calls = accounts.map((account) => ({
      target: f.currency.target,
      allowFailure: false,
      callData: f.currency.interface.encodeFunctionData("balanceOf", [account]),
    }));
    const returned = await connection.provider.request({
      method: "eth_call",
      params: [{ to: MULTICALL3_ADDRESS, data: multicall3.encodeFunctionData("aggregate3", [calls]) }, "latest"],
    });
    const [results] = multicall3.decodeFunctionResult("aggregate3", returned as string);
    const balances = (results as { success: boolean; returnData: string }[]).map((result) => {
      expect(result.success).to.equal(true);
      return f.currency.interface.decodeFunctionResult("balanceOf", result.returnData)[0];
    });
    expect(balances).to.deep.equal([7_450n, 12_550n, 10_000n, 0n]);
  });
});

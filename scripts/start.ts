// The main job, until the devnet lands: deploys a demo MIEL currency on Hardhat's in-process network through
// the production Ignition module, admits demo members, mints a demo deposit, attests the reserve and prints
// the currency's state.
import { id } from "ethers";
import { network } from "hardhat";

import LocalCurrencyModule from "../ignition/modules/LocalCurrency.js";

const connection = await network.create();
const { ethers, ignition } = connection;
const [governor, treasurer, auditor, manager, pauser, association, person, business] = await ethers.getSigners();

const { currency: deployed } = await ignition.deploy(LocalCurrencyModule, {
  parameters: {
    LocalCurrency: {
      init: {
        name: "Monnaie Libournaise",
        symbol: "MIEL",
        governor: governor.address,
        treasurers: [treasurer.address],
        auditors: [auditor.address],
        memberManagers: [manager.address],
        pausers: [pauser.address],
        mintPolicy: { reserveCapEnabled: true, maxAttestationAge: 7 * 24 * 3600, headroom: 0 },
        reconversionKinds: 1 << 2,
        reconversionCommissionBps: 300,
        feeAccount: association.address,
      },
    },
  },
});
const currency = await ethers.getContractAt("LocalCurrency", await deployed.getAddress());
const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);

await (await currency.connect(manager).admit(person.address, 1)).wait();
await (await currency.connect(manager).admit(business.address, 2)).wait();
await (await currency.connect(auditor).attestReserve(500_000n, now, id("demo bank statement"))).wait();
await (await currency.connect(governor).setMintAllowance(treasurer.address, 1_000_000n)).wait();
await (await currency.connect(treasurer).mint(person.address, 25_000n, id("DEMO-DEPOSIT-1"))).wait();

const cents = (amount: bigint) => `${amount / 100n}.${(amount % 100n).toString().padStart(2, "0")}`;
console.log(`${await currency.name()} (${await currency.symbol()}) at ${await currency.getAddress()}`);
console.log(`  supply            ${cents(await currency.totalSupply())}`);
console.log(`  attested reserve  ${cents((await currency.lastAttestation()).amount)}`);
console.log(`  fully backed      ${await currency.isFullyBacked()}`);
console.log(`  person   ${person.address}  ${cents(await currency.balanceOf(person.address))}`);
console.log(`  business ${business.address}  ${cents(await currency.balanceOf(business.address))}`);

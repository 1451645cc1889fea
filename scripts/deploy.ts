// Deploys a currency file to the network Hardhat was given (`komuno deploy` runs this through
// `hardhat run --network komuno`), then writes the deployment record the SDK and CLI take as --currency.
//   KOMUNO_CURRENCY_FILE  the currency file          KOMUNO_DEPLOYMENT_OUT  where to write the record
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { deployCurrency, deploymentRecordOf } from "../ignition/deployCurrency.js";
import { toGovernanceParams, toInitParams } from "../sdk/currency/schema.js";
import { ChainMismatchError } from "../sdk/errors.js";
import { readCurrencyConfig, writeDeploymentRecord } from "../sdk/node/deploymentFiles.js";

const file = process.env.KOMUNO_CURRENCY_FILE;
if (!file) throw new Error("KOMUNO_CURRENCY_FILE is not set");
const config = await readCurrencyConfig(file);
const connection = await network.create();
const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
if (chainId !== config.chainId) throw new ChainMismatchError(config.chainId, chainId);

if (config.governance.delayHours === 0) {
  console.error(
    `warning: ${config.code} is deployed with a governance delay of 0: every governor operation can execute at once. ` +
      "Development chains only.",
  );
}
// One journal per currency and chain: running this again reuses the deployment instead of making a second.
const deployed = await deployCurrency(connection, toInitParams(config), {
  deploymentId: `${config.code}-${chainId}`,
  governance: toGovernanceParams(config),
});
const out = process.env.KOMUNO_DEPLOYMENT_OUT ?? path.join("deployments", `${config.code}-${chainId}.json`);
await mkdir(path.dirname(out), { recursive: true });
await writeDeploymentRecord(
  out,
  await deploymentRecordOf(deployed, { ...config, chainId }, connection.ethers.provider, {
    rpcUrl: process.env.KOMUNO_RPC,
  }),
);
console.log(JSON.stringify({ record: out, address: deployed.address, chainId }));

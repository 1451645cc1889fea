// `npm run wallet:build -- --currency RECORD --rpc URL [--out DIR]`: the web wallet and back office built for
// one currency, as static files any web server can host (the association's own, next to its node).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

import { parseDeploymentRecord } from "../../sdk/deployment.js";
import { BaseError } from "../../sdk/errors.js";
import { buildWebApp, WebAppBuildError } from "./webApp.js";

const usage = "usage: npm run wallet:build -- --currency deployment.json --rpc https://rpc.example.org [--out dir]";

try {
  const { values } = parseArgs({
    options: {
      currency: { type: "string" },
      rpc: { type: "string" },
      out: { type: "string", default: "wallet/dist" },
    },
  });
  if (values.currency === undefined || values.rpc === undefined) throw new WebAppBuildError(usage);
  let input: unknown;
  try {
    input = JSON.parse(await readFile(values.currency, "utf8"));
  } catch (error) {
    throw new WebAppBuildError(`cannot read the deployment record ${values.currency}: ${(error as Error).message}`);
  }
  const deployment = parseDeploymentRecord(input, values.currency);
  await buildWebApp(values.out!, { deployment, rpcUrl: values.rpc });
  console.log(`${deployment.name} (${deployment.symbol}): web wallet and back office built in ${values.out}/`);
  console.log(`  host the folder as it is; members open /, the association's roles open /office/.`);
  console.log(`  wallets reach the chain at ${values.rpc}: its node must allow this site's origin (CORS).`);
} catch (error) {
  const typed = error as BaseError;
  process.stderr.write(
    `wallet:build: ${typed.shortMessage ?? typed.message}${typed.details ? `\n${typed.details}` : ""}\n`,
  );
  process.exit(2);
}

// Builds the web wallet and back office (wallet/) for one currency, and serves a build: used by `npm start`,
// by `npm run wallet:build` for an association's own hosting, and by the browser tests and the benchmark.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";

import { build, preview } from "vite";

import { parseDeploymentRecord, type DeploymentRecord } from "../../sdk/deployment.js";

const repository = path.resolve(import.meta.dirname, "../..");
const config = path.join(repository, "wallet", "vite.config.ts");

/** The JSON every page reads at start (`currency.json`): which currency, through which node. */
export interface WebAppConfig {
  deployment: DeploymentRecord;
  rpcUrl: string;
}

export class WebAppBuildError extends Error {
  override name = "WebAppBuildError";
}

/** Builds the app into `outDir` (static files: any web server can host them) and writes its currency.json. */
export async function buildWebApp(outDir: string, currency?: WebAppConfig): Promise<void> {
  // The app imports the package by its name: its build (dist/) must exist, as after `npm run build:package`.
  if (!existsSync(path.join(repository, "dist", "sdk", "index.js"))) {
    throw new WebAppBuildError("the package is not built: run `npm run build:package` first");
  }
  await build({ configFile: config, logLevel: "warn", build: { outDir: path.resolve(outDir), emptyOutDir: true } });
  if (currency !== undefined) await writeWebAppConfig(outDir, currency);
}

export async function writeWebAppConfig(outDir: string, { deployment, rpcUrl }: WebAppConfig): Promise<void> {
  if (!/^https?:\/\//.test(rpcUrl)) throw new WebAppBuildError(`the RPC address must be http(s), not ${rpcUrl}`);
  const checked = parseDeploymentRecord(deployment);
  // Only what a wallet needs: no storage layout, no deployer's node address.
  const { storageLayout: _layout, rpcUrl: _deployedThrough, ...record } = checked;
  await writeFile(path.join(outDir, "currency.json"), JSON.stringify({ deployment: record, rpcUrl }, null, 2) + "\n");
}

export interface ServedWebApp {
  url: string;
  close(): Promise<void>;
}

/** Serves a build on 127.0.0.1 (`port` 0: any free port). */
export async function serveWebApp(dir: string, port = 0, host = "127.0.0.1"): Promise<ServedWebApp> {
  const server = await preview({
    configFile: false,
    root: path.dirname(path.resolve(dir)),
    logLevel: "warn",
    build: { outDir: path.basename(path.resolve(dir)) },
    preview: { port, host, strictPort: true, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === "string") throw new WebAppBuildError("the web server has no port");
  return {
    url: `http://${host}:${address.port}/`,
    close: () => server.close(),
  };
}

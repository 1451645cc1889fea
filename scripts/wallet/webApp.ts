// Builds the web wallet and back office (wallet/) for one currency, and serves a build: used by `npm start`,
// by `npm run wallet:build` for an association's own hosting, and by the browser tests and the benchmark.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { build } from "vite";

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
  // Checked before anything is built: a refused configuration leaves no half-made site behind.
  const configuration = currency === undefined ? undefined : webAppConfigJson(currency);
  await build({
    configFile: config,
    mode: "production",
    logLevel: "warn",
    build: { outDir: path.resolve(outDir), emptyOutDir: true },
  });
  if (configuration !== undefined) await writeFile(path.join(outDir, "currency.json"), configuration);
}

/** Writes the currency.json of a build (another currency, another node: the same build serves it). */
export async function writeWebAppConfig(outDir: string, currency: WebAppConfig): Promise<void> {
  await writeFile(path.join(outDir, "currency.json"), webAppConfigJson(currency));
}

function webAppConfigJson({ deployment, rpcUrl }: WebAppConfig): string {
  if (!/^https?:\/\//.test(rpcUrl)) throw new WebAppBuildError(`the RPC address must be http(s), not ${rpcUrl}`);
  // Only what a wallet needs: no storage layout, no deployer's node address.
  const { storageLayout: _layout, rpcUrl: _deployedThrough, ...record } = parseDeploymentRecord(deployment);
  return JSON.stringify({ deployment: record, rpcUrl }, null, 2) + "\n";
}

export interface ServedWebApp {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves a build on 127.0.0.1 (`port` 0: any free port). A few lines of node:http rather than Vite's preview
 * server, which takes over the process's SIGTERM (it exits the process) and would cut the devnet's own
 * shutdown short.
 */
export async function serveWebApp(dir: string, port = 0, host = "127.0.0.1"): Promise<ServedWebApp> {
  const rootDir = path.resolve(dir);
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = path.join(rootDir, path.normalize(pathname));
    if (!file.startsWith(rootDir)) return send(response, 403, "forbidden");
    if (pathname.endsWith("/")) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      // Hashed assets never change; the pages, the service worker and the currency's configuration do.
      const immutable = pathname.startsWith("/assets/");
      response.writeHead(200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      send(response, 404, "not found");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/`,
    // Browsers keep connections alive: closed here, or stopping would wait for them to time out.
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}

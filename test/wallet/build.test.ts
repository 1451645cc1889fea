import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { serveWebApp } from "../../scripts/wallet/webApp.js";

// Building the web app for an association's own hosting: `npm run wallet:build`, and the static server the
// devnet and the tests use.
const record = {
  format: "komuno-deployment/1",
  code: "miel",
  name: "Monnaie Libournaise",
  symbol: "MIEL",
  chainId: 46330,
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  implementation: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  deploymentBlock: 1,
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  deployedAt: "2026-11-30T12:00:00.000Z",
  rpcUrl: "http://127.0.0.1:8545",
  storageLayout: { "komuno.storage.LocalCurrency": [] },
};

function buildScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/wallet/build.ts", ...args],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A raw GET, path as written (fetch would normalise a `..` away before sending it). */
function rawGet(url: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path: rawPath }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    })
      .on("error", reject)
      .end();
  });
}

describe("npm run wallet:build", function () {
  let dir: string;

  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), "komuno-web-build-"));
    await writeFile(path.join(dir, "miel.json"), JSON.stringify(record));
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("builds the wallet and the back office for a currency, with its record and node as configuration", async function () {
    const out = path.join(dir, "site");
    const built = await buildScript([
      "--currency",
      path.join(dir, "miel.json"),
      "--rpc",
      "https://rpc.miel.example",
      "--out",
      out,
    ]);
    expect(built.code, built.stderr).to.equal(0);
    expect(built.stdout).to.include(`Monnaie Libournaise (MIEL): web wallet and back office built in ${out}/`);
    expect(await readdir(out)).to.include.members([
      "index.html",
      "office",
      "assets",
      "sw.js",
      "manifest.webmanifest",
      "currency.json",
    ]);
    const config = JSON.parse(await readFile(path.join(out, "currency.json"), "utf8"));
    expect(config.rpcUrl).to.equal("https://rpc.miel.example");
    expect(config.deployment).to.include({ address: record.address, chainId: 46330, symbol: "MIEL" });
    // What a wallet does not need stays out of a public file: the storage layout, the deployer's node.
    expect(config.deployment).to.not.have.property("storageLayout");
    expect(config.deployment).to.not.have.property("rpcUrl");

    const served = await serveWebApp(out);
    try {
      for (const page of ["", "office/", "currency.json", "sw.js", "manifest.webmanifest"]) {
        const response = await fetch(`${served.url}${page}`);
        expect(response.status, page).to.equal(200);
      }
      const manifest = await fetch(`${served.url}manifest.webmanifest`);
      expect(manifest.headers.get("content-type")).to.match(/^application\/manifest\+json/);
      expect((await fetch(`${served.url}no-such-page`)).status).to.equal(404);
      // A path climbing out of the build stays inside it.
      expect(await rawGet(served.url, "/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd")).to.equal(404);
      expect(await rawGet(served.url, "/../../../../../etc/passwd")).to.equal(404);
    } finally {
      await served.close();
    }
  });

  it("refuses, exit status 2, without a currency, with a bad record, or with a node address that is not http(s)", async function () {
    const cases: [string[], string][] = [
      [["--rpc", "https://rpc.miel.example"], "usage: npm run wallet:build -- --currency"],
      [["--currency", path.join(dir, "none.json"), "--rpc", "https://x.example"], "cannot read the deployment record"],
      [["--currency", path.join(dir, "miel.json"), "--rpc", "ws://rpc.miel.example"], "must be http(s)"],
    ];
    await writeFile(path.join(dir, "bad.json"), JSON.stringify({ ...record, chainId: "forty" }));
    cases.push([["--currency", path.join(dir, "bad.json"), "--rpc", "https://x.example"], "chainId"]);
    for (const [args, message] of cases) {
      const run = await buildScript([...args, "--out", path.join(dir, "refused")]);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr).to.include(message);
    }
    expect(await readdir(dir), "nothing built").to.not.include("refused");
  });
});

import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { Wallet } from "ethers";
import type { Browser } from "playwright-core";

import { freePort } from "../../scripts/devnet/node.js";
import { connectCurrency } from "../../sdk/connect.js";
import { getBalance } from "../../sdk/actions/wallet/getBalance.js";
import { parseDeploymentRecord } from "../../sdk/deployment.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { launchChromium } from "../helpers/browser.js";
import { admitAndFund, dispose, freshEnvironment, type Environment } from "../helpers/devnetCurrency.js";
import {
  buildWallet,
  createConsumer,
  packPackage,
  readmeWalletExamples,
  type Consumer,
  type WalletBundle,
} from "../helpers/walletPackage.js";

const run = promisify(execFile);
interface WalletPage {
  komunoWallet(run: unknown): Promise<{ before: string; after: string; hash: string; fee: string }>;
}
/** The wallet page's JavaScript budget, gzipped (issue: 80 kB; bench/results/bundle.md has the breakdown). */
const WALLET_BUDGET_BYTES = 80_000;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
};

/** Serves a built page on 127.0.0.1. */
async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer(async (request, response) => {
    const file = path.join(dir, path.normalize(request.url === "/" ? "/index.html" : request.url!.split("?")[0]));
    try {
      const content = await readFile(file);
      response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, server };
}

describe("The package, installed by a third party", function () {
  this.timeout(600_000);
  let packDir: string;
  let consumer: Consumer;
  let bundle: WalletBundle;

  before(async function () {
    packDir = await mkdtemp(path.join(tmpdir(), "komuno-pack-"));
    consumer = await createConsumer(await packPackage(packDir));
  });

  after(async function () {
    await rm(packDir, { recursive: true, force: true });
    if (consumer) await rm(consumer.dir, { recursive: true, force: true });
  });

  it("loads every entry point from Node.js ESM, keeps Node-only code out of the browser entry, and installs the CLI", async function () {
    const { stdout } = await run(process.execPath, ["check.mjs"], { cwd: consumer.dir });
    const loaded = JSON.parse(stdout);
    expect(loaded).to.include({
      connectCurrency: "function",
      pay: "function",
      decodeKomunoError: "function",
      openKeystore: "function",
      generateBesuNetwork: "function",
      keystoreInBrowserEntry: false,
      ensRefused: true,
    });
    expect(loaded.schemas).to.deep.equal([
      "https://komuno.org/schemas/currency.schema.json",
      "https://komuno.org/schemas/deployment-record.schema.json",
    ]);
    expect(loaded.errors).to.be.greaterThan(100);
    expect(loaded.currencyFunctions).to.be.greaterThan(50);
    const help = await consumer.bin("komuno", ["--help"]);
    expect(help.stdout).to.include("Usage: komuno");
    const { version } = JSON.parse(await readFile("package.json", "utf8"));
    expect((await consumer.bin("komuno", ["--version"])).stdout).to.equal(`${version}\n`);
  });

  it("type-checks a strict consumer and the README's wallet examples against the package's declarations", async function () {
    expect(await readmeWalletExamples()).to.have.length(2);
    // tsc fails on an unused @ts-expect-error too: the consumer's wrong calls prove the types are real.
    const checked = await consumer.bin("tsc", ["-p", "tsconfig.json"]).catch((error) => error);
    expect(checked.stdout ?? "", checked.stdout).to.equal("");
  });

  it(`bundles a browser wallet (balance and payment) into at most ${WALLET_BUDGET_BYTES / 1000} kB of gzipped JavaScript`, async function () {
    bundle = await buildWallet(consumer);
    console.log(`      wallet page JavaScript: ${bundle.gzipBytes} bytes gzipped`);
    expect(bundle.gzipBytes).to.be.at.most(WALLET_BUDGET_BYTES);
    const code = (
      await Promise.all(bundle.files.map((f) => readFile(path.join(bundle.dir, "assets", f.name), "utf8")))
    ).join("");
    // No contract bytecode (TypeChain factories) and no ENS normalisation table.
    expect(code).to.not.match(/0x60806040/);
    expect(code).to.not.include("ens_normalize");
  });

  describe("in headless Chromium, against a devnet node", function () {
    let env: Environment;
    let browser: Browser;
    const member = Wallet.createRandom();
    const shop = Wallet.createRandom();

    before(async function () {
      if (bundle === undefined) bundle = await buildWallet(consumer);
      env = await freshEnvironment({ code: "walletpkg" });
      await admitAndFund(env, [
        { address: member.address, kind: "person", euros: "50.00" },
        { address: shop.address, kind: "business", euros: "0.01" },
      ]);
      browser = await launchChromium();
    });

    after(async function () {
      await browser?.close();
      await dispose(env);
    });

    it("reads the member's balance and pays a business, from a wallet holding no ether", async function () {
      const record = parseDeploymentRecord(JSON.parse(await readFile(env.record, "utf8")));
      const site = await serve(bundle.dir);
      try {
        const page = await browser.newPage();
        await page.goto(site.url);
        const result = await page.evaluate((run) => (globalThis as unknown as WalletPage).komunoWallet(run), {
          rpcUrl: env.node.url,
          record,
          privateKey: member.privateKey,
          to: shop.address,
          amount: "12.50",
        });
        expect(result).to.include({ before: "5000", after: "3750", fee: "0" });
        expect(await page.locator("#balance").textContent()).to.equal("37.50");
        const client = connectCurrency({ provider: createRpcProvider(env.node.url), currency: record });
        expect(await getBalance(client, { account: shop.address })).to.equal(1251n);
        expect(await client.provider.getBalance(member.address)).to.equal(0n);
      } finally {
        site.server.close();
      }
    });
  });
});

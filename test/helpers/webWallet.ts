import { expect } from "chai";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";

import { buildWebApp, serveWebApp, writeWebAppConfig, type ServedWebApp } from "../../scripts/wallet/webApp.js";
import { parseDeploymentRecord } from "../../sdk/deployment.js";
import { launchChromium } from "./browser.js";
import { dispose, freshEnvironment, type Environment, type Variant } from "./devnetCurrency.js";

// The web wallet and back office against a devnet node and a currency the test deploys, in Debian's Chromium:
// what the browser tests (test/wallet/) run against.

/** A phone (the member wallet is built for it first) and a desk (the back office). */
export const PHONE = { width: 390, height: 844 };
export const DESK = { width: 1280, height: 900 };

export const SCREENSHOTS = path.resolve(".komuno", "screenshots", "wallet");

export interface WebWallet {
  env: Environment;
  /** The build being served. */
  dir: string;
  app: ServedWebApp;
  browser: Browser;
  /** The member wallet's address (`/`) and the back office's (`/office/`). */
  walletUrl: string;
  officeUrl: string;
  /** A fresh browser profile (its own storage) showing `url` at the given screen size. */
  open(url: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Builds the app, deploys a currency on a fresh devnet node, serves the build for it and starts Chromium. */
export async function startWebWallet(variant: Variant = {}): Promise<WebWallet> {
  const dir = await mkdtemp(path.join(tmpdir(), "komuno-web-"));
  const env = await freshEnvironment(variant);
  let app: ServedWebApp | undefined;
  let browser: Browser | undefined;
  try {
    await buildWebApp(dir);
    const deployment = parseDeploymentRecord(JSON.parse(await readFile(env.record, "utf8")));
    await writeWebAppConfig(dir, { deployment, rpcUrl: env.node.url });
    app = await serveWebApp(dir);
    browser = await launchChromium();
  } catch (error) {
    await app?.close();
    await dispose(env);
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    env,
    dir,
    app,
    browser,
    walletUrl: app.url,
    officeUrl: `${app.url}office/`,
    async open(url, viewport = PHONE) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await dispose(env);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page as it is now; fails on any critical violation, naming it and where. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ content: await axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run();
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      targets: nodes.map((node) => node.target.join(" ")),
    }));
  });
  const critical = violations.filter((violation) => violation.impact === "critical");
  expect(critical, `${screen}: ${JSON.stringify(critical, null, 2)}`).to.deep.equal([]);
}

/** Writes a screenshot of the page for a reviewer (`.komuno/screenshots/wallet/<name>.png`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

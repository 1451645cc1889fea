// The web wallet as a member meets it: what a phone downloads before the first screen, how soon a returning
// member sees the balance, and how long a payment takes from "confirm" to "paid" on a chain with one block a
// second (a currency's own chain). Debian's Chromium, headless, against a devnet node with 1 s blocks.
// Writes bench/results/wallet.{json,md}.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

import { encryptKeystoreJson } from "ethers";
import type { Page } from "playwright-core";

import { getBalance } from "../sdk/actions/wallet/getBalance.js";
import { formatAmount } from "../sdk/amounts.js";
import { connectCurrency } from "../sdk/connect.js";
import { createRpcProvider } from "../sdk/provider.js";
import { admitAndFund, keys, PASSWORD } from "../test/helpers/devnetCurrency.js";
import { restoreWallet } from "../test/helpers/memberWallet.js";
import { startWebWallet } from "../test/helpers/webWallet.js";

const PAYMENTS = 100;
const OPENINGS = 5;
const NBSP = "\u00a0";
const onScreen = (cents: bigint) => `${formatAmount(cents).replace(".", ",")}${NBSP}TEST`;

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}

async function asset(dir: string, file: string): Promise<Asset> {
  const body = await readFile(path.join(dir, file));
  return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** The scripts and styles a page loads before its first screen: its module entry, preloads and stylesheets. */
async function firstLoad(dir: string, page: string): Promise<Asset[]> {
  const html = await readFile(path.join(dir, page), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\.{1,2}\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  return Promise.all([...new Set(files)].map((file) => asset(dir, file)));
}

const sum = (assets: Asset[], kind: "js" | "css", field: "bytes" | "gzip") =>
  assets.filter((a) => a.file.endsWith(`.${kind}`)).reduce((total, a) => total + a[field], 0);

/** The QR reader and the keystore's cryptography by name, the screens' chunks together. */
function onDemandSummary(assets: Asset[], kB: (bytes: number) => string): string {
  const named = (prefix: string) => assets.find((a) => a.file.startsWith(`assets/${prefix}-`));
  const [qr, crypto] = [named("jsQR"), named("keystoreCrypto")];
  const screens = assets.filter((a) => a !== qr && a !== crypto);
  return [
    qr && `the QR code reader ${kB(qr.gzip)}`,
    crypto && `the keystore's cryptography ${kB(crypto.gzip)}`,
    `the other screens ${kB(screens.reduce((total, a) => total + a.gzip, 0))} in ${screens.length} files`,
  ]
    .filter(Boolean)
    .join(", ");
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** From navigation to the password prompt, then from the password to the balance on screen. */
async function openWallet(page: Page, url: string, password: string, balance: string) {
  const start = performance.now();
  await page.goto(url);
  const prompt = page.getByLabel("Mot de passe du portefeuille");
  await prompt.waitFor();
  const shell = performance.now() - start;
  await prompt.fill(password);
  const submitted = performance.now();
  await prompt.press("Enter");
  await page.getByText(balance).first().waitFor({ timeout: 60_000 });
  const end = performance.now();
  return { shell, unlockToBalance: end - submitted, total: shell + (end - submitted) };
}

const loadBefore = loadavg()[0];
const web = await startWebWallet({ code: "bench-web", blockTime: 1 });
try {
  const wallet = await firstLoad(web.dir, "index.html");
  const office = await firstLoad(web.dir, "office/index.html");
  const loaded = new Set([...wallet, ...office].map((a) => a.file));
  const onDemand = await Promise.all(
    (await readdir(path.join(web.dir, "assets")))
      .filter((file) => file.endsWith(".js") && !loaded.has(`assets/${file}`))
      .map((file) => asset(web.dir, `assets/${file}`)),
  );

  const opening = 200_00n;
  await admitAndFund(web.env, [
    { address: keys.person.address, kind: "person", euros: formatAmount(opening) },
    { address: keys.business.address, kind: "business", euros: "1.00" },
  ]);

  // A member's own wallet is encrypted at ethers' default scrypt cost, as the wallet's "create" makes it; the
  // devnet's development keystores are light, which shows the part of the wait that is not the key's.
  const realKeystore = path.join(web.env.dir, "person-real.json");
  await writeFile(
    realKeystore,
    await encryptKeystoreJson({ address: keys.person.address, privateKey: keys.person.privateKey }, PASSWORD),
  );
  const measureOpenings = async (keystore: string) => {
    const { page } = await web.open(web.walletUrl);
    await restoreWallet(page, keystore, PASSWORD);
    const runs: Awaited<ReturnType<typeof openWallet>>[] = [];
    for (let i = 0; i < OPENINGS; i++) runs.push(await openWallet(page, web.walletUrl, PASSWORD, onScreen(opening)));
    const median = (field: "shell" | "unlockToBalance" | "total") =>
      percentile(
        runs.map((r) => r[field]),
        50,
      );
    return { shell: median("shell"), unlockToBalance: median("unlockToBalance"), total: median("total") };
  };
  const realKey = await measureOpenings(realKeystore);
  const lightKey = await measureOpenings(path.join(web.env.dir, "person.json"));

  // 100 payments of 0.10 to the business, each timed from the click on "Payer" to "Paiement effectué".
  const { page } = await web.open(web.walletUrl);
  await restoreWallet(page, path.join(web.env.dir, "person.json"), PASSWORD);
  const client = connectCurrency({
    provider: createRpcProvider(web.env.node.url),
    currency: JSON.parse(await readFile(web.env.record, "utf8")),
  });
  const businessBefore = await getBalance(client, { account: keys.business.address });
  const amount = 10n;
  const confirmToPaid: number[] = [];
  await page.getByRole("link", { name: "Payer", exact: true }).click();
  for (let i = 0; i < PAYMENTS; i++) {
    if (i > 0) await page.getByRole("button", { name: "Nouveau paiement" }).click();
    await page.getByLabel("Lien de paiement ou adresse du bénéficiaire").fill(keys.business.address);
    await page.getByLabel("Montant", { exact: true }).fill(formatAmount(amount).replace(".", ","));
    await page.getByRole("button", { name: "Vérifier le paiement" }).click();
    const confirm = page.getByRole("button", { name: `Payer ${onScreen(amount)}` });
    await confirm.waitFor();
    const clicked = performance.now();
    await confirm.click();
    await page.getByRole("heading", { name: "Paiement effectué" }).waitFor({ timeout: 30_000 });
    confirmToPaid.push(performance.now() - clicked);
  }
  const personAfter = await getBalance(client, { account: keys.person.address });
  if (personAfter !== opening - BigInt(PAYMENTS) * amount) {
    throw new Error(`the member paid ${formatAmount(opening - personAfter)}, not ${PAYMENTS} × 0.10`);
  }
  const businessAfter = await getBalance(client, { account: keys.business.address });

  const seconds = (ms: number) => Number((ms / 1000).toFixed(3));
  const result = {
    machine: `${cpus().length} cores, ${cpus()[0].model}`,
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    memberWallet: {
      firstLoad: wallet,
      jsBytes: sum(wallet, "js", "bytes"),
      jsGzip: sum(wallet, "js", "gzip"),
      cssGzip: sum(wallet, "css", "gzip"),
    },
    backOffice: { jsBytes: sum(office, "js", "bytes"), jsGzip: sum(office, "js", "gzip") },
    onDemand,
    timeToFirstBalance: {
      openings: OPENINGS,
      realKeystore: { shell: seconds(realKey.shell), unlockToBalance: seconds(realKey.unlockToBalance) },
      lightKeystore: { shell: seconds(lightKey.shell), unlockToBalance: seconds(lightKey.unlockToBalance) },
    },
    payments: {
      count: PAYMENTS,
      blockTimeSeconds: 1,
      p50: seconds(percentile(confirmToPaid, 50)),
      p95: seconds(percentile(confirmToPaid, 95)),
      max: seconds(Math.max(...confirmToPaid)),
      businessReceived: formatAmount(businessAfter - businessBefore),
    },
  };
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const md = [
    "| what | measured |",
    "| --- | --- |",
    `| member wallet, JavaScript before the first screen | ${kB(result.memberWallet.jsGzip)} gzipped (${kB(result.memberWallet.jsBytes)} minified), CSS ${kB(result.memberWallet.cssGzip)} gzipped |`,
    `| back office, JavaScript before the first screen | ${kB(result.backOffice.jsGzip)} gzipped (${kB(result.backOffice.jsBytes)} minified) |`,
    `| loaded only when used (gzipped) | ${onDemandSummary(onDemand, kB)} |`,
    `| returning member: page load → password prompt | ${result.timeToFirstBalance.realKeystore.shell} s |`,
    `| password → balance on screen, a wallet's own keystore (scrypt N = 2¹⁷) | ${result.timeToFirstBalance.realKeystore.unlockToBalance} s |`,
    `| password → balance on screen, a light development keystore (scrypt N = 2¹²): the node's part | ${result.timeToFirstBalance.lightKeystore.unlockToBalance} s |`,
    `| ${PAYMENTS} payments on 1 s blocks, "Payer" clicked → "Paiement effectué" | p50 ${result.payments.p50} s, p95 ${result.payments.p95} s, max ${result.payments.max} s |`,
    "",
    `Medians of ${OPENINGS} openings. Headless Chromium (Debian's), a devnet node with one block a second, ${result.machine}; load average ${loadBefore.toFixed(1)} before, ${result.loadAverage.after.toFixed(1)} after. The business received ${result.payments.businessReceived}, checked on chain.`,
  ].join("\n");
  console.log(md);
  await writeFile("bench/results/wallet.json", JSON.stringify(result, null, 2) + "\n");
  await writeFile("bench/results/wallet.md", md + "\n");
} finally {
  await web.close();
}

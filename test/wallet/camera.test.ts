import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { generate } from "lean-qr";
import { chromium, type Browser } from "playwright-core";

import { getBalance } from "../../sdk/actions/wallet/getBalance.js";
import { connectCurrency } from "../../sdk/connect.js";
import { buildPaymentLink } from "../../sdk/paymentLinks.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { parseDeploymentRecord } from "../../sdk/deployment.js";
import { admitAndFund, CHAIN_ID, keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { restoreWallet } from "../helpers/memberWallet.js";
import { PHONE, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// Paying by pointing the phone's camera at the till's QR code: Chromium's fake camera plays a video whose every
// frame is the QR code of a payment link, as a camera held over a till's screen would see it.

/** A Y4M video (one grey frame, looped by Chromium) showing `text` as a QR code. */
function qrVideo(text: string): Buffer {
  const [width, height, pixel] = [640, 480, 8];
  const code = generate(text);
  const side = code.size * pixel;
  const [left, top] = [(width - side) / 2, (height - side) / 2];
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (code.get(Math.floor(x / pixel), Math.floor(y / pixel))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

describe("member wallet: paying by the camera", function () {
  let web: WebWallet;
  let dir: string;
  let camera: Browser;

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-camera" });
    await admitAndFund(web.env, [
      { address: keys.person.address, kind: "person", euros: "40.00" },
      { address: keys.business.address, kind: "business", euros: "1.00" },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), "komuno-camera-"));
  });

  after(async function () {
    await camera?.close();
    await web?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads the till's QR code from the camera, stops the camera, and pays what it asks", async function () {
    const deployment = parseDeploymentRecord(JSON.parse(await readFile(web.env.record, "utf8")));
    const link = buildPaymentLink({
      currency: deployment.address,
      chainId: CHAIN_ID,
      to: keys.business.address,
      amount: 1_250n,
      memo: "Table 4",
    });
    const video = path.join(dir, "till.y4m");
    await writeFile(video, qrVideo(link));
    camera = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    const context = await camera.newContext({ viewport: PHONE });
    await context.grantPermissions(["camera"], { origin: new URL(web.walletUrl).origin });
    const page = await context.newPage();
    await page.goto(web.walletUrl);
    await restoreWallet(page, path.join(web.env.dir, "person.json"), PASSWORD);
    const client = connectCurrency({ provider: createRpcProvider(web.env.node.url), currency: deployment });
    const before = await getBalance(client, { account: keys.person.address });

    await page.getByRole("link", { name: "Payer", exact: true }).click();
    await page.getByRole("button", { name: "Lire un QR code avec la caméra" }).click();
    const field = page.getByLabel("Lien de paiement ou adresse du bénéficiaire");
    // Browser code as text: the tests' TypeScript has no DOM types.
    await page.waitForFunction('document.getElementById("pay-amount")?.value === "12,50"', undefined, {
      timeout: 30_000,
    });
    expect(await field.inputValue()).to.equal(link);
    await page.getByText("Table 4").waitFor();
    // Found: the scanner has left the screen, and with it the camera.
    expect(await page.getByLabel("Image de la caméra").count()).to.equal(0);
    expect(await page.evaluate("document.querySelectorAll('video').length")).to.equal(0);

    await page.getByRole("button", { name: "Vérifier le paiement" }).click();
    await page.getByRole("button", { name: /^Payer 12,50/ }).click();
    await page.getByRole("heading", { name: "Paiement effectué" }).waitFor({ timeout: 30_000 });
    expect(await getBalance(client, { account: keys.person.address })).to.equal(before - 1_250n);
  });
});

import { expect } from "chai";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { Wallet } from "ethers";
import jsqrModule from "jsqr";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";

import { getBalance } from "../../sdk/actions/wallet/getBalance.js";
import { paymentFee } from "../../sdk/actions/policy/setPaymentFees.js";
import { formatAmount } from "../../sdk/amounts.js";
import { connectCurrency, type KomunoClient } from "../../sdk/connect.js";
import { parseDeploymentRecord } from "../../sdk/deployment.js";
import { buildPaymentLink } from "../../sdk/paymentLinks.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { admitAndFund, CHAIN_ID, keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { restoreWallet } from "../helpers/memberWallet.js";
import { expectAccessible, PHONE, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// The member wallet on a phone, as a member uses it: creating and backing up a wallet, opening it, the balance,
// receiving by QR code, paying a business by its QR code with the keyboard, refusals that move nothing, and
// the shell opening offline.

type QrDecoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsQR is CommonJS: its function is the module itself, also exposed as `default`.
const jsQR = ((jsqrModule as unknown as { default?: QrDecoder }).default ??
  (jsqrModule as unknown as QrDecoder)) as QrDecoder;

const FEE_TO_BUSINESS_BPS = 150;
const NEW_PASSWORD = "ruche-de-printemps";
const NBSP = "\u00a0";

/** An amount as the French screen writes it (small amounts: no thousands separator). */
const onScreen = (cents: bigint) => `${formatAmount(cents).replace(".", ",")}${NBSP}TEST`;

describe("member wallet (phone)", function () {
  let web: WebWallet;
  let reader: KomunoClient;
  let currency: string;
  const balanceOf = (account: string) => getBalance(reader, { account });

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-member" });
    const record = parseDeploymentRecord(JSON.parse(await readFile(web.env.record, "utf8")));
    currency = record.address;
    reader = connectCurrency({ provider: createRpcProvider(web.env.node.url), currency: record });
    const fees = await web.env.cli(["fees", "set", "--to-business", String(FEE_TO_BUSINESS_BPS)], "governor");
    expect(fees.code, fees.stderr).to.equal(0);
    await admitAndFund(web.env, [
      { address: keys.person.address, kind: "person", euros: "100.00" },
      { address: keys.business.address, kind: "business", euros: "50.00" },
    ]);
    const line = await web.env.cli(
      ["credit", "limit", keys.person.address, "--floor", "50.00", "--ceiling", "200.00"],
      "manager",
    );
    expect(line.code, line.stderr).to.equal(0);
  });

  after(async function () {
    await web?.close();
  });

  describe("a new wallet, from creation to opening", function () {
    let page: Page;
    let context: BrowserContext;
    let address: string;
    let backupFile: string;

    before(async function () {
      ({ page, context } = await web.open(web.walletUrl, PHONE));
    });

    it("refuses passwords that break the rules said before typing, then creates the key encrypted in the browser", async function () {
      await page.getByRole("button", { name: "Créer un portefeuille" }).click();
      await page.getByRole("heading", { name: "Créer un portefeuille" }).waitFor();
      await page.getByText("au moins 10 caractères, pas seulement des chiffres").waitFor();
      await expectAccessible(page, "wallet create");
      await screenshot(page, "wallet-create");

      const password = page.getByLabel("Nouveau mot de passe");
      const repeated = page.getByLabel("Répétez le mot de passe");
      const create = page.getByRole("button", { name: "Créer le portefeuille" });
      const refusal = page.getByRole("alert");
      for (const [first, second, reason] of [
        ["abeille", "abeille", "Mot de passe trop court : il faut au moins 10 caractères."],
        ["0612345678", "0612345678", "n'a que des chiffres"],
        [NEW_PASSWORD, "ruche-d-automne", "ne sont pas identiques"],
      ]) {
        await password.fill(first!);
        await repeated.fill(second!);
        await create.click();
        expect(await refusal.textContent()).to.include(reason);
      }
      expect(await storedWallets(page)).to.deep.equal({});

      await repeated.fill(NEW_PASSWORD);
      // The progress may last under a second on a fast machine: watched from inside the page, not polled.
      await page.evaluate(`new MutationObserver((_, observer) => {
        if (document.querySelector("progress") && document.body.innerText.includes("Chiffrement de votre clé")) {
          globalThis.sawEncryption = true;
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true })`);
      const started = Date.now();
      await create.click();
      await page.getByRole("heading", { name: "Portefeuille créé" }).waitFor({ timeout: 60_000 });
      console.log(`      creating the keystore (scrypt N=131072) in Chromium: ${Date.now() - started} ms`);
      expect(await page.evaluate("globalThis.sawEncryption")).to.equal(true);

      const stored = await storedWallets(page);
      const storageKeys = Object.keys(stored);
      expect(storageKeys).to.deep.equal([`komuno.wallet.${CHAIN_ID}.${currency.toLowerCase()}`]);
      const keystore = JSON.parse(JSON.parse(stored[storageKeys[0]!]!).keystore as string);
      // ethers writes "Crypto" (Web3 secret storage allows either case).
      const { kdf, kdfparams } = keystore.Crypto ?? keystore.crypto;
      expect(kdf).to.equal("scrypt");
      expect(kdfparams.n).to.equal(131072);
      expect(JSON.stringify(stored)).not.to.include(NEW_PASSWORD);
      address = `0x${keystore.address}`;
      await page.getByText(address, { exact: false }).first().waitFor();
    });

    it("offers the backup at once: a keystore named after the currency and the address, opened by its password", async function () {
      await page.getByText("seul le fichier de sauvegarde, avec votre mot de passe").waitFor();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Télécharger la sauvegarde" }).click(),
      ]);
      const wallet = await Wallet.fromEncryptedJson(await readFile((await download.path())!, "utf8"), NEW_PASSWORD);
      expect(wallet.address.toLowerCase()).to.equal(address.toLowerCase());
      address = wallet.address;
      expect(download.suggestedFilename()).to.equal(`TEST-${address}.json`);
      backupFile = path.join(web.env.dir, download.suggestedFilename());
      await download.saveAs(backupFile);
      expect(await readFile(backupFile, "utf8")).not.to.include(NEW_PASSWORD);

      await page.getByRole("button", { name: "Ouvrir mon portefeuille" }).click();
      await page.getByRole("navigation", { name: "Menu du portefeuille" }).waitFor();
    });

    it("shows a member not admitted yet their address, with its QR code, to give to the association", async function () {
      await page.getByRole("heading", { name: "Pas encore admis" }).waitFor();
      expect(await decodeQr(page, page.getByRole("img", { name: "QR code de votre adresse" }))).to.equal(address);
      await page.getByText(`${formatAmount(0n).replace(".", ",")}${NBSP}TEST`).waitFor();
      await expectAccessible(page, "wallet home (not admitted)");
    });

    it("forgets the wallet on this device only once the member confirms holding its backup", async function () {
      await page.getByRole("button", { name: "Verrouiller" }).click();
      await page.getByRole("button", { name: "Oublier ce portefeuille sur cet appareil" }).click();
      const forget = page.getByRole("button", { name: "Oublier le portefeuille" });
      await page.getByText("ne pourra plus être dépensé").waitFor();
      expect(await forget.isDisabled()).to.equal(true);
      await page.getByLabel("J'ai le fichier de sauvegarde de ce portefeuille et son mot de passe").check();
      await expectAccessible(page, "wallet forget");
      await forget.click();
      await page.getByRole("heading", { name: "Bienvenue" }).waitFor();
      expect(await storedWallets(page)).to.deep.equal({});
    });

    it("restores the wallet from its backup file", async function () {
      await restoreWallet(page, backupFile, NEW_PASSWORD);
      expect(Object.values(await storedWallets(page)).join()).to.include(address.slice(2).toLowerCase());
    });

    it("opens the stored wallet: a wrong password says so and changes nothing, the right one opens it", async function () {
      await page.getByRole("button", { name: "Verrouiller" }).click();
      const before = await storedWallets(page);
      await page.getByLabel("Mot de passe du portefeuille").fill("pas-le-bon-mot-de-passe");
      await page.getByRole("button", { name: "Ouvrir", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "Mot de passe incorrect" }).waitFor({ timeout: 60_000 });
      expect(await page.getByRole("navigation", { name: "Menu du portefeuille" }).count()).to.equal(0);
      expect(await storedWallets(page)).to.deep.equal(before);
      await expectAccessible(page, "wallet open (wrong password)");

      await page.getByLabel("Mot de passe du portefeuille").fill(NEW_PASSWORD);
      const started = Date.now();
      await page.getByLabel("Mot de passe du portefeuille").press("Enter");
      await page.getByRole("navigation", { name: "Menu du portefeuille" }).waitFor({ timeout: 60_000 });
      console.log(`      opening the keystore (scrypt N=131072) in Chromium: ${Date.now() - started} ms`);
      await context.close();
    });
  });

  describe("an admitted member", function () {
    let person: Page;
    let business: Page;
    let businessQr: string;
    const business12 = 1250n;

    before(async function () {
      person = (await web.open(web.walletUrl, PHONE)).page;
      business = (await web.open(web.walletUrl, PHONE)).page;
      await restoreWallet(person, path.join(web.env.dir, "person.json"), PASSWORD);
      await restoreWallet(business, path.join(web.env.dir, "business.json"), PASSWORD);
    });

    it("sees their balance, that the account is active, and their mutual-credit line", async function () {
      await person.getByText(`100,00${NBSP}TEST`).waitFor();
      await person.getByText("Compte actif.").waitFor();
      await person.getByRole("heading", { name: "Crédit mutuel" }).waitFor();
      await person.getByText(`−50,00${NBSP}TEST`).waitFor();
      await person.getByText(`200,00${NBSP}TEST`).waitFor();
      await expectAccessible(person, "wallet home");
      await screenshot(person, "wallet-home");

      await business.getByText(`50,00${NBSP}TEST`).waitFor();
      await business.getByText("Compte professionnel actif.").waitFor();
      expect(await business.getByRole("heading", { name: "Crédit mutuel" }).count()).to.equal(0);

      await person.getByLabel("Langue").selectOption("en");
      await person.getByRole("heading", { name: "Your balance" }).waitFor();
      await person.getByText(`100.00${NBSP}TEST`).waitFor();
      await person.getByLabel("Language").selectOption("fr");
      await person.getByRole("heading", { name: "Votre solde" }).waitFor();
    });

    it("receives: a QR code whose text is the EIP-681 link shown beside it, with the amount and memo", async function () {
      await business.getByRole("link", { name: "Recevoir", exact: true }).click();
      await business.getByLabel("Montant demandé (facultatif)").fill("12,5O");
      await business.getByRole("alert").filter({ hasText: "Montant invalide" }).waitFor();
      await business.getByLabel("Montant demandé (facultatif)").fill("12,50");
      await business.getByLabel("Message pour le payeur (facultatif)").fill("Table 4");
      await business.getByRole("heading", { name: `Demande de paiement de ${onScreen(business12)}` }).waitFor();

      const expected = buildPaymentLink({
        currency,
        chainId: CHAIN_ID,
        to: keys.business.address,
        amount: business12,
        memo: "Table 4",
      });
      const qr = business.getByRole("img", { name: "QR code de la demande de paiement" });
      expect(await decodeQr(business, qr)).to.equal(expected);
      await business.getByText(expected, { exact: true }).waitFor();
      await business.getByRole("button", { name: "Copier le lien" }).waitFor();
      await expectAccessible(business, "wallet receive");
      await screenshot(business, "wallet-receive");

      // The payer's phone scans this very picture in the next test.
      businessQr = path.join(web.env.dir, "business-qr.png");
      await qr.screenshot({ path: businessQr });
    });

    it("downloads the backup again from the backup screen, which explains how to restore it", async function () {
      await business.getByRole("link", { name: "Sauvegarde", exact: true }).click();
      await business.getByRole("heading", { name: "Restaurer votre portefeuille ailleurs" }).waitFor();
      await expectAccessible(business, "wallet backup");
      const [download] = await Promise.all([
        business.waitForEvent("download"),
        business.getByRole("button", { name: "Télécharger la sauvegarde" }).click(),
      ]);
      expect(download.suggestedFilename()).to.equal(`TEST-${keys.business.address}.json`);
      const wallet = await Wallet.fromEncryptedJson(await readFile((await download.path())!, "utf8"), PASSWORD);
      expect(wallet.address).to.equal(keys.business.address);
      await business.getByRole("button", { name: "Oublier ce portefeuille sur cet appareil" }).click();
      expect(await business.getByRole("button", { name: "Oublier le portefeuille" }).isDisabled()).to.equal(true);
      await business.getByRole("button", { name: "Annuler" }).click();
    });

    it("pays a business by a picture of its QR code, the fee shown before, confirmed with the keyboard", async function () {
      const fee = paymentFee(business12, FEE_TO_BUSINESS_BPS);
      const before = await balancesOf();

      await person.getByRole("link", { name: "Payer", exact: true }).click();
      await person.getByRole("heading", { name: "Payer" }).waitFor();
      // No camera in this browser: the scanner says so, and the picture of the code is the way left.
      await person.getByRole("button", { name: "Lire un QR code avec la caméra" }).click();
      await person.getByRole("alert").filter({ hasText: "La caméra n'est pas disponible" }).waitFor();
      await person.getByRole("button", { name: "Arrêter la caméra" }).click();
      const noCode = path.join(web.env.dir, "no-code.png");
      await person.locator("header").screenshot({ path: noCode });
      await person.getByLabel("Photo ou image d'un QR code").setInputFiles(noCode);
      await person.getByRole("alert").filter({ hasText: "Aucun QR code lisible dans cette image" }).waitFor();
      await person.getByLabel("Photo ou image d'un QR code").setInputFiles(businessQr);
      const amount = person.getByLabel("Montant", { exact: true });
      await person.waitForFunction('document.getElementById("pay-amount").value !== ""');
      expect(await amount.inputValue()).to.equal("12,50");
      expect(await person.getByLabel("Lien de paiement ou adresse du bénéficiaire").inputValue()).to.match(
        /^ethereum:/,
      );
      await person.getByText("Table 4").waitFor();
      await expectAccessible(person, "wallet pay");

      // From the amount field to the result, with the keyboard only.
      await amount.focus();
      await person.keyboard.press("Enter");
      await person.getByRole("heading", { name: "Vérifiez le paiement" }).waitFor();
      expect(await focusedText(person)).to.equal("Vérifiez le paiement");
      await person.getByText(keys.business.address).waitFor();
      await person.getByText(`${onScreen(fee)} (1,5 %)`).waitFor();
      await person.getByText(onScreen(business12 - fee)).waitFor();
      await person.getByText(`${formatAmount(before.person - business12).replace(".", ",")}${NBSP}TEST`).waitFor();
      await expectAccessible(person, "wallet pay confirmation");
      await screenshot(person, "wallet-pay-confirm");

      await person.keyboard.press("Tab");
      expect(await focusedText(person)).to.equal(`Payer ${onScreen(business12)}`);
      await person.keyboard.press("Enter");
      await person.getByRole("heading", { name: "Paiement effectué" }).waitFor({ timeout: 30_000 });
      expect(await focusedText(person)).to.equal("Paiement effectué");
      await person.getByText(`Payé ${onScreen(business12)} à ${keys.business.address.slice(0, 6)}…`).waitFor();
      await person.getByText(`Frais : ${onScreen(fee)}`).waitFor();
      await expectAccessible(person, "wallet paid");
      await screenshot(person, "wallet-paid");

      const after = await balancesOf();
      expect(after.person).to.equal(before.person - business12);
      expect(after.business).to.equal(before.business + business12 - fee);
      expect(after.association).to.equal(before.association + fee);
      await person.getByText(`Votre nouveau solde : ${onScreen(after.person)}`).waitFor();
    });

    it("pays once however often the confirm button is clicked, and the balance screen shows the new balance", async function () {
      const before = await balancesOf();
      await person.getByRole("button", { name: "Nouveau paiement" }).click();
      await person.getByLabel("Lien de paiement ou adresse du bénéficiaire").fill(keys.business.address);
      await person.getByLabel("Montant", { exact: true }).fill("1");
      await person.getByRole("button", { name: "Vérifier le paiement" }).click();
      await person.getByRole("button", { name: `Payer ${onScreen(100n)}` }).dblclick();
      await person.getByRole("heading", { name: "Paiement effectué" }).waitFor({ timeout: 30_000 });
      expect((await balancesOf()).person).to.equal(before.person - 100n);
      await person.getByRole("link", { name: "Solde", exact: true }).click();
      await person.getByText(onScreen(before.person - 100n)).waitFor();
    });

    it("refuses a payment above the balance in plain words, and moves nothing", async function () {
      const before = await balancesOf();
      await person.getByRole("link", { name: "Payer", exact: true }).click();
      await person.getByLabel("Lien de paiement ou adresse du bénéficiaire").fill(keys.business.address);
      const amount = person.getByLabel("Montant", { exact: true });
      await amount.fill("12.345");
      await amount.press("Enter");
      await person.getByRole("alert").filter({ hasText: "Montant invalide" }).waitFor();
      await amount.fill("500,00");
      await amount.press("Enter");
      const refusal = person.getByRole("alert").filter({ hasText: "Solde insuffisant" });
      await refusal.waitFor();
      expect(await refusal.textContent()).to.include(
        `il vous faut ${onScreen(50_000n)} et vous avez ${onScreen(before.person)}`,
      );
      expect(await person.getByRole("button", { name: /^Payer / }).count()).to.equal(0);
      await expectAccessible(person, "wallet pay refused");
      expect(await balancesOf()).to.deep.equal(before);
    });

    it("says in plain words when the payee cannot be paid, before or after the confirmation, and moves nothing", async function () {
      const before = await balancesOf();
      await person.getByRole("button", { name: "Modifier" }).click();
      await person.getByLabel("Lien de paiement ou adresse du bénéficiaire").fill(keys.replacement.address);
      await person.getByLabel("Montant", { exact: true }).fill("2,00");
      await person.getByRole("button", { name: "Vérifier le paiement" }).click();
      await person.getByRole("alert").filter({ hasText: "n'est pas un membre actif" }).waitFor();

      // Frozen between the confirmation and the payment: the contract's refusal, in the member's words.
      await person.getByLabel("Lien de paiement ou adresse du bénéficiaire").fill(keys.business.address);
      await person.getByRole("button", { name: "Vérifier le paiement" }).click();
      await person.getByRole("heading", { name: "Vérifiez le paiement" }).waitFor();
      const frozen = await web.env.cli(["member", "freeze", keys.business.address], "manager");
      expect(frozen.code, frozen.stderr).to.equal(0);
      await person.getByRole("button", { name: `Payer ${onScreen(200n)}` }).click();
      const refusal = person.getByRole("alert").filter({ hasText: "n'est pas un compte actif" });
      await refusal.waitFor({ timeout: 30_000 });
      expect(await refusal.textContent()).to.include(`Votre solde n'a pas bougé : ${onScreen(before.person)}`);
      expect(await refusal.textContent()).not.to.match(/0x[0-9a-f]{64}|revert|Error/);
      expect(await balancesOf()).to.deep.equal(before);
    });

    async function balancesOf() {
      const [person, business, association] = await Promise.all(
        [keys.person, keys.business, keys.association].map((key) => balanceOf(key.address)),
      );
      return { person: person!, business: business!, association: association! };
    }
  });

  describe("as an app (PWA)", function () {
    it("is installable as an app, by Chromium's own check", async function () {
      // Installing is refused in an incognito profile, which every context of the shared browser is: a real
      // profile, in the same Chromium with the same flags.
      const profile = await mkdtemp(path.join(tmpdir(), "komuno-install-"));
      const browser = await chromium.launchPersistentContext(profile, {
        executablePath: "/usr/bin/chromium",
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
        ],
        viewport: PHONE,
      });
      try {
        const page = await browser.newPage();
        await page.goto(web.walletUrl);
        await page.getByRole("heading", { name: "Bienvenue" }).waitFor();
        await page.evaluate(
          `navigator.serviceWorker.register("./sw.js").then(() => navigator.serviceWorker.ready).then(() => undefined)`,
        );
        const cdp = await browser.newCDPSession(page);
        const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
          installabilityErrors: { errorId: string }[];
        };
        expect(installabilityErrors.map(({ errorId }) => errorId)).to.deep.equal([]);
      } finally {
        await browser.close();
        await rm(profile, { recursive: true, force: true });
      }
    });

    it("opens offline after one visit: the shell, a plain offline message, and the balance once the network is back", async function () {
      const { page, context } = await web.open(web.walletUrl, PHONE);
      await restoreWallet(page, path.join(web.env.dir, "person.json"), PASSWORD);
      await page.waitForFunction("navigator.serviceWorker.controller !== null", undefined, { timeout: 30_000 });
      await page.waitForFunction(
        "caches.match(new URL('currency.json', location.href).href).then((cached) => cached !== undefined)",
        undefined,
        { timeout: 30_000, polling: 250 },
      );

      // A page the worker serves from its cache (offline) is no longer in the loopback address space for
      // Chromium, which then asks the member before letting it reach a node on 127.0.0.1 once back online (the
      // devnet's; a public node is not concerned): granted here as the member would.
      await context.grantPermissions(["local-network-access"], { origin: new URL(web.walletUrl).origin });
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("heading", { name: "Ouvrir votre portefeuille" }).waitFor();
      await page.getByText("Hors ligne : le solde et les paiements reviendront avec le réseau.").waitFor();
      await expectAccessible(page, "wallet offline");

      await page.getByLabel("Mot de passe du portefeuille").fill(PASSWORD);
      await page.getByRole("button", { name: "Ouvrir", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "Le serveur de la monnaie ne répond pas" }).waitFor({
        timeout: 30_000,
      });
      await context.setOffline(false);
      await page.getByRole("button", { name: "Réessayer" }).click();
      await page.getByText(onScreen(await balanceOf(keys.person.address))).waitFor({ timeout: 30_000 });
      expect(await page.getByText("Hors ligne").count()).to.equal(0);
    });
  });
});

/** Every wallet the page's origin keeps in its storage, by storage key. */
function storedWallets(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith("komuno.wallet."))
        .map((key) => [key, localStorage.getItem(key)!]),
    ),
  );
}

/** The text of the element that has the focus. */
function focusedText(page: Page): Promise<string | undefined> {
  return page.evaluate("document.activeElement?.textContent?.trim()");
}

/** The text of a QR code on screen, read from a picture of it as a phone's camera would. */
async function decodeQr(page: Page, element: Locator): Promise<string | undefined> {
  const png = (await element.screenshot()).toString("base64");
  // Browser code as text: the tests' TypeScript has no DOM types.
  const { width, height, pixels } = (await page.evaluate(`(async () => {
    const image = new Image();
    image.src = "data:image/png;base64,${png}";
    await image.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    return { width: canvas.width, height: canvas.height, pixels: Array.from(data) };
  })()`)) as { width: number; height: number; pixels: number[] };
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data;
}

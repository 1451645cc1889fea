import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { keccak256 } from "ethers";
import type { Locator, Page } from "playwright-core";

import { audit } from "../../sdk/actions/audit/audit.js";
import { getPaymentPolicy } from "../../sdk/actions/policy/getPaymentPolicy.js";
import { paymentFee } from "../../sdk/actions/policy/setPaymentFees.js";
import { getBackingStatus } from "../../sdk/actions/reserve/getBackingStatus.js";
import { createKomunoClient } from "../../sdk/client.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { csvSpellings } from "../helpers/csvSpellings.js";
import { keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { restoreWallet } from "../helpers/memberWallet.js";
import { DESK, expectAccessible, PHONE, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// The whole story (#14), through the screens as the people of an association use them, in Chromium
// against a devnet currency: the board raises the treasurer's allowance and sets a fee, the auditor attests the
// reserve; a member creates a wallet on a phone and restores it on another; the member manager admits the member
// and a business; the treasurer mints their deposits, the same deposit arriving twice and minted once; the
// member pays the business by its QR code, then a payment request; the business reconverts, the treasurer
// settles; the audit agrees with the chain. Test code reads the chain only to check what the screens did.

const MEMBER_PASSWORD = "ruche-de-printemps";
const FEE_TO_BUSINESS_BPS = 150;

const MEMBER_DEPOSIT = 12_000n;
const BUSINESS_DEPOSIT = 8_000n;
const QR_PAYMENT = 2_400n;
const REQUESTED = 1_000n;
const RECONVERTED = 5_000n;
const COMMISSION = (RECONVERTED * 200n) / 10_000n; // the test currency's 2 % reconversion commission
const RESERVE = 1_000_000n;
const ALLOWANCE = 500_000n;

/** An amount of the currency as the French screens write it: "1 234,50 TEST", "−0,36 TEST" (a minus sign). */
const money = (cents: bigint): string =>
  cents < 0n
    ? `−${money(-cents)}`
    : `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2 }).format(decimal(cents))}\u00a0TEST`;
/** Euros as the French screens write them: "1 234,50 €". */
const euros = (cents: bigint) =>
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(decimal(cents));
const decimal = (cents: bigint) =>
  `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}` as Intl.StringNumericLiteral;

/** What a person reads in the element, every kind of space (Intl's narrow and non-breaking ones) as a plain one. */
const read = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, " ");
const plain = (text: string) => text.replace(/\s+/g, " ");

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

describe("the issue's story, end to end through the screens", function () {
  let web: WebWallet;
  let chain: ReturnType<typeof createKomunoClient>;
  const supply = () => chain.currency.totalSupply();
  const balanceOf = (account: string) => chain.currency.balanceOf(account);

  // Shared along the story, as the people keep their devices open.
  let memberAddress: string;
  let backupFile: string;
  let member: Page;
  let shop: Page;
  let treasurer: { page: Page; main: Locator };

  before(async function () {
    this.timeout(180_000);
    web = await startWebWallet({ code: "e2e-web-journey" });
    const record = JSON.parse(await readFile(web.env.record, "utf8"));
    chain = createKomunoClient({ provider: createRpcProvider(web.env.node.url), currency: record });
  });

  after(async function () {
    await web?.close();
  });

  /** A volunteer's desk (its own browser profile) on a back office tab, with the role's key opened when given. */
  async function openDesk(tab: string, role?: "governor" | "auditor" | "manager" | "treasurer") {
    const { page } = await web.open(web.officeUrl, DESK);
    await page.getByRole("navigation", { name: "Rôles" }).getByRole("link", { name: tab, exact: true }).click();
    const main = page.getByRole("main");
    // The tab's own screen shown (the others stay mounted, hidden), before anything is done on it.
    await main.getByRole("heading", { level: 1, name: tab, exact: true }).waitFor();
    if (role !== undefined) {
      await main.getByLabel("Fichier keystore (JSON)").setInputFiles(path.join(web.env.dir, `${role}.json`));
      await main.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
      await main.getByRole("button", { name: "Ouvrir", exact: true }).click();
      await main.getByText(/^Clé ouverte/).waitFor({ timeout: 30_000 });
    }
    return { page, main };
  }

  /** A phone's wallet screen, from its menu. */
  const go = (page: Page, screen: string) =>
    page
      .getByRole("navigation", { name: "Menu du portefeuille" })
      .getByRole("link", { name: screen, exact: true })
      .click();

  it("1. the board raises the treasurer's allowance and sets the fee to businesses; the auditor attests the reserve", async function () {
    const { page, main } = await openDesk("Gouvernance", "governor");
    // Delay 0: the board's screen says the operation applies on confirmation, and nothing is left waiting.
    const allowance = main.getByRole("region", { name: "Autorisation d'émission d'un trésorier" });
    await allowance.getByLabel("Adresse du trésorier").fill(keys.treasurer.address);
    await allowance.getByLabel("Augmenter").check();
    await allowance.getByLabel("Montant en euros").fill("5000,00");
    await allowance.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    const review = allowance.getByRole("group", { name: "Ce qui sera programmé" });
    const raised = `Augmenter de ${euros(ALLOWANCE)} l'autorisation d'émission du trésorier ${keys.treasurer.address}`;
    expect(await review.textContent())
      .to.include(raised)
      .and.include("tout de suite (la monnaie n'a pas de délai)");
    await review.getByRole("button", { name: "Appliquer l'opération" }).click();
    await allowance
      .getByRole("status")
      .filter({ hasText: `Appliquée : ${raised}` })
      .waitFor({ timeout: 30_000 });
    expect(await chain.currency.mintAllowance(keys.treasurer.address)).to.equal(ALLOWANCE);

    const fees = main.getByRole("region", { name: "Frais sur les paiements" });
    await fees.getByText("Aujourd'hui : 0,00 %").first().waitFor();
    await fees.getByLabel("Frais sur les paiements aux entreprises (%)").fill("1,50");
    await fees.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    await fees
      .getByRole("group", { name: "Ce qui sera programmé" })
      .getByText(/1,50\s%/)
      .waitFor();
    await expectAccessible(page, "journey: governance review");
    await screenshot(page, "journey-governance");
    await fees.getByRole("button", { name: "Appliquer l'opération" }).click();
    await fees.getByRole("status").filter({ hasText: "Appliquée : Fixer les frais de paiement" }).waitFor({
      timeout: 30_000,
    });
    expect((await getPaymentPolicy(chain)).fees).to.include({ business: FEE_TO_BUSINESS_BPS, person: 0 });
    await main.getByRole("button", { name: "Actualiser" }).click();
    await main.getByText("Aucune opération en attente.").waitFor();

    // The auditor, at another desk: the fund's balance with the bank's statement as evidence.
    const auditor = await openDesk("Audit", "auditor");
    const statement = Buffer.from("Date;Libellé;Débit;Crédit\r\n30/11/2026;SOLDE DU FONDS DE GARANTIE;;10000,00\r\n");
    await auditor.main.getByLabel("Solde du fonds en euros").fill("10000,00");
    await auditor.main
      .getByLabel("Preuve (relevé ou rapport)")
      .setInputFiles({ name: "releve-fonds.csv", mimeType: "text/csv", buffer: statement });
    await auditor.main.getByText(`Preuve : releve-fonds.csv, empreinte ${keccak256(statement)}`).waitFor();
    await auditor.main.getByRole("button", { name: "Vérifier avant d'attester" }).click();
    const attest = auditor.main.getByRole("group", { name: "Ce qui sera enregistré sur la chaîne" });
    expect(await attest.textContent())
      .to.include(euros(RESERVE))
      .and.include("releve-fonds.csv");
    await expectAccessible(auditor.page, "journey: attestation review");
    await attest.getByRole("button", { name: `Attester une réserve de ${euros(RESERVE)}` }).click();
    await auditor.main
      .getByRole("status")
      .filter({ hasText: `Réserve de ${euros(RESERVE)} attestée` })
      .waitFor({ timeout: 30_000 });
    await screenshot(auditor.page, "journey-attest");
    const backing = await getBackingStatus(chain);
    expect(backing.attestedReserve).to.equal(RESERVE);
    expect(backing.evidenceHash).to.equal(keccak256(statement));
    expect(backing.auditor).to.equal(keys.auditor.address);
  });

  it("2. a member creates a wallet on a phone, downloads its backup, and restores it on a new phone", async function () {
    const { page: oldPhone } = await web.open(web.walletUrl, PHONE);
    await oldPhone.getByRole("button", { name: "Créer un portefeuille" }).click();
    await oldPhone.getByText("au moins 10 caractères, pas seulement des chiffres").waitFor();
    await oldPhone.getByLabel("Nouveau mot de passe").fill("abeille");
    await oldPhone.getByLabel("Répétez le mot de passe").fill("abeille");
    await oldPhone.getByRole("button", { name: "Créer le portefeuille" }).click();
    await oldPhone.getByRole("alert").filter({ hasText: "Mot de passe trop court" }).waitFor();
    await oldPhone.getByLabel("Nouveau mot de passe").fill(MEMBER_PASSWORD);
    await oldPhone.getByLabel("Répétez le mot de passe").fill(MEMBER_PASSWORD);
    await oldPhone.getByRole("button", { name: "Créer le portefeuille" }).click();
    await oldPhone.getByRole("heading", { name: "Portefeuille créé" }).waitFor({ timeout: 60_000 });
    const shown = /0x[0-9a-fA-F]{40}/.exec(await oldPhone.getByText("Votre adresse :").innerText())?.[0];
    expect(shown).to.be.a("string");

    const [download] = await Promise.all([
      oldPhone.waitForEvent("download"),
      oldPhone.getByRole("button", { name: "Télécharger la sauvegarde" }).click(),
    ]);
    backupFile = path.join(web.env.dir, download.suggestedFilename());
    await download.saveAs(backupFile);
    // The backup is the keystore of the address the phone showed (read without its password).
    memberAddress = shown!;
    expect(JSON.parse(await readFile(backupFile, "utf8")).address.toLowerCase()).to.equal(
      memberAddress.slice(2).toLowerCase(),
    );
    expect(download.suggestedFilename()).to.equal(`TEST-${memberAddress}.json`);
    await oldPhone.context().close();

    // A new phone: a fresh profile, the wallet restored from the backup file and its password.
    member = (await web.open(web.walletUrl, PHONE)).page;
    await restoreWallet(member, backupFile, MEMBER_PASSWORD);
    await member.getByRole("heading", { name: "Pas encore admis" }).waitFor({ timeout: 30_000 });
    await member.getByText(memberAddress, { exact: true }).waitFor();
    await expectAccessible(member, "journey: restored, not admitted yet");
    await screenshot(member, "journey-restored");
  });

  it("3. the member manager admits the member and the business, whose phones then show an active account", async function () {
    const { page, main } = await openDesk("Membres", "manager");
    // The address the member's phone shows, as the member hands it over.
    const address = (await member.getByText(/^0x[0-9a-fA-F]{40}$/).innerText()).trim();
    expect(address).to.equal(memberAddress);
    const admit = async (account: string, kind: "Particulier" | "Entreprise") => {
      await main.getByLabel("Adresse du compte (0x…)").first().fill(account);
      await main.getByRole("radio", { name: kind }).check();
      await main.getByRole("button", { name: `Admettre ce compte comme ${kind.toLowerCase()}` }).click();
      await main.getByText(`Compte ${account} admis comme ${kind}.`).waitFor({ timeout: 30_000 });
    };
    await admit(address, "Particulier");
    await admit(keys.business.address, "Entreprise");
    await expectAccessible(page, "journey: members");
    await screenshot(page, "journey-members");
    expect(await chain.members.getMember({ account: memberAddress })).to.include({ kind: "person", status: "active" });
    expect(await chain.members.getMember({ account: keys.business.address })).to.include({
      kind: "business",
      status: "active",
    });

    // The member's phone, back on its balance; the business opens its wallet from its backup.
    await go(member, "Historique");
    await go(member, "Solde");
    await member.getByText("Compte actif.").waitFor();
    shop = (await web.open(web.walletUrl, PHONE)).page;
    await restoreWallet(shop, path.join(web.env.dir, "business.json"), PASSWORD);
    await shop.getByText("Compte professionnel actif.").waitFor();
  });

  it("4. the treasurer mints the deposits; the same deposit in another spelling is flagged and minted once", async function () {
    treasurer = await openDesk("Trésorerie", "treasurer");
    const { page, main } = treasurer;
    await main.getByText("Autorisation d'émission restante").waitFor();
    expect(await read(main.locator("dl"))).to.include(`Autorisation d'émission restante ${plain(money(ALLOWANCE))}`);

    const header = ["to", "amount", "ref"] as const;
    const memberRow = [memberAddress, "120.00", "VIR-2026-0001"];
    const businessRow = [keys.business.address, "80.00", "VIR-2026-0002"];
    const spelling = (rows: string[][], name: string) =>
      csvSpellings(header, rows, "ref").find((s) => s.name.startsWith(name))!.text;
    // The bank's first file: plain, nothing quoted.
    const first = spelling([memberRow, businessRow], "unquoted");
    expect(first).not.to.include('"');
    await main.getByLabel("Fichier des dépôts (CSV)").setInputFiles(csvFile("depots-novembre.csv", first));
    const table = (file: string) => main.getByRole("table", { name: `Vérification de ${file}` });
    const row = (file: string, line: number) =>
      table(file)
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: String(line), exact: true }) });
    const mint = main.getByRole("button", { name: `Émettre 2 dépôt(s) (total ${euros(20_000n)})` });
    await mint.waitFor();
    expect(await read(row("depots-novembre.csv", 2)))
      .to.include("VIR-2026-0001")
      .and.include("À émettre");
    expect(await read(row("depots-novembre.csv", 3)))
      .to.include("VIR-2026-0002")
      .and.include("À émettre");
    await expectAccessible(page, "journey: treasurer check");
    const supplyBefore = await supply();
    await mint.click();
    await main.getByText(`Émis : 2 dépôt(s), ${euros(20_000n)}`).waitFor({ timeout: 60_000 });
    await screenshot(page, "journey-office-mint");
    expect(await supply()).to.equal(supplyBefore + MEMBER_DEPOSIT + BUSINESS_DEPOSIT);
    expect(await balanceOf(memberAddress)).to.equal(MEMBER_DEPOSIT);
    expect(await balanceOf(keys.business.address)).to.equal(BUSINESS_DEPOSIT);

    // The same member's deposit again, as Excel's French export writes it: every field quoted, ";", BOM, CRLF.
    const again = spelling([memberRow], "Excel's French export");
    expect(again).to.include('"VIR-2026-0001"').and.include('"120.00"');
    await main.getByLabel("Fichier des dépôts (CSV)").setInputFiles(csvFile("depots-export.csv", again));
    await main.getByText("Tout ce fichier est déjà émis : il n'y a rien à envoyer.").waitFor();
    expect(await read(row("depots-export.csv", 2)))
      .to.include("VIR-2026-0001")
      .and.include("Déjà émis");
    expect(await main.getByRole("button", { name: /^Émettre/ }).count()).to.equal(0);
    await expectAccessible(page, "journey: treasurer, already minted");
    await screenshot(page, "journey-office-duplicate");
    expect(await supply()).to.equal(supplyBefore + MEMBER_DEPOSIT + BUSINESS_DEPOSIT);
    expect(await balanceOf(memberAddress)).to.equal(MEMBER_DEPOSIT);

    await go(member, "Historique");
    await go(member, "Solde");
    await member.getByText(money(MEMBER_DEPOSIT)).waitFor();
  });

  it("5. the member pays the business by a picture of its QR code, the fee shown before paying", async function () {
    const fee = paymentFee(QR_PAYMENT, FEE_TO_BUSINESS_BPS);
    await go(shop, "Recevoir");
    await shop.getByLabel("Montant demandé (facultatif)").fill("24,00");
    await shop.getByLabel("Message pour le payeur (facultatif)").fill("Panier de légumes");
    await shop.getByRole("heading", { name: `Demande de paiement de ${money(QR_PAYMENT)}` }).waitFor();
    const qr = shop.getByRole("img", { name: "QR code de la demande de paiement" });
    await expectAccessible(shop, "journey: receive");
    await screenshot(shop, "journey-receive");
    const picture = path.join(web.env.dir, "shop-qr.png");
    await qr.screenshot({ path: picture });

    const before = await balances();
    await go(member, "Payer");
    await member.getByLabel("Photo ou image d'un QR code").setInputFiles(picture);
    await member.waitForFunction('document.getElementById("pay-amount").value !== ""');
    expect(await member.getByLabel("Montant", { exact: true }).inputValue()).to.equal("24,00");
    await member.getByText("Panier de légumes").waitFor();
    await member.getByRole("button", { name: "Vérifier le paiement" }).click();
    await member.getByRole("heading", { name: "Vérifiez le paiement" }).waitFor();
    await member.getByText(keys.business.address).waitFor();
    await member.getByText(`${money(fee)} (1,5 %)`).waitFor();
    await member.getByText(money(QR_PAYMENT - fee)).waitFor();
    await member.getByText(money(before.member - QR_PAYMENT)).waitFor();
    expect(await balances()).to.deep.equal(before);
    await expectAccessible(member, "journey: pay confirmation");
    await screenshot(member, "journey-pay-confirm");

    await member.getByRole("button", { name: `Payer ${money(QR_PAYMENT)}` }).click();
    await member.getByRole("heading", { name: "Paiement effectué" }).waitFor({ timeout: 30_000 });
    await member.getByText(`Frais : ${money(fee)}`).waitFor();
    await screenshot(member, "journey-paid");
    const after = await balances();
    expect(after.member).to.equal(before.member - QR_PAYMENT);
    expect(after.business).to.equal(before.business + QR_PAYMENT - fee);
    expect(after.association).to.equal(before.association + fee);
  });

  it("6. the business finds the payment in its history; the member's history names the fee", async function () {
    const fee = paymentFee(QR_PAYMENT, FEE_TO_BUSINESS_BPS);
    await go(shop, "Historique");
    const rows = shop.getByRole("table").getByRole("row");
    await rows.nth(2).waitFor({ timeout: 30_000 });
    const texts = (await rows.allInnerTexts()).map(plain);
    // The header, then newest first: the payment received (net of the fee, which it names), then the deposit.
    expect(texts).to.have.length(3);
    expect(texts[1])
      .to.include("Paiement reçu")
      .and.include(`${plain(money(QR_PAYMENT))} payés, frais de ${plain(money(fee))} déduits`)
      .and.include(`+${plain(money(QR_PAYMENT - fee))}`)
      .and.include(`${memberAddress.slice(0, 6)}…${memberAddress.slice(-4)}`);
    expect(texts[2])
      .to.include("Dépôt d'euros : monnaie émise")
      .and.include(`+${plain(money(BUSINESS_DEPOSIT))}`);
    // The fee was taken from the payment before it reached the business: no line of its own, but named on the
    // payment's; the payer's history has it as a movement.
    await expectAccessible(shop, "journey: business history");
    await screenshot(shop, "journey-business-history");

    await go(member, "Historique");
    const paid = member.getByRole("table").getByRole("row");
    await paid.nth(3).waitFor({ timeout: 30_000 });
    const lines = (await paid.allInnerTexts()).map(plain);
    expect(lines[1])
      .to.include("Frais du paiement (versés à l'association)")
      .and.include(plain(money(-fee)));
    expect(lines[2])
      .to.include("Paiement envoyé")
      .and.include(plain(money(-(QR_PAYMENT - fee))));
  });

  it("7. the business requests a payment, the member pays it, the business sees it paid", async function () {
    const fee = paymentFee(REQUESTED, FEE_TO_BUSINESS_BPS);
    await go(shop, "Demandes");
    await shop.getByLabel("Adresse du payeur").fill(memberAddress);
    await shop.getByLabel("Montant demandé (TEST)").fill("10,00");
    await shop.getByLabel("Motif (facultatif, public)").fill("Commande 7");
    await shop.getByRole("button", { name: "Vérifier la demande" }).click();
    await shop.getByText(`Vous recevrez ${money(REQUESTED - fee)} quand elle sera payée.`).waitFor();
    await shop.getByRole("button", { name: `Envoyer la demande de ${money(REQUESTED)}` }).click();
    const made = shop.getByRole("article", { name: `Demande n° 1 : ${money(REQUESTED)}` });
    await made.getByText("En attente").waitFor({ timeout: 30_000 });

    const before = await balances();
    await go(member, "Demandes");
    const asked = member.getByRole("article", { name: `Demande n° 1 : ${money(REQUESTED)}` });
    await asked.getByText("Commande 7").waitFor({ timeout: 30_000 });
    await asked.getByRole("button", { name: "Payer…" }).click();
    await asked.getByText(`Frais prélevés pour l'association : ${money(fee)}.`).waitFor();
    await expectAccessible(member, "journey: request to pay");
    await screenshot(member, "journey-request");
    await asked.getByRole("button", { name: `Confirmer le paiement de ${money(REQUESTED)}` }).click();
    await member
      .getByRole("status")
      .filter({ hasText: `Demande n° 1 payée : ${money(REQUESTED)}.` })
      .waitFor({ timeout: 30_000 });

    await made.getByText("Payée").waitFor({ timeout: 30_000 });
    await screenshot(shop, "journey-request-paid");
    const after = await balances();
    expect(after.member).to.equal(before.member - REQUESTED);
    expect(after.business).to.equal(before.business + REQUESTED - fee);
    expect(after.association).to.equal(before.association + fee);
  });

  it("8. the business asks for a reconversion, the treasurer settles it with the payout reference, the business sees it settled", async function () {
    const net = RECONVERTED - COMMISSION;
    await go(shop, "Reconversion");
    await shop.getByLabel("Montant à reconvertir (TEST)").fill("50,00");
    await shop.getByRole("button", { name: "Calculer" }).click();
    await shop.getByText(`L'association vous virera ${euros(net)}.`).waitFor();
    const businessBefore = await balanceOf(keys.business.address);
    await shop.getByRole("button", { name: `Demander la reconversion de ${money(RECONVERTED)}` }).click();
    await shop.getByText("Demande n° 1 enregistrée : en attente du virement.").waitFor({ timeout: 30_000 });
    expect(await balanceOf(keys.business.address)).to.equal(businessBefore - RECONVERTED);

    const { page, main } = treasurer;
    const queue = main.getByRole("region", { name: "Reconversions en attente" });
    await queue.getByRole("button", { name: "Actualiser" }).click();
    await queue.getByText(`Total à virer : ${euros(net)} pour 1 demande(s)`).waitFor({ timeout: 30_000 });
    const supplyBefore = await supply();
    await queue.getByRole("button", { name: "Régler n° 1" }).click();
    await queue.getByText(`Virez ${euros(net)} à`).waitFor();
    await queue.getByLabel("Référence du virement bancaire").fill("VIR-OUT-2026-0001");
    await expectAccessible(page, "journey: settle a reconversion");
    await screenshot(page, "journey-office-settle");
    await queue.getByRole("button", { name: `Confirmer le règlement (${euros(net)} virés)` }).click();
    await main
      .getByText(`Demande n° 1 réglée : ${euros(net)} virés (référence VIR-OUT-2026-0001)`)
      .waitFor({ timeout: 30_000 });

    const request = shop.getByRole("row", { name: /N° 1/ });
    await request.getByText("Virée").waitFor({ timeout: 30_000 });
    expect(plain(await request.innerText())).to.include(plain(euros(net)));
    await expectAccessible(shop, "journey: reconversion settled");
    await screenshot(shop, "journey-reconversion");
    // The settlement burns the net payout; the commission stays in circulation, on the association's account.
    expect(await supply()).to.equal(supplyBefore - net);
    expect((await chain.treasury.listReconversions()).map((r) => [r.id, r.status])).to.deep.equal([[1n, "settled"]]);
  });

  it("9. the audit, open to anyone without a key, shows the supply and reserve the chain has, and a consistent chain", async function () {
    const expected = await audit(chain);
    const backing = await getBackingStatus(chain);
    expect(expected.consistent).to.equal(true);
    expect(expected.onChain.totalSupply).to.equal(await supply());
    expect(expected.onChain.totalSupply).to.equal(MEMBER_DEPOSIT + BUSINESS_DEPOSIT - (RECONVERTED - COMMISSION));
    expect(backing.supply).to.equal(expected.onChain.totalSupply);
    expect(expected.reserve.reserve).to.equal(backing.attestedReserve - backing.burnedSinceAttestation);
    expect(backing.fullyBacked).to.equal(true);

    const { page, main } = await openDesk("Audit");
    await main.getByText("Cohérente : la chaîne concorde avec ses événements.").waitFor({ timeout: 60_000 });
    const figure = async (term: string) =>
      plain(await main.getByRole("term").filter({ hasText: term }).locator("xpath=..").innerText());
    expect(await figure("Masse monétaire")).to.include(plain(euros(expected.onChain.totalSupply)));
    expect(await figure("Réserve attestée")).to.include(plain(euros(expected.onChain.attestedReserve)));
    expect(await figure("Réserve aujourd'hui")).to.include(plain(euros(expected.reserve.reserve)));
    expect(expected.onChain.attestedReserve).to.equal(RESERVE);
    await main.getByText("Entièrement couverte par la réserve.").waitFor();
    await main.getByRole("img", { name: /^Masse monétaire et réserve dans le temps/ }).waitFor();
    await expectAccessible(page, "journey: audit");
    await screenshot(page, "journey-audit");
  });

  async function balances() {
    const [memberBalance, business, association] = await Promise.all(
      [memberAddress, keys.business.address, keys.association.address].map(balanceOf),
    );
    return { member: memberBalance!, business: business!, association: association! };
  }
});

import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { Wallet } from "ethers";
import type { Locator, Page } from "playwright-core";

import { createKomunoClient } from "../../sdk/client.js";
import { createRpcProvider } from "../../sdk/provider.js";
import type { CliResult } from "../helpers/cli.js";
import { admitAndFund, keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { DESK, expectAccessible, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// The back office's treasurer and member manager, in Chromium at a desk's size, against a devnet currency: what a
// volunteer sees before anything is sent, and what the chain holds after.

/** Whether the keyboard's focus is on the element. */
const isFocused = (locator: Locator) =>
  locator.evaluate((element) => (element as unknown as { matches(selector: string): boolean }).matches(":focus"));

/** What a person reads in the element, every kind of space (Intl's narrow and non-breaking ones) as a plain one. */
const read = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, " ");

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

describe("back office: treasurer and member manager", function () {
  let web: WebWallet;
  let chain: ReturnType<typeof createKomunoClient>;

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-treasury" });
    const ok = (result: CliResult) => expect(result.code, result.stderr).to.equal(0);
    // The reserve attested and the allowance raised by the auditor and the governor, through the CLI.
    await admitAndFund(web.env, [
      { address: keys.person.address, kind: "person", euros: "50.00" },
      { address: keys.business.address, kind: "business", euros: "500.00" },
    ]);
    for (const euros of ["100.00", "40.00", "20.00"]) {
      ok(await web.env.cli(["reconversion", "request", euros], "business"));
    }
    const record = JSON.parse(await readFile(web.env.record, "utf8"));
    chain = createKomunoClient({ provider: createRpcProvider(web.env.node.url), currency: record });
  });

  after(async function () {
    await web?.close();
  });

  /** Opens a role's desk with its keystore file and password, through the shared way a role opens its key. */
  async function openDesk(tab: string, role: "treasurer" | "manager"): Promise<{ page: Page; main: Locator }> {
    const { page } = await web.open(`${web.officeUrl}#/${tab}`, DESK);
    const main = page.getByRole("main");
    await main.getByLabel("Fichier keystore (JSON)").setInputFiles(path.join(web.env.dir, `${role}.json`));
    await main.getByLabel("Mot de passe").fill(PASSWORD);
    await main.getByRole("button", { name: "Ouvrir", exact: true }).click();
    await main.getByText("Clé ouverte").waitFor({ timeout: 30_000 });
    return { page, main };
  }

  const supply = () => chain.currency.totalSupply();
  const balanceOf = (account: string) => chain.currency.balanceOf(account);

  it("flags a duplicate and a malformed deposit before sending; mints the fixed file by keyboard; mints nothing twice", async function () {
    const { page, main } = await openDesk("treasurer", "treasurer");
    await main.getByText("Autorisation d'émission restante").waitFor();
    const status = await read(main.locator("dl"));
    expect(status).to.include("Autorisation d'émission restante 99 450,00 TEST");
    expect(status).to.include("Réserve en euros attestée 100 000,00 €");
    expect(status).to.include("Reste émissible sous la réserve 99 450,00 TEST");
    const supplyBefore = await supply();
    const [personBefore, businessBefore] = [
      await balanceOf(keys.person.address),
      await balanceOf(keys.business.address),
    ];

    // A file without the deposit columns: said plainly, nothing read further.
    await main
      .getByLabel("Fichier des dépôts (CSV)")
      .setInputFiles(csvFile("releve.csv", "date;montant\n02/11;12,50\n"));
    await main.getByRole("alert").filter({ hasText: "releve.csv n'est pas un fichier de dépôts lisible" }).waitFor();

    // The same deposit twice, quoted then not, and an amount written with a comma: all flagged, by line.
    const bad = [
      "to;amount;ref",
      `${keys.person.address};12.50;"DEP-1"`,
      `${keys.business.address};25.00;DEP-2`,
      `${keys.person.address};12.50;DEP-1`,
      `${keys.business.address};7,50;DEP-3`,
    ].join("\r\n");
    await main.getByLabel("Fichier des dépôts (CSV)").setInputFiles(csvFile("depots.csv", bad));
    await main.getByRole("heading", { name: "Vérification de depots.csv" }).waitFor();
    const row = (line: number) =>
      main
        .getByRole("table", { name: "Vérification de depots.csv" })
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: String(line), exact: true }) });
    expect(await read(row(2))).to.include("À émettre");
    expect(await read(row(3))).to.include("À émettre");
    expect(await read(row(4)))
      .to.include("En double dans le fichier")
      .and.include("DEP-1");
    expect(await read(row(5)))
      .to.include("Ligne invalide")
      .and.include("7,50")
      .and.include("DEP-3");
    expect(await read(main.getByRole("alert")))
      .to.include("2 problème(s)")
      .and.include("Rien n'a été envoyé");
    expect(await main.getByRole("button", { name: /^Émettre/ }).count()).to.equal(0);
    expect(await supply()).to.equal(supplyBefore);
    await expectAccessible(page, "treasurer pre-flight");
    await screenshot(page, "office-treasurer-preflight");

    // Fixed, then minted with the keyboard alone: the check's heading takes the focus, Tab reaches the button.
    const fixed = [
      "to;amount;ref",
      `${keys.person.address};12.50;"DEP-1"`,
      `${keys.business.address};25.00;DEP-2`,
      `${keys.business.address};7.50;DEP-3`,
    ].join("\r\n");
    await main.getByLabel("Fichier des dépôts (CSV)").setInputFiles(csvFile("depots.csv", fixed));
    const mintButton = main.getByRole("button", { name: "Émettre 3 dépôt(s) (total 45,00 €)" });
    await mintButton.waitFor();
    expect(await read(row(4))).to.include("À émettre");
    expect(await main.getByText(/Autorisation : 99\s450,00\sTEST maintenant, 99\s405,00\sTEST après/).count()).to.equal(
      1,
    );
    for (let presses = 0; presses < 10 && !(await isFocused(mintButton)); presses++) {
      await page.keyboard.press("Tab");
    }
    expect(await isFocused(mintButton)).to.equal(true);
    await page.keyboard.press("Enter");
    await main.getByText("Émis : 3 dépôt(s), 45,00 €").waitFor({ timeout: 60_000 });
    expect(await supply()).to.equal(supplyBefore + 4_500n);
    expect(await balanceOf(keys.person.address)).to.equal(personBefore + 1_250n);
    expect(await balanceOf(keys.business.address)).to.equal(businessBefore + 3_250n);
    await main.getByText(/^595,00\sTEST$/).waitFor();
    await expectAccessible(page, "treasurer minted");
    await screenshot(page, "office-treasurer-minted");

    // The same file again: every row shown as already minted, nothing to send, nothing minted twice.
    await main.getByLabel("Fichier des dépôts (CSV)").setInputFiles(csvFile("depots.csv", fixed));
    await main.getByText("Tout ce fichier est déjà émis : il n'y a rien à envoyer.").waitFor();
    for (const line of [2, 3, 4]) expect(await read(row(line))).to.include("Déjà émis");
    expect(await main.getByRole("button", { name: /^Émettre/ }).count()).to.equal(0);
    expect(await supply()).to.equal(supplyBefore + 4_500n);
  });

  it("reads a file dropped on the zone; says plainly when the key is not the treasurer's, or when the node does not answer, and sends nothing", async function () {
    const { page, main } = await openDesk("treasurer", "manager");
    const file = csvFile("depots-2.csv", `to,amount,ref\n${keys.person.address},1.00,DEP-9\n`);
    const supplyBefore = await supply();
    // Dropped on the zone with the mouse, as a volunteer drags it from the bank's download folder.
    const dropped = await page.evaluateHandle((text) => {
      // The browser's own classes (this test compiles without the DOM's types).
      const browser = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new browser.DataTransfer();
      transfer.items.add(new browser.File([text], "depots-2.csv", { type: "text/csv" }));
      return transfer;
    }, file.buffer.toString("utf8"));
    await main
      .getByText("Déposez le fichier ici, ou choisissez-le :")
      .first()
      .dispatchEvent("drop", { dataTransfer: dropped });
    await main.getByRole("heading", { name: "Vérification de depots-2.csv" }).waitFor();
    const refused = main.getByRole("alert").filter({ hasText: "Cette clé n'est pas celle du trésorier." });
    await refused.waitFor();
    expect(await read(refused)).to.include("Rien n'a été envoyé");
    expect(await main.getByRole("button", { name: /^Émettre/ }).count()).to.equal(0);

    // The node gone, as the browser sees it: every call to it fails.
    const node = new URL(web.env.node.url).origin;
    await page.context().route(
      (url) => url.origin === node,
      (route) => route.abort(),
    );
    await main.getByLabel("Fichier des dépôts (CSV)").setInputFiles(file);
    await main
      .getByRole("alert")
      .filter({ hasText: "Le serveur de la monnaie ne répond pas" })
      .waitFor({ timeout: 30_000 });
    expect(await supply()).to.equal(supplyBefore);
  });

  it("lists the reconversions to wire; settles one with its payout reference, refuses a reused or empty one, rejects another; reads in English too", async function () {
    const { page, main } = await openDesk("treasurer", "treasurer");
    // 2 % commission: 100.00 wires 98.00, 40.00 wires 39.20, 20.00 wires 19.60.
    await main.getByText("Total à virer : 156,80 € pour 3 demande(s)").waitFor();
    const request = (id: number) =>
      main
        .getByRole("table", { name: "Demandes de reconversion en attente" })
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: String(id), exact: true }) });
    expect(await read(request(1)))
      .to.include("100,00")
      .and.include("2,00")
      .and.include("98,00 €");
    await expectAccessible(page, "reconversions");
    await screenshot(page, "office-reconversions");
    const business = await balanceOf(keys.business.address);
    const supplyBefore = await supply();

    await main.getByRole("button", { name: "Régler n° 1" }).click();
    await main.getByText("Virez 98,00 € à").waitFor();
    await main.getByLabel("Référence du virement bancaire").fill("VIR-OUT-1");
    await main.getByRole("button", { name: "Confirmer le règlement (98,00 € virés)" }).click();
    await main.getByText("Demande n° 1 réglée : 98,00 € virés (référence VIR-OUT-1)").waitFor({ timeout: 30_000 });
    await main.getByText("Total à virer : 58,80 € pour 2 demande(s)").waitFor();

    await main.getByRole("button", { name: "Régler n° 2" }).click();
    await main.getByLabel("Référence du virement bancaire").fill("VIR-OUT-1");
    await main.getByRole("button", { name: /Confirmer le règlement/ }).click();
    await main.getByRole("alert").filter({ hasText: "Cette référence de virement a déjà servi" }).waitFor();
    await main.getByLabel("Référence du virement bancaire").fill("   ");
    await main.getByRole("button", { name: /Confirmer le règlement/ }).click();
    await main.getByRole("alert").filter({ hasText: "Référence invalide" }).waitFor();

    await main.getByRole("button", { name: "Refuser n° 3" }).click();
    await main.getByRole("button", { name: /Confirmer le refus/ }).click();
    await main.getByRole("alert").filter({ hasText: "Écrivez le motif du refus" }).waitFor();
    await main.getByLabel("Motif du refus").fill("IBAN du compte incorrect");
    await main.getByRole("button", { name: /Confirmer le refus/ }).click();
    await main.getByText("Demande n° 3 refusée").waitFor({ timeout: 30_000 });
    await main.getByText("Total à virer : 39,20 € pour 1 demande(s)").waitFor();
    // The same desk in English.
    await page.getByLabel("Langue").selectOption("en");
    await main.getByRole("heading", { name: "Pending reconversions" }).waitFor();
    expect(await read(main.getByText(/^Total to wire:/))).to.equal("Total to wire: €39.20 for 1 request(s)");

    const statuses = (await chain.treasury.listReconversions()).map((r) => [r.id, r.status]);
    expect(statuses).to.deep.equal([
      [1n, "settled"],
      [2n, "pending"],
      [3n, "rejected"],
    ]);
    // The settlement burned the net payout; the rejection gave the 20.00 back to the business.
    expect(await supply()).to.equal(supplyBefore - 9_800n);
    expect(await balanceOf(keys.business.address)).to.equal(business + 2_000n);
  });

  it("admits one member and a file of two, freezes and unfreezes one, proposes a recovery, and refuses to close an account that is not empty", async function () {
    const { page, main } = await openDesk("members", "manager");
    const [one, two, three] = [
      Wallet.createRandom().address,
      Wallet.createRandom().address,
      Wallet.createRandom().address,
    ];

    await main.getByLabel("Adresse du compte (0x…)").first().fill("0x1234");
    await main.getByRole("button", { name: /Admettre ce compte/ }).click();
    await main.getByRole("alert").filter({ hasText: "Adresse invalide" }).waitFor();
    await main.getByLabel("Adresse du compte (0x…)").first().fill(one);
    await main.getByRole("radio", { name: "Entreprise" }).check();
    await main.getByRole("button", { name: "Admettre ce compte comme entreprise" }).click();
    await main.getByText(`Compte ${one} admis comme Entreprise.`).waitFor({ timeout: 30_000 });
    expect(await chain.members.getMember({ account: one })).to.include({ kind: "business", status: "active" });
    await main.getByLabel("Adresse du compte (0x…)").first().fill(one);
    await main.getByRole("button", { name: /Admettre ce compte/ }).click();
    await main.getByRole("alert").filter({ hasText: "Ce compte est déjà membre (Entreprise, actif)" }).waitFor();

    await main
      .getByLabel("Fichier des membres (CSV)")
      .setInputFiles(csvFile("membres.csv", `address,kind\n${two},person\n"${three}";Business\n`));
    await main.getByRole("alert").filter({ hasText: "1 problème(s)" }).waitFor();
    await main
      .getByLabel("Fichier des membres (CSV)")
      .setInputFiles(csvFile("membres.csv", `address,kind\n${two},person\n"${three}",Business\n`));
    const admit = main.getByRole("button", { name: "Admettre 2 compte(s)" });
    await admit.waitFor();
    expect(await main.getByRole("cell", { name: "À admettre" }).count()).to.equal(2);
    await admit.click();
    await main.getByText("Admis : 2 compte(s) en 1 transaction(s)").waitFor({ timeout: 30_000 });
    expect(await chain.members.getMember({ account: two })).to.include({ kind: "person", status: "active" });
    expect(await chain.members.getMember({ account: three })).to.include({ kind: "business", status: "active" });

    const lookUp = async (account: string) => {
      await main.getByLabel("Adresse du compte (0x…)").nth(1).fill(account);
      await main.getByRole("button", { name: "Consulter" }).click();
    };
    await lookUp(two);
    await main.getByText("Geler : le compte ne peut plus ni payer ni recevoir").waitFor();
    await main.getByRole("button", { name: "Geler", exact: true }).click();
    await main.getByRole("button", { name: `Confirmer : Geler ${two}` }).click();
    await main.getByText("C'est fait : le compte est maintenant gelé.").waitFor({ timeout: 30_000 });
    expect((await chain.members.getMember({ account: two })).status).to.equal("frozen");
    await expectAccessible(page, "members");
    await screenshot(page, "office-members");
    await main.getByRole("button", { name: "Dégeler", exact: true }).click();
    await main.getByRole("button", { name: `Confirmer : Dégeler ${two}` }).click();
    await main.getByText("C'est fait : le compte est maintenant actif.").waitFor({ timeout: 30_000 });
    expect((await chain.members.getMember({ account: two })).status).to.equal("active");

    // A lost key: its account frozen, the recovery to the member's new account proposed, pending its delay.
    await lookUp(three);
    await main.getByRole("button", { name: "Geler", exact: true }).click();
    await main.getByRole("button", { name: `Confirmer : Geler ${three}` }).click();
    await main.getByText("C'est fait : le compte est maintenant gelé.").waitFor({ timeout: 30_000 });
    await main.getByLabel("Compte perdu (gelé)").fill(three);
    await main.getByLabel("Nouveau compte du membre (actif)").fill(one);
    await main.getByRole("button", { name: "Proposer la récupération" }).click();
    await main.getByRole("alert").filter({ hasText: "Écrivez le justificatif" }).waitFor();
    await main.getByLabel(/Justificatif/).fill("dossier 2026-114");
    await main.getByRole("button", { name: "Proposer la récupération" }).click();
    await main.getByText("Récupération proposée : exécutable à partir du").waitFor({ timeout: 30_000 });
    const recoveries = main.getByRole("table", { name: "Récupérations en attente" });
    await recoveries.waitFor();
    expect(await read(recoveries))
      .to.include(three)
      .and.include(one);
    const [pending] = await chain.members.listPendingRecoveries();
    expect(pending).to.include({ lost: three, replacement: one });

    await lookUp(keys.person.address);
    await main.getByRole("button", { name: "Fermer le compte", exact: true }).click();
    await main.getByRole("button", { name: `Confirmer : Fermer le compte ${keys.person.address}` }).click();
    await main.getByRole("alert").filter({ hasText: "Ce compte n'est pas vide" }).waitFor({ timeout: 30_000 });
    expect((await chain.members.getMember({ account: keys.person.address })).status).to.equal("active");
  });
});

import { expect } from "chai";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { Wallet } from "ethers";
import type { Page } from "playwright-core";

import { getDelegation } from "../../sdk/actions/delegation/getDelegation.js";
import { createKomunoClient } from "../../sdk/client.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { admitAndFund, keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { restoreWallet } from "../helpers/memberWallet.js";
import { expectAccessible, PHONE, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// The member wallet's activity screens in Chromium on a phone, against a devnet currency: history and its CSV,
// payment requests between a business and a person, delegations, a business's reconversion, a lost key's
// recovery. Money is checked on chain before and after wherever it moves.

/** An amount as the wallet writes it in French: "12,50 TEST" (a no-break space before the symbol). */
const money = (amount: string) => `${amount}\u00a0TEST`;

type Role = "person" | "business" | "replacement" | "association";

describe("member wallet: activity screens", function () {
  let web: WebWallet;
  let client: ReturnType<typeof createKomunoClient>;
  const balanceOf = (address: string) => client.wallet.getBalance({ account: address });
  const ok = (result: { code: number; stderr: string }) => expect(result.code, result.stderr).to.equal(0);
  const nodeCall = async (method: string, params: unknown[]) => {
    const reply = await fetch(web.env.node.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await reply.json()) as { error?: { message: string } };
    expect(body.error, method).to.equal(undefined);
  };

  async function openWallet(role: Role, screen: string): Promise<Page> {
    const { page } = await web.open(web.walletUrl, PHONE);
    await restoreWallet(page, path.join(web.env.dir, `${role}.json`), PASSWORD);
    await page.getByRole("link", { name: screen, exact: true }).click();
    return page;
  }

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-activity", memberMoveDelayHours: 2 });
    const { env } = web;
    await admitAndFund(env, [
      { address: keys.person.address, kind: "person", euros: "200.00" },
      { address: keys.business.address, kind: "business", euros: "100.00" },
      { address: keys.replacement.address, kind: "person", euros: "1.00" },
    ]);
    ok(await env.cli(["fees", "set", "--to-business", "150"], "governor"));
    // A payment to a business: 1.5 % of it goes to the association as a fee.
    ok(await env.cli(["pay", keys.business.address, "20.00"], "person"));
    const provider = createRpcProvider(env.node.url);
    client = createKomunoClient({ provider, currency: JSON.parse(await readFile(env.record, "utf8")) });
  });

  after(async function () {
    await web?.close();
  });

  it("shows the history with the deposit and the fee named as such, a month at a time, and downloads it as CSV", async function () {
    const { page } = await web.open(web.walletUrl, PHONE);
    await restoreWallet(page, path.join(web.env.dir, "person.json"), PASSWORD);
    // The wallet's clock forty days on: its current month has no movement yet, and the month of the movements
    // is offered in the picker.
    const today = new Date();
    await page.clock.setFixedTime(new Date(today.getTime() + 40 * 86_400_000));
    await page.getByRole("link", { name: "Historique", exact: true }).click();
    await page.getByText(/^Aucun mouvement en /).waitFor();
    const month = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}`;
    const picker = page.getByLabel("Mois");
    expect(await picker.locator("option").count()).to.equal(2);
    await picker.selectOption(month);

    const rows = page.getByRole("table").getByRole("row");
    await rows.nth(1).waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts).to.have.length(4); // the header, then newest first: the fee, the payment, the deposit
    expect(texts[1]).to.match(/Frais du paiement \(versés à l'association\)/);
    expect(texts[1]).to.include(money("−0,30"));
    expect(texts[2]).to.match(/Paiement envoyé/);
    expect(texts[2]).to.include(money("−19,70"));
    expect(texts[3]).to.match(/Dépôt d'euros : monnaie émise/);
    expect(texts[3]).to.include(`+${money("200,00")}`);
    await page.getByText(`Sorties : ${money("20,00")}`).waitFor();
    await expectAccessible(page, "history");
    await screenshot(page, "wallet-history");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger ces 3 mouvements (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).to.equal(`TEST-historique-${month}.csv`);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).to.equal("date,type,description,counterparty,amount,currency,transaction");
    expect(lines).to.have.length(4);
    const cells = lines.slice(1).map((line) => line.split(","));
    expect(cells.map((c) => [c[1], c[4], c[5]])).to.deep.equal([
      ["fee", "-0.30", "TEST"],
      ["payment", "-19.70", "TEST"],
      ["mint", "200.00", "TEST"],
    ]);
    expect(cells[0]![3]).to.equal(keys.association.address);
    expect(cells[1]![3]).to.equal(keys.business.address);
    expect(cells[0]![0]).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    // The description is text a spreadsheet shows as is; the apostrophe is inside the quotes' rules.
    expect(cells[0]![2]).to.equal("Frais du paiement (versés à l'association)");

    // The same screen in English, amounts written the English way.
    await page.getByLabel("Langue").selectOption("en");
    await page.getByRole("heading", { name: "History" }).waitFor();
    await page.getByText("Payment fee (to the association)").waitFor();
    await page.getByText(`Out: ${"20.00\u00a0TEST"}`).waitFor();
  });

  it("says in words when the currency's server does not answer, and shows the history once it does", async function () {
    const page = await openWallet("person", "Solde");
    const node = `${web.env.node.url.replace(/\/$/, "")}/**`;
    await page.route(node, (route) => route.abort());
    await page.getByRole("link", { name: "Historique", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Le serveur de la monnaie ne répond pas" });
    await alert.waitFor({ timeout: 30_000 });
    await page.unroute(node);
    await alert.getByRole("button", { name: "Réessayer" }).click();
    await page.getByText("Dépôt d'euros : monnaie émise").waitFor();
  });

  it("lets a business request a payment, the person pay it with the fee shown first, and the business see it paid", async function () {
    const shop = await openWallet("business", "Demandes");
    // A bad amount is refused in words before anything is sent.
    await shop.getByLabel("Adresse du payeur").fill(keys.person.address);
    await shop.getByLabel("Montant demandé (TEST)").fill("12,345");
    await shop.getByRole("button", { name: "Vérifier la demande" }).click();
    await shop.getByRole("alert").filter({ hasText: "Montant invalide" }).waitFor();

    await shop.getByLabel("Montant demandé (TEST)").fill("12,50");
    await shop.getByLabel("Motif (facultatif, public)").fill("Commande 42");
    await shop.getByLabel("Valable jusqu'au (facultatif)").fill(`${new Date().getFullYear() + 1}-01-15T18:00`);
    await shop.getByRole("button", { name: "Vérifier la demande" }).click();
    await shop.getByText(`Frais retenus pour l'association à la réception : ${money("0,18")}.`).waitFor();
    await shop.getByText(`Vous recevrez ${money("12,32")} quand elle sera payée.`).waitFor();
    await shop.getByRole("button", { name: `Envoyer la demande de ${money("12,50")}` }).click();
    const made = shop.getByRole("article", { name: `Demande n° 1 : ${money("12,50")}` });
    await made.getByText("En attente").waitFor();

    const person = await openWallet("person", "Demandes");
    const asked = person.getByRole("article", { name: `Demande n° 1 : ${money("12,50")}` });
    await asked.getByText("Commande 42").waitFor();
    await expectAccessible(person, "requests (person)");
    const [personBefore, shopBefore] = [await balanceOf(keys.person.address), await balanceOf(keys.business.address)];
    // By keyboard: the confirmation takes the focus, so Enter twice pays, having shown the fee first.
    await asked.getByRole("button", { name: "Payer…" }).focus();
    await person.keyboard.press("Enter");
    await asked.getByText(`Vous payez ${money("12,50")}.`).waitFor();
    await asked.getByText(`Frais prélevés pour l'association : ${money("0,18")}.`).waitFor();
    await asked.getByText(`Le demandeur reçoit ${money("12,32")}.`).waitFor();
    await screenshot(person, "wallet-requests");
    const focused = await person.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
          .activeElement?.textContent,
    );
    expect(focused).to.equal(`Confirmer le paiement de ${money("12,50")}`);
    await person.keyboard.press("Enter");
    await person
      .getByRole("status")
      .filter({ hasText: `Demande n° 1 payée : ${money("12,50")}.` })
      .waitFor({
        timeout: 30_000,
      });
    await person.getByText("Aucune demande de paiement en attente.").waitFor();
    expect(await balanceOf(keys.person.address)).to.equal(personBefore - 1_250n);
    expect(await balanceOf(keys.business.address)).to.equal(shopBefore + 1_232n);

    // The shop's screen follows the chain: no reload.
    await made.getByText("Payée").waitFor({ timeout: 15_000 });
    await expectAccessible(shop, "requests (business)");
    await screenshot(shop, "wallet-requests-business");
  });

  it("lets the person refuse a second request, and the business cancel a third; no money moves", async function () {
    const shop = await openWallet("business", "Demandes");
    for (const amount of ["5,00", "7,00"]) {
      await shop.getByLabel("Adresse du payeur").fill(keys.person.address);
      await shop.getByLabel("Montant demandé (TEST)").fill(amount);
      await shop.getByRole("button", { name: "Vérifier la demande" }).click();
      await shop.getByRole("button", { name: `Envoyer la demande de ${money(amount)}` }).click();
      await shop.getByText("Demande envoyée.", { exact: false }).waitFor();
    }
    const before = await balanceOf(keys.person.address);
    const person = await openWallet("person", "Demandes");
    const second = person.getByRole("article", { name: `Demande n° 2 : ${money("5,00")}` });
    await second.getByRole("button", { name: "Refuser…" }).click();
    await second.getByRole("button", { name: "Refuser la demande" }).click();
    await shop
      .getByRole("article", { name: `Demande n° 2 : ${money("5,00")}` })
      .getByText("Refusée")
      .waitFor({
        timeout: 30_000,
      });

    const third = shop.getByRole("article", { name: `Demande n° 3 : ${money("7,00")}` });
    await third.getByRole("button", { name: "Annuler la demande…" }).click();
    await third.getByRole("button", { name: "Confirmer l'annulation" }).click();
    await third.getByText("Annulée").waitFor({ timeout: 30_000 });
    await person.getByText("Aucune demande de paiement en attente.").waitFor({ timeout: 25_000 });
    expect(await balanceOf(keys.person.address)).to.equal(before);
  });

  it("grants a delegation with caps and an expiry date, lists what is left, then revokes it", async function () {
    const page = await openWallet("person", "Délégations");
    await page.getByLabel("Adresse du délégué").fill("0x1234");
    await page.getByLabel("Plafond par paiement (TEST)").fill("10");
    await page.getByRole("button", { name: "Vérifier la délégation" }).click();
    await page.getByRole("alert").filter({ hasText: "Adresse invalide" }).waitFor();

    // An address that is no member: said before anything is sent.
    const stranger = Wallet.createRandom().address;
    await page.getByLabel("Adresse du délégué").fill(stranger);
    await page.getByLabel("Plafond par paiement (TEST)").fill("10,00");
    await page.getByRole("button", { name: "Vérifier la délégation" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: `${stranger} n'est pas membre de la monnaie` })
      .waitFor();
    expect((await getDelegation(client, { owner: keys.person.address, delegate: stranger })).granted).to.equal(false);

    const year = new Date().getFullYear() + 1;
    await page.getByLabel("Adresse du délégué").fill(keys.business.address);
    await page.getByLabel("Plafond par paiement (TEST)").fill("10,00");
    await page.getByLabel("Plafond total (TEST, facultatif)").fill("50,00");
    await page.getByLabel("Valable jusqu'au (facultatif)").fill(`${year}-06-30`);
    await page.getByRole("button", { name: "Vérifier la délégation" }).click();
    await page.getByText(`au plus ${money("10,00")} par paiement ;`).waitFor();
    await page.getByText(`au plus ${money("50,00")} en tout ;`).waitFor();
    await page.getByRole("button", { name: "Accorder la délégation" }).click();
    await page.getByText("Délégation accordée.").waitFor({ timeout: 30_000 });

    const card = page.getByRole("article", { name: /^Délégué/ });
    await card.getByText(money("50,00")).first().waitFor();
    const facts = await card.locator("dl").innerText();
    expect(facts).to.include(money("10,00"));
    expect(facts).to.match(/Reste disponible\s+50,00\sTEST/);
    expect(facts).to.match(new RegExp(`30 juin ${year}`));
    const granted = await getDelegation(client, { owner: keys.person.address, delegate: keys.business.address });
    expect(granted).to.include({ granted: true, perPaymentCap: 1_000n, totalCap: 5_000n, remaining: 5_000n });
    expect(granted.expiresAt?.getTime()).to.equal(new Date(year, 5, 30, 23, 59, 59).getTime());
    await expectAccessible(page, "delegations");
    await screenshot(page, "wallet-delegations");

    await card.getByRole("button", { name: "Révoquer…" }).click();
    await card.getByRole("button", { name: "Confirmer la révocation" }).click();
    await page.getByRole("status").filter({ hasText: "Délégation révoquée" }).waitFor({ timeout: 30_000 });
    await page.getByText("Vous n'avez délégué à personne.").waitFor();
    const revoked = await getDelegation(client, { owner: keys.person.address, delegate: keys.business.address });
    expect(revoked.granted).to.equal(false);
  });

  it("lets a business ask for a reconversion with the commission and net euros shown first, and see it settled", async function () {
    const page = await openWallet("business", "Reconversion");
    const before = await balanceOf(keys.business.address);
    await page.getByLabel("Montant à reconvertir (TEST)").fill("40,00");
    await page.getByRole("button", { name: "Calculer" }).click();
    await page.getByText(`Commission de l'association (2 %) : ${money("0,80")}.`).waitFor();
    await page.getByText("L'association vous virera 39,20 €.").waitFor();
    await expectAccessible(page, "reconversion (before confirming)");
    await screenshot(page, "wallet-reconversion");
    await page.getByRole("button", { name: `Demander la reconversion de ${money("40,00")}` }).click();
    await page.getByText("Demande n° 1 enregistrée : en attente du virement.").waitFor({ timeout: 30_000 });
    const row = page.getByRole("row", { name: /N° 1/ });
    await row.getByText("En attente du virement").waitFor();
    expect(await balanceOf(keys.business.address)).to.equal(before - 4_000n);
    await expectAccessible(page, "reconversion");
    await screenshot(page, "wallet-reconversion-pending");

    ok(await web.env.cli(["reconversion", "settle", "1", "--ref", "VIR-OUT-0001"], "treasurer"));
    await row.getByText("Virée").waitFor({ timeout: 15_000 });
    expect(await row.innerText()).to.match(/39,20\s€/);
  });

  it("tells a person it cannot ask for a reconversion when the currency does not allow its kind", async function () {
    const page = await openWallet("person", "Reconversion");
    await page.getByText("Les règles de la monnaie ne permettent pas à ce type de compte").waitFor();
    expect(await page.getByLabel("Montant à reconvertir (TEST)").count()).to.equal(0);
  });

  it("renders a history of 2,000 deposits at once, with no call to the node per row", async function () {
    const { env } = web;
    const deposits = path.join(env.dir, "many-deposits.csv");
    const rows = Array.from({ length: 2_000 }, (_, i) => `${keys.association.address},1.00,MANY-${i + 1}`);
    await writeFile(deposits, ["to,amount,ref", ...rows].join("\n") + "\n");
    ok(await env.cli(["mint", "--csv", deposits], "treasurer"));

    const page = await openWallet("association", "Solde");
    let rpcRequests = 0;
    page.on("request", (request) => {
      if (request.url().startsWith(env.node.url)) rpcRequests++;
    });
    const started = Date.now();
    await page.getByRole("link", { name: "Historique", exact: true }).click();
    const table = page.getByRole("table");
    await table.getByRole("row").nth(2_000).waitFor({ timeout: 30_000 });
    const elapsed = Date.now() - started;
    const shown = await table.getByRole("row").count();
    console.log(
      `      history of ${shown - 1} movements on screen in ${elapsed} ms, ${rpcRequests} HTTP requests to the node`,
    );
    expect(shown - 1).to.be.at.least(2_000);
    // The deposits were mined in a handful of blocks: a few requests in all, however many rows.
    expect(rpcRequests).to.be.below(50);
    expect(elapsed).to.be.below(15_000);
  });

  it("shows the new account a pending recovery with its deadline, then lets it carry it out once the delay has passed", async function () {
    const { env } = web;
    const lost = Wallet.createRandom();
    ok(await env.cli(["member", "add", lost.address, "--kind", "person"], "manager"));
    ok(await env.cli(["mint", lost.address, "30.00", "--ref", "LOST-1"], "treasurer"));
    ok(await env.cli(["member", "freeze", lost.address], "manager"));
    ok(
      await env.cli(["member", "recover", lost.address, keys.replacement.address, "--reason", "ticket 42"], "manager"),
    );

    const page = await openWallet("replacement", "Clé perdue");
    const card = page.getByRole("article", { name: "Ce portefeuille est le nouveau compte" });
    await card.getByText(/dans (1 h 5\d|2 h 0) min/).waitFor();
    const facts = await card.locator("dl").innerText();
    expect(facts).to.match(/Exécutable à partir du\s+\d+ \S+ \d{4}/);
    expect(await card.getByRole("button", { name: "Exécuter la récupération" }).count()).to.equal(0);
    await page
      .getByText("le conseil (gouvernance), un auditeur ou un gestionnaire des membres peut l'annuler", {
        exact: false,
      })
      .first()
      .waitFor();
    await expectAccessible(page, "recovery");
    await screenshot(page, "wallet-recovery");

    // Two hours later, on the chain and in the wallet's clock: anyone may carry it out, this wallet too.
    await nodeCall("evm_increaseTime", [7_300]);
    await nodeCall("evm_mine", []);
    await page.clock.setFixedTime(new Date(Date.now() + 7_400_000));
    const before = await balanceOf(keys.replacement.address);
    await card.getByRole("button", { name: "Exécuter la récupération" }).click({ timeout: 30_000 });
    await page.getByRole("status").filter({ hasText: "Récupération exécutée" }).waitFor({ timeout: 30_000 });
    await page.getByText("Aucune récupération en attente ne concerne ce portefeuille.").waitFor();
    expect(await balanceOf(keys.replacement.address)).to.equal(before + 3_000n);
    expect(await balanceOf(lost.address)).to.equal(0n);
  });
});

describe("member wallet: the history's CSV cells", function () {
  it("quotes what would split a cell and defuses text a spreadsheet would run as a formula", async function () {
    const { text } = await import("../../wallet/src/member/activity/historyCsv.js");
    expect(text("Frais du paiement")).to.equal("Frais du paiement");
    expect(text('dit "bonjour", puis\nau revoir')).to.equal('"dit ""bonjour"", puis\nau revoir"');
    expect(text('=HYPERLINK("http://x")')).to.equal('"\'=HYPERLINK(""http://x"")"');
    for (const start of ["+", "-", "@", "\t"]) expect(text(`${start}1`)).to.equal(`'${start}1`);
  });
});

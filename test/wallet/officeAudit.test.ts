import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { id, keccak256, type HDNodeWallet } from "ethers";
import type { Page } from "playwright-core";

import { audit } from "../../sdk/actions/audit/audit.js";
import { listGovernanceOperations } from "../../sdk/actions/governance/listGovernanceOperations.js";
import { getPaymentPolicy } from "../../sdk/actions/policy/getPaymentPolicy.js";
import { getBackingStatus } from "../../sdk/actions/reserve/getBackingStatus.js";
import { createKomunoClient } from "../../sdk/client.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { DESK, expectAccessible, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// The back office's auditor and governance screens against a currency whose governor is a timelock with a real
// delay (25 hours: the shortest a currency file allows), in Chromium at a desk's size.
const DEPOSITS = [
  ["VIR-0001", keys.person, 5_000n],
  ["VIR-0002", keys.business, 12_500n],
  ["VIR-0003", keys.person, 2_050n],
] as const;

/** The fund's statement as a French bank exports it: the reference inside the label, debit and credit columns. */
function statementCsv(amounts: readonly string[]): Buffer {
  const lines = ["Date;Libellé;Débit;Crédit"];
  DEPOSITS.forEach(([reference], i) => lines.push(`30/11/2026;VIR SEPA DE M DUPONT REF ${reference};;${amounts[i]}`));
  return Buffer.from(lines.join("\r\n") + "\r\n");
}
const GOOD_STATEMENT = statementCsv(["50,00", "125,00", "20,50"]);
const WRONG_STATEMENT = statementCsv(["50,00", "152,00", "20,50"]);

const DELAY = 25 * 3_600;

const euros = (cents: bigint) =>
  new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(
    `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}` as Intl.StringNumericLiteral,
  );

describe("back office: audit and governance", function () {
  let web: WebWallet;
  let as: (key: HDNodeWallet | undefined) => ReturnType<typeof createKomunoClient>;

  async function advanceChain(seconds: number) {
    for (const [method, params] of [
      ["evm_increaseTime", [seconds]],
      ["evm_mine", []],
    ] as const) {
      const response = await fetch(web.env.node.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      expect(((await response.json()) as { error?: unknown }).error).to.equal(undefined);
    }
  }

  async function openKey(page: Page, role: "auditor" | "governor") {
    const main = page.getByRole("main");
    await main.getByLabel("Fichier keystore (JSON)").setInputFiles(path.join(web.env.dir, `${role}.json`));
    await main.getByLabel("Mot de passe").fill(PASSWORD);
    await main.getByRole("button", { name: "Ouvrir" }).click();
    await main.getByText(/^Clé ouverte/).waitFor({ timeout: 30_000 });
  }

  before(async function () {
    this.timeout(180_000);
    web = await startWebWallet({ code: "e2e-web-audit", delayHours: 25 });
    const provider = createRpcProvider(web.env.node.url);
    const record = JSON.parse(await readFile(web.env.record, "utf8"));
    as = (key) => createKomunoClient({ provider, signer: key?.connect(provider), currency: record, confirmations: 1 });
    const manager = as(keys.manager);
    await manager.members.admitMember({ account: keys.person.address, kind: "person" });
    await manager.members.admitMember({ account: keys.business.address, kind: "business" });
    // The treasurer's allowance goes through the board's delay like any governance operation.
    const raised = await as(keys.governor).treasury.changeMintAllowance({
      treasurer: keys.treasurer.address,
      direction: "increase",
      amount: 10_000_000n,
    });
    expect(raised.status).to.equal("scheduled");
    await advanceChain(DELAY + 1);
    await as(keys.governor).governance.executeGovernanceOperation({ operationId: raised.operationId! });
    const { timestamp } = (await provider.getBlock("latest"))!;
    await as(keys.auditor).reserve.attestReserve({
      amount: 1_000_000n,
      asOf: new Date(timestamp * 1000),
      evidenceHash: id("opening statement"),
    });
    await as(keys.treasurer).treasury.mintBatch({
      deposits: DEPOSITS.map(([reference, to, amount]) => ({ reference, to: to.address, amount })),
    });
  });

  after(async function () {
    await web?.close();
  });

  it("shows the audit without a key: supply, reserve and margin as the SDK's audit, and the chart", async function () {
    const expected = await audit(as(undefined));
    const { page } = await web.open(`${web.officeUrl}#/auditor`, DESK);
    const main = page.getByRole("main");
    await main.getByRole("heading", { name: "La monnaie aujourd'hui" }).waitFor();
    await main.getByRole("term").filter({ hasText: "Masse monétaire" }).waitFor();
    expect(expected.onChain.totalSupply).to.equal(19_550n);
    for (const amount of [
      expected.onChain.totalSupply,
      expected.onChain.attestedReserve,
      expected.reserve.reserve - expected.onChain.totalSupply,
    ]) {
      await main.getByText(euros(amount), { exact: true }).first().waitFor();
    }
    await main.getByText("Cohérente : la chaîne concorde avec ses événements.").waitFor();
    const chart = main.getByRole("img", { name: /^Masse monétaire et réserve dans le temps Du / });
    await chart.waitFor();
    expect(await chart.getAttribute("aria-labelledby")).to.match(/title .*desc/);
    // No key asked for: the auditor's key form is there, but the figures came without it.
    await main.getByRole("heading", { name: "Ouvrir la clé du rôle" }).waitFor();
    await expectAccessible(page, "office audit");
    await screenshot(page, "office-audit");

    await page.getByLabel("Langue").selectOption("en");
    await main.getByText("Consistent: the chain agrees with its events.").waitFor();
    await main.getByRole("img", { name: /^Supply and reserve over time From / }).waitFor();
    await main
      .getByText(new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(195.5))
      .first()
      .waitFor();
  });

  it("reconciles a dropped bank statement, then names the one wrong line by its kind; the report downloads", async function () {
    const { page } = await web.open(`${web.officeUrl}#/auditor`, DESK);
    const main = page.getByRole("main");
    await main.getByText("Cohérente : la chaîne concorde avec ses événements.").waitFor();
    const drop = async (name: string, buffer: Buffer) => {
      await main.getByLabel("Relevé bancaire (CSV)").setInputFiles({ name, mimeType: "text/csv", buffer });
      await main.getByRole("button", { name: "Rapprocher le relevé" }).click();
    };
    await main.getByLabel("Motif de la référence (facultatif)").fill("VIR-[0-9]+");
    await drop("releve-novembre.csv", GOOD_STATEMENT);
    await main.getByText("3 lignes rapprochées sur 3.").waitFor();
    await main.getByText("Aucun écart avec la chaîne.").waitFor();

    await drop("releve-faux.csv", WRONG_STATEMENT);
    await main.getByText("2 lignes rapprochées sur 3.").waitFor();
    await main.getByText("1 écart(s) avec la chaîne, détaillés ci-dessous.").waitFor();
    const group = main.getByRole("region", { name: "Émission d'un autre montant : 1" });
    const row = group.getByRole("row", { name: /VIR-0002/ });
    expect(await row.textContent())
      .to.include("3")
      .and.include(euros(15_200n))
      .and.include(euros(12_500n));
    expect(await main.getByRole("heading", { level: 3 }).allTextContents()).to.not.include.members([
      "Dépôt non émis : 1",
    ]);
    await expectAccessible(page, "office audit statement");
    await screenshot(page, "office-audit-statement");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      main.getByRole("link", { name: "Télécharger le rapport (HTML)" }).click(),
    ]);
    expect(download.suggestedFilename()).to.match(/^audit-test-\d{4}-\d{2}-\d{2}\.html$/);
    const html = await readFile((await download.path())!, "utf8");
    // In the screen's language, with the screen's names of the mismatch kinds.
    expect(html)
      .to.include('<html lang="fr">')
      .and.include("<svg")
      .and.include("<h3>Émission d&#39;un autre montant\u00A0: 1</h3>");

    // A file that is not a statement is refused with its line, and the reconciliation shown is not replaced.
    await drop("casse.csv", Buffer.from("Date;Libellé;Débit;Crédit\r\n30/11/2026;VIR-0001;;cinquante\r\n"));
    const alert = main.getByRole("alert").filter({ hasText: "casse.csv" });
    await alert.waitFor();
    expect(await alert.textContent()).to.include("ligne 2");
    await main.getByText("2 lignes rapprochées sur 3.").waitFor();
  });

  it("attests the reserve with the auditor's key and a statement as evidence, hashed as the CLI does", async function () {
    const { page } = await web.open(`${web.officeUrl}#/auditor`, DESK);
    const main = page.getByRole("main");
    await openKey(page, "auditor");
    const before = await getBackingStatus(as(undefined));

    await main.getByLabel("Solde du fonds en euros").fill("12000,00");
    await main.getByLabel("Date et heure du solde").fill("2020-01-01T00:00:00");
    await main.getByLabel("Preuve (relevé ou rapport)").setInputFiles({
      name: "releve-novembre.csv",
      mimeType: "text/csv",
      buffer: GOOD_STATEMENT,
    });
    await main.getByText(`Preuve : releve-novembre.csv, empreinte ${keccak256(GOOD_STATEMENT)}`).waitFor();
    await main.getByRole("button", { name: "Vérifier avant d'attester" }).click();
    await main.getByRole("alert").filter({ hasText: "antérieure à la dernière attestation" }).waitFor();
    await main.getByLabel("Date et heure du solde").fill("2099-01-01T00:00:00");
    await main.getByRole("button", { name: "Vérifier avant d'attester" }).click();
    await main.getByRole("alert").filter({ hasText: "est dans le futur" }).waitFor();

    await main.getByLabel("Date et heure du solde").fill("");
    await main.getByRole("button", { name: "Vérifier avant d'attester" }).click();
    const review = main.getByRole("group", { name: "Ce qui sera enregistré sur la chaîne" });
    await review.waitFor();
    expect(await review.textContent())
      .to.include(euros(1_200_000n))
      .and.include("releve-novembre.csv")
      .and.include(keccak256(GOOD_STATEMENT));
    expect((await getBackingStatus(as(undefined))).attestedReserve).to.equal(before.attestedReserve);
    await expectAccessible(page, "office attest");
    await screenshot(page, "office-attest");

    await review.getByRole("button", { name: `Attester une réserve de ${euros(1_200_000n)}` }).click();
    await main
      .getByRole("status")
      .filter({ hasText: `Réserve de ${euros(1_200_000n)} attestée` })
      .waitFor();
    const after = await getBackingStatus(as(undefined));
    expect(after.attestedReserve).to.equal(1_200_000n);
    // `komuno reserve attest --evidence <file>` records keccak256 of the file's bytes.
    expect(after.evidenceHash).to.equal(keccak256(GOOD_STATEMENT));
    expect(after.auditor).to.equal(keys.auditor.address);
    await main.getByText(euros(1_200_000n), { exact: true }).first().waitFor();
  });

  it("schedules a mint-allowance increase, shows its deadline, executes it once ready; another is cancelled", async function () {
    this.timeout(120_000);
    const reader = as(undefined);
    const { page } = await web.open(`${web.officeUrl}#/governor`, DESK);
    const main = page.getByRole("main");
    await main.getByText("Délai public : 1 j 1 h.").waitFor();
    await openKey(page, "governor");
    const allowanceBefore = await reader.currency.mintAllowance(keys.treasurer.address);

    const allowance = main.getByRole("region", { name: "Autorisation d'émission d'un trésorier" });
    await allowance.getByLabel("Adresse du trésorier").fill(keys.treasurer.address);
    await allowance.getByLabel("Augmenter").check();
    await allowance.getByLabel("Montant en euros").fill("500,00");
    await allowance.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    const review = allowance.getByRole("group", { name: "Ce qui sera programmé" });
    const described = `Augmenter de ${euros(50_000n)} l'autorisation d'émission du trésorier ${keys.treasurer.address}`;
    expect(await review.textContent())
      .to.include(described)
      .and.include("Délai public1 j 1 h")
      .and.match(/Exécutable\s*à partir du .+ environ/);
    await review.getByRole("button", { name: "Programmer l'opération" }).click();
    await allowance
      .getByRole("status")
      .filter({ hasText: `Programmée : ${described}` })
      .waitFor();

    const row = main.getByRole("row").filter({ hasText: described });
    await row.getByText("En attente").waitFor();
    expect(await row.textContent()).to.match(/1 j 0 h 59 min|1 j 1 h/);
    expect(await reader.currency.mintAllowance(keys.treasurer.address)).to.equal(allowanceBefore);
    await expectAccessible(page, "office governance");
    await screenshot(page, "office-governance");

    await advanceChain(DELAY + 1);
    await main.getByRole("button", { name: "Actualiser" }).click();
    await row.getByText("Prête").waitFor();
    await row.getByRole("button", { name: `Exécuter : ${described}` }).click();
    await main
      .getByRole("status")
      .filter({ hasText: `Exécutée : ${described}` })
      .waitFor();
    expect(await reader.currency.mintAllowance(keys.treasurer.address)).to.equal(allowanceBefore + 50_000n);

    const fees = main.getByRole("region", { name: "Frais sur les paiements" });
    await fees.getByLabel("Frais sur les paiements aux entreprises (%)").fill("1,50");
    await fees.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    await fees.getByRole("button", { name: "Programmer l'opération" }).click();
    await fees.getByRole("status").filter({ hasText: "Programmée : Fixer les frais de paiement" }).waitFor();
    const feeRow = main.getByRole("row").filter({ hasText: /^Fixer les frais de paiement à 0,00\s%.*1,50\s%/ });
    await feeRow.getByText("En attente").waitFor();
    await feeRow.getByRole("button", { name: /^Annuler : Fixer les frais/ }).click();
    await feeRow.getByRole("button", { name: "Confirmer l'annulation" }).click();
    await main.getByRole("status").filter({ hasText: "Annulée, elle ne s'exécutera jamais" }).waitFor();
    const cancelled = (await listGovernanceOperations(reader, { all: true })).filter((o) =>
      o.description.startsWith("set the payment fees"),
    );
    expect(cancelled.map((o) => o.status)).to.deep.equal(["cancelled"]);
    await advanceChain(DELAY + 1);
    expect((await getPaymentPolicy(reader)).fees.business).to.equal(0);
    await main.getByText("Aucune opération en attente.").waitFor();

    const roles = main.getByRole("region", { name: "Rôles de la monnaie" });
    await roles.getByLabel("Donner le rôle").check();
    await roles.getByLabel("Rôle", { exact: true }).selectOption({ label: "trésorier" });
    await roles.getByLabel("Adresse", { exact: true }).fill(keys.replacement.address);
    await roles.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    const grant = `Donner le rôle trésorier à ${keys.replacement.address}`;
    expect(await roles.getByRole("group", { name: "Ce qui sera programmé" }).textContent()).to.include(grant);
    await roles.getByRole("button", { name: "Programmer l'opération" }).click();
    const grantRow = main.getByRole("row").filter({ hasText: grant });
    await grantRow.getByText("En attente").waitFor();
    const treasurerRole = id("TREASURER_ROLE");
    expect(await reader.currency.hasRole(treasurerRole, keys.replacement.address)).to.equal(false);
    await advanceChain(DELAY + 1);
    await main.getByRole("button", { name: "Actualiser" }).click();
    await grantRow.getByRole("button", { name: `Exécuter : ${grant}` }).click();
    await main
      .getByRole("status")
      .filter({ hasText: `Exécutée : ${grant}` })
      .waitFor();
    expect(await reader.currency.hasRole(treasurerRole, keys.replacement.address)).to.equal(true);
  });

  it("says plainly when a key without the board's role tries to schedule, and schedules nothing", async function () {
    const { page } = await web.open(`${web.officeUrl}#/governor`, DESK);
    const main = page.getByRole("main");
    await openKey(page, "auditor");
    const allowance = main.getByRole("region", { name: "Autorisation d'émission d'un trésorier" });
    await allowance.getByLabel("Adresse du trésorier").fill(keys.treasurer.address);
    await allowance.getByLabel("Montant en euros").fill("1000000,00");
    await allowance.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    await allowance.getByRole("button", { name: "Programmer l'opération" }).click();
    const alert = allowance.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).to.equal(
      "Cette clé n'a pas le rôle nécessaire pour cette opération. Rien n'a été modifié.",
    );
    expect(await listGovernanceOperations(as(undefined))).to.deep.equal([]);
    // A wrong amount is refused before any review.
    await allowance.getByRole("button", { name: "Retour" }).click();
    await allowance.getByLabel("Montant en euros").fill("12,345");
    await allowance.getByRole("button", { name: "Vérifier avant de programmer" }).click();
    await allowance.getByRole("alert").filter({ hasText: "Montant invalide" }).waitFor();
  });

  it("says plainly when the currency's node does not answer", async function () {
    const { context, page } = await web.open(`${web.officeUrl}#/treasurer`, DESK);
    await context.route(`${web.env.node.url.replace(/\/$/, "")}/**`, (route) => route.abort());
    await context.route(web.env.node.url, (route) => route.abort());
    await page.getByRole("link", { name: "Audit" }).click();
    await page
      .getByRole("main")
      .getByRole("alert")
      .filter({ hasText: "Le serveur de la monnaie ne répond pas" })
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it("shows the auditor what waits in the timelock, and lets it cancel as one of the timelock's cancellers", async function () {
    const reader = as(undefined);
    const scheduled = await as(keys.governor).policy.setPaymentFees({ person: 25 });
    expect(scheduled.status).to.equal("scheduled");
    const { page } = await web.open(`${web.officeUrl}#/auditor`, DESK);
    const main = page.getByRole("main");
    const row = main.getByRole("row").filter({ hasText: /^Fixer les frais de paiement à 0,25\s%/ });
    await row.getByText("En attente").waitFor();
    expect(await row.getByRole("button").count()).to.equal(0);
    await openKey(page, "auditor");
    await main.getByText("Votre clé peut annuler une opération en attente.").waitFor();
    await row.getByRole("button", { name: /^Annuler : Fixer les frais/ }).click();
    await row.getByRole("button", { name: "Confirmer l'annulation" }).click();
    await main.getByRole("status").filter({ hasText: "Annulée, elle ne s'exécutera jamais" }).waitFor();
    const operation = (await listGovernanceOperations(reader, { all: true })).find(
      (o) => o.id === scheduled.operationId,
    );
    expect(operation?.status).to.equal("cancelled");
  });
});

import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { getCreditAccount } from "../../sdk/actions/credit/getCreditAccount.js";
import { getBalance } from "../../sdk/actions/wallet/getBalance.js";
import type { KomunoClient } from "../../sdk/client.js";
import { connectCurrency } from "../../sdk/connect.js";
import { parseDeploymentRecord } from "../../sdk/deployment.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { admitAndFund, keys, PASSWORD } from "../helpers/devnetCurrency.js";
import { restoreWallet } from "../helpers/memberWallet.js";
import { expectAccessible, PHONE, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

const NBSP = "\u00a0";

describe("member wallet: paying in mutual credit", function () {
  let web: WebWallet;
  let reader: KomunoClient;

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-credit" });
    reader = connectCurrency({
      provider: createRpcProvider(web.env.node.url),
      currency: parseDeploymentRecord(JSON.parse(await readFile(web.env.record, "utf8"))),
    });
    await admitAndFund(web.env, [
      { address: keys.person.address, kind: "person", euros: "20.00" },
      { address: keys.business.address, kind: "business", euros: "1.00" },
    ]);
    for (const [account, floor, ceiling] of [
      [keys.person.address, "50.00", "200.00"],
      [keys.business.address, "0.00", "100.00"],
    ]) {
      const line = await web.env.cli(["credit", "limit", account, "--floor", floor, "--ceiling", ceiling], "manager");
      expect(line.code, line.stderr).to.equal(0);
    }
  });

  after(async function () {
    await web?.close();
  });

  it("pays within the credit line, no fee and no euro-backed money moved; refuses beyond either side's limit", async function () {
    const { page } = await web.open(web.walletUrl, PHONE);
    await restoreWallet(page, path.join(web.env.dir, "person.json"), PASSWORD);
    await page.getByRole("link", { name: "Payer en crédit mutuel" }).click();
    await page.getByRole("heading", { name: "Payer en crédit mutuel" }).waitFor();
    await page.getByText(`Vous pouvez encore payer 50,00${NBSP}TEST.`, { exact: false }).waitFor();
    await expectAccessible(page, "wallet credit payment");

    const recipient = page.getByLabel("Adresse du bénéficiaire, ou son lien de paiement");
    const amount = page.getByLabel("Montant", { exact: true });
    // Beyond the payer's floor, then to an account without a credit line: said before anything is sent.
    await recipient.fill(keys.business.address);
    await amount.fill("60,00");
    await amount.press("Enter");
    await page
      .getByRole("alert")
      .filter({ hasText: `permet encore : 50,00${NBSP}TEST` })
      .waitFor();
    await recipient.fill(keys.association.address);
    await amount.fill("30,00");
    await amount.press("Enter");
    await page
      .getByRole("alert")
      .filter({ hasText: `ne peut recevoir que 0,00${NBSP}TEST` })
      .waitFor();
    expect((await getCreditAccount(reader, { account: keys.person.address })).balance).to.equal(0n);

    const euros = await getBalance(reader, { account: keys.person.address });
    await recipient.fill(keys.business.address);
    await amount.press("Enter");
    await page.getByRole("heading", { name: "Vérifiez le paiement en crédit mutuel" }).waitFor();
    await page.getByText(`−30,00${NBSP}TEST`).waitFor();
    await expectAccessible(page, "wallet credit confirmation");
    await screenshot(page, "wallet-credit-confirm");
    await page.getByRole("button", { name: `Payer 30,00${NBSP}TEST en crédit mutuel` }).dblclick();
    await page.getByText(`Payé 30,00${NBSP}TEST en crédit mutuel à ${keys.business.address.slice(0, 6)}…`).waitFor({
      timeout: 30_000,
    });
    await page.getByText(`Votre nouveau solde de crédit : −30,00${NBSP}TEST`).waitFor();

    expect((await getCreditAccount(reader, { account: keys.person.address })).balance).to.equal(-3_000n);
    expect((await getCreditAccount(reader, { account: keys.business.address })).balance).to.equal(3_000n);
    expect(await getBalance(reader, { account: keys.person.address })).to.equal(euros);
  });
});

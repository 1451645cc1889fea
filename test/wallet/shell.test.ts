import { expect } from "chai";

import { DESK, expectAccessible, PHONE, screenshot, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

describe("web app shell", function () {
  let web: WebWallet;

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-shell" });
  });

  after(async function () {
    await web?.close();
  });

  it("opens the member wallet on a phone in French, then in English, with no critical accessibility problem", async function () {
    const { page } = await web.open(web.walletUrl, PHONE);
    await page.getByText("Monnaie de Test").first().waitFor();
    expect(await page.locator("html").getAttribute("lang")).to.equal("fr");
    await expectAccessible(page, "wallet welcome");
    await page.getByLabel("Langue").selectOption("en");
    await page.getByLabel("Language").waitFor();
    expect(await page.locator("html").getAttribute("lang")).to.equal("en");
  });

  it("opens the back office on a desk with a tab per role", async function () {
    const { page } = await web.open(web.officeUrl, DESK);
    for (const role of ["Trésorerie", "Membres", "Audit", "Gouvernance"]) {
      await page.getByRole("link", { name: role }).waitFor();
    }
    await expectAccessible(page, "back office");
    await screenshot(page, "office-shell");
  });
});

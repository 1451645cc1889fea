import { expect } from "chai";
import { readFile } from "node:fs/promises";

import { Wallet } from "ethers";

import { getMember } from "../../sdk/actions/members/getMember.js";
import { connectCurrency } from "../../sdk/connect.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { keys } from "../helpers/devnetCurrency.js";
import { DESK, startWebWallet, type WebWallet } from "../helpers/webWallet.js";

// A role's key held by a browser wallet (an EIP-1193 provider the page finds as window.ethereum) rather than a
// keystore file. The stand-in here hands the page's requests to the devnet node, whose development accounts are
// unlocked: the node signs as the member manager, as an extension would after asking its owner.
const injectedWallet = (rpcUrl: string, account: string) => `
  window.ethereum = {
    async request({ method, params }) {
      if (method === "eth_requestAccounts" || method === "eth_accounts") return [${JSON.stringify(account)}];
      const response = await fetch(${JSON.stringify(rpcUrl)}, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
      });
      const reply = await response.json();
      if (reply.error) throw Object.assign(new Error(reply.error.message), reply.error);
      return reply.result;
    },
  };
`;

describe("back office with a browser wallet", function () {
  let web: WebWallet;

  before(async function () {
    web = await startWebWallet({ code: "e2e-web-injected" });
  });

  after(async function () {
    await web?.close();
  });

  it("admits a member with the member manager's key held by an injected EIP-1193 wallet", async function () {
    const context = await web.browser.newContext({ viewport: DESK });
    try {
      await context.addInitScript(injectedWallet(web.env.node.url, keys.manager.address));
      const page = await context.newPage();
      await page.goto(`${web.officeUrl}#/members`);
      const main = page.getByRole("main");
      await main.getByRole("button", { name: "Utiliser le portefeuille du navigateur" }).click();
      await main.getByText(`Clé ouverte : ${keys.manager.address.slice(0, 6)}…`).waitFor();

      const newcomer = Wallet.createRandom().address;
      await main.getByLabel("Adresse du compte (0x…)").first().fill(newcomer);
      await main.getByRole("button", { name: "Admettre ce compte comme particulier" }).click();
      await main.getByText(`Compte ${newcomer} admis comme Particulier.`).waitFor({ timeout: 30_000 });

      const client = connectCurrency({
        provider: createRpcProvider(web.env.node.url),
        currency: JSON.parse(await readFile(web.env.record, "utf8")),
      });
      expect(await getMember(client, { account: newcomer })).to.include({ kind: "person", status: "active" });
    } finally {
      await context.close();
    }
  });
});

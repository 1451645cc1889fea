import { expect } from "chai";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";

import { freePort } from "../../scripts/devnet/node.js";
import { CHAIN_HARDFORK } from "../../sdk/node/chain/hardfork.js";
import { MULTICALL3_ADDRESS, MULTICALL3_RUNTIME_CODE } from "../../sdk/node/chain/multicall3.js";
import { runCli } from "../helpers/cli.js";

describe("npm start: the local devnet", function () {
  it("starts, deploys MIEL, serves the CLI, and stops cleanly on Ctrl-C", async function () {
    const port = await freePort();
    // Its own process group, as a terminal would start it, so that Ctrl-C (SIGINT) reaches npm and the script.
    const start = spawn("npm", ["start", "--", "--port", String(port)], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    start.stdout.on("data", (chunk) => (output += chunk));
    start.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      start.on("close", (code, signal) => resolve({ code, signal })),
    );
    try {
      const deadline = Date.now() + 180_000;
      while (!output.includes("Komuno devnet ready") && Date.now() < deadline && start.exitCode === null) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(output, output).to.include("Komuno devnet ready");
      expect(output).to.include("Monnaie Libournaise (MIEL) on a local chain 46330");

      const record = JSON.parse(await readFile(".komuno/devnet/deployment.json", "utf8"));
      // The governor's seat holds the timelock, with the demo's short delay.
      expect(record.governance).to.deep.include({ delaySeconds: 120 });
      expect(output).to.include(
        `governance        ${record.governance.timelock} (timelock: governor operations wait 120 s)`,
      );
      const rpc = `http://127.0.0.1:${port}`;
      const info = await runCli(["--rpc", rpc, "--json", "info"]);
      expect(info.code, info.stderr).to.equal(0);
      expect(JSON.parse(info.stdout)).to.include({
        symbol: "MIEL",
        chainId: 46330,
        address: record.address,
        supply: "25000",
      });
      const audit = await runCli(["--rpc", rpc, "audit"]);
      expect(audit.code, audit.stdout + audit.stderr).to.equal(0);
      expect(audit.stdout).to.include("CONSISTENT AND FULLY BACKED");
      expect(audit.stdout).to.include("no governance operation waiting");

      // The same chain as a currency's own: Multicall3 where genesis puts it, and Cancun blocks (a beacon root
      // field, no Prague requests hash).
      expect(CHAIN_HARDFORK).to.equal("cancun");
      expect(await jsonRpc(rpc, "eth_getCode", [MULTICALL3_ADDRESS, "latest"])).to.equal(MULTICALL3_RUNTIME_CODE);
      const block = (await jsonRpc(rpc, "eth_getBlockByNumber", ["latest", false])) as Record<string, unknown>;
      expect(block).to.have.property("parentBeaconBlockRoot");
      expect(block).to.not.have.property("requestsHash");
    } finally {
      process.kill(-start.pid!, "SIGINT");
    }
    // npm itself dies of the SIGINT like any foreground program; the script under it must stop cleanly.
    const { code, signal } = await exited;
    expect(code === 0 || signal === "SIGINT", `exit ${code} / ${signal}`).to.equal(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(output).to.not.include("stopped unexpectedly");
    const stopped = await fetch(`http://127.0.0.1:${port}`, { method: "POST", body: "{}" }).then(
      () => false,
      () => true,
    );
    expect(stopped, "the node is stopped").to.equal(true);
  });
});

async function jsonRpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { formatAmount } from "../../sdk/amounts.js";
import { freePort, startLocalNode } from "../../scripts/devnet/node.js";
import { CHAIN_HARDFORK } from "../../sdk/node/chain/hardfork.js";
import { MULTICALL3_ADDRESS, MULTICALL3_RUNTIME_CODE } from "../../sdk/node/chain/multicall3.js";
import { runCli } from "../helpers/cli.js";

const DEVNET_PASSWORD = "komuno-devnet";

/** A process we started, with everything it printed. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function started(child: ChildProcess): Started {
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** scripts/start.ts under tsx, as `npm start` runs it once the contracts are built. */
function startScript(args: string[], devnetDir: string): Started {
  return started(
    spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", ...args], {
      env: { ...process.env, KOMUNO_DEVNET_DIR: devnetDir },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

async function untilReady(run: Started) {
  const deadline = Date.now() + 180_000;
  while (!run.output().includes("Komuno devnet ready") && Date.now() < deadline && run.child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(run.output(), run.output()).to.include("Komuno devnet ready");
}

async function answersJsonRpc(url: string): Promise<boolean> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  }).then(
    (response) => response.ok,
    () => false,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

/** A devnet directory as a running devnet leaves it: keystores and a deployment record, each file's text. */
async function devnetDirWithFiles(): Promise<{ dir: string; files: Map<string, string> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "komuno-devnet-"));
  await mkdir(path.join(dir, "keys"));
  const files = new Map([
    [path.join(dir, "deployment.json"), '{"format":"komuno-deployment/1","note":"the running devnet\'s"}\n'],
    [path.join(dir, "keys", "treasurer.json"), '{"address":"f39fd6e51aad88f6f4ce6ab8827279cfffb92266"}\n'],
    [path.join(dir, "keys", "person.json"), '{"address":"976ea74026e726554db657fa54763abd0c3a0aa9"}\n'],
  ]);
  for (const [file, text] of files) await writeFile(file, text);
  return { dir, files };
}

async function expectUntouched(dir: string, files: Map<string, string>, extra: string[] = []) {
  for (const [file, text] of files) expect(await readFile(file, "utf8"), file).to.equal(text);
  expect((await readdir(path.join(dir, "keys"))).sort()).to.deep.equal(["person.json", "treasurer.json"]);
  expect((await readdir(dir)).sort()).to.deep.equal(["deployment.json", "keys", ...extra].sort());
}

describe("npm start: the local devnet", function () {
  describe("refuses to start, touching nothing, when", function () {
    let dir: string;
    let files: Map<string, string>;
    let journalBefore: number | undefined;

    beforeEach(async function () {
      ({ dir, files } = await devnetDirWithFiles());
      journalBefore = await stat(path.join("ignition", "deployments", "devnet-miel")).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
    });

    afterEach(async function () {
      await rm(dir, { recursive: true, force: true });
      const journalAfter = await stat(path.join("ignition", "deployments", "devnet-miel")).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      expect(journalAfter, "the devnet's Ignition journal").to.equal(journalBefore);
    });

    it("its port is taken: says so, exit status 2, no chain started", async function () {
      const port = await freePort();
      const taken = createNetServer((socket) => socket.end());
      await new Promise<void>((resolve) => taken.listen(port, "127.0.0.1", resolve));
      try {
        const run = startScript(["--port", String(port)], dir);
        const { code } = await run.exited;
        expect(code, run.output()).to.equal(2);
        expect(run.output()).to.include(`port ${port} is in use (another devnet?): stop it or use --port`);
        expect(run.output()).to.not.include("ready");
        await expectUntouched(dir, files);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    });

    it("its web wallet's port is taken: says so, exit status 2, no chain started", async function () {
      const [port, webPort] = [await freePort(), await freePort()];
      const taken = createNetServer((socket) => socket.end());
      await new Promise<void>((resolve) => taken.listen(webPort, "127.0.0.1", resolve));
      try {
        const run = startScript(["--port", String(port), "--web-port", String(webPort)], dir);
        const { code } = await run.exited;
        expect(code, run.output()).to.equal(2);
        expect(run.output()).to.include(`web port ${webPort} is in use: stop what uses it or use --web-port`);
        expect(await answersJsonRpc(`http://127.0.0.1:${port}`), "no chain started").to.equal(false);
        await expectUntouched(dir, files);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    });

    it("another devnet runs with the same keystores, on another port", async function () {
      // The running devnet: this process, answering JSON-RPC at the address its lock names.
      const running: Server = createHttpServer((_request, response) =>
        response.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0xb4fa" })),
      );
      const runningPort = await freePort();
      await new Promise<void>((resolve) => running.listen(runningPort, "127.0.0.1", resolve));
      const lock = {
        pid: process.pid,
        nodePid: process.pid,
        rpcUrl: `http://127.0.0.1:${runningPort}`,
        startedAt: new Date().toISOString(),
      };
      await writeFile(path.join(dir, "devnet.lock"), JSON.stringify(lock));
      try {
        const port = await freePort();
        const run = startScript(["--port", String(port)], dir);
        const { code } = await run.exited;
        expect(code, run.output()).to.equal(2);
        expect(run.output()).to.include(
          `a devnet is already running at http://127.0.0.1:${runningPort} (process ${process.pid})`,
        );
        expect(await answersJsonRpc(`http://127.0.0.1:${port}`), "no chain on the new port").to.equal(false);
        await expectUntouched(dir, files, ["devnet.lock"]);
        expect(JSON.parse(await readFile(path.join(dir, "devnet.lock"), "utf8"))).to.deep.equal(lock);
      } finally {
        running.closeAllConnections();
        await new Promise((resolve) => running.close(resolve));
      }
    });

    it("an option is wrong", async function () {
      const cases: [string[], string][] = [
        [["--demo-reserve", "12,50"], "--demo-reserve: Invalid amount"],
        [["--demo-reserve", "100.00"], "--demo-reserve must cover the demo deposit of 250.00"],
        [["--port", "http"], "--port must be a port number"],
        [["--web-port", "70000"], "--web-port must be a port number from 1 to 65535, not 70000"],
        [["--port", "9000", "--web-port", "9000"], "--web-port must differ from --port (9000)"],
        [["--no-such-option"], "Unknown option '--no-such-option'"],
      ];
      for (const [args, message] of cases) {
        const run = startScript(args, dir);
        const { code } = await run.exited;
        expect(code, run.output()).to.equal(2);
        expect(run.output()).to.include(message);
      }
      await expectUntouched(dir, files);
    });
  });

  it("takes over a stopped devnet's directory, serves the CLI at the address its record names, keeps the chain's clock on the wall clock, and stops on SIGTERM", async function () {
    const { dir } = await devnetDirWithFiles();
    // Left by a devnet that died without removing it: its process is gone.
    await writeFile(
      path.join(dir, "devnet.lock"),
      JSON.stringify({ pid: 2 ** 22 + 1, nodePid: 2 ** 22 + 2, rpcUrl: "http://127.0.0.1:9", startedAt: "" }),
    );
    const [port, webPort] = [await freePort(), await freePort()];
    const run = startScript(["--port", String(port), "--web-port", String(webPort)], dir);
    try {
      await untilReady(run);
      const rpc = `http://127.0.0.1:${port}`;
      // The web wallet and back office, built for this currency and served beside the chain.
      const web = `http://127.0.0.1:${webPort}/`;
      expect(run.output()).to.include(`web wallet        ${web}`);
      expect(run.output()).to.include(`back office       ${web}office/`);
      const served = (await (await fetch(`${web}currency.json`)).json()) as {
        rpcUrl: string;
        deployment: Record<string, unknown>;
      };
      const deployed = JSON.parse(await readFile(path.join(dir, "deployment.json"), "utf8"));
      expect(served.rpcUrl).to.equal(rpc);
      expect(served.deployment).to.include({ address: deployed.address, symbol: "MIEL", chainId: 46330 });
      expect(served.deployment, "no storage layout in a wallet's configuration").to.not.have.property("storageLayout");
      for (const page of [web, `${web}office/`]) {
        const response = await fetch(page);
        expect(response.status, page).to.equal(200);
        expect(await response.text(), page).to.include('<div id="app">');
      }
      const record = path.join(dir, "deployment.json");
      expect(JSON.parse(await readFile(record, "utf8"))).to.include({ rpcUrl: rpc, code: "miel" });
      expect((await readdir(path.join(dir, "keys"))).sort()).to.include.members(["auditor.json", "treasurer.json"]);
      const lock = JSON.parse(await readFile(path.join(dir, "devnet.lock"), "utf8"));
      expect(lock).to.include({ rpcUrl: rpc });
      expect(lock.pid, "the stale lock replaced").to.not.equal(2 ** 22 + 1);
      expect(isAlive(lock.nodePid), "the hardhat node runs").to.equal(true);

      // A month of a 5,500-member currency fits the demo reserve and allowance.
      expect(run.output()).to.include("attested reserve 1000000.00");
      expect(run.output()).to.include(`the treasurer may mint ${formatAmount(100_000_000n - 25_000n)} more`);

      // No --rpc: the record says where the node is.
      const info = await runCli(["--currency", record, "--json", "info"]);
      expect(info.code, info.stderr).to.equal(0);
      expect(JSON.parse(info.stdout)).to.include({ symbol: "MIEL", attestedReserve: "100000000", supply: "25000" });

      // 200 transactions as fast as the node takes them: a block each, yet the chain's time stays the wall clock.
      const send = (method: string, params: unknown[]) =>
        fetch(rpc, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        }).then(async (response) => ((await response.json()) as { result: any }).result);
      const [from, to] = await send("eth_accounts", []);
      const blockBefore = Number(await send("eth_blockNumber", []));
      for (let i = 0; i < 200; i++) await send("eth_sendTransaction", [{ from, to, value: "0x1" }]);
      const latest = await send("eth_getBlockByNumber", ["latest", false]);
      expect(Number(latest.number) - blockBefore).to.equal(200);
      expect(Math.abs(Number(latest.timestamp) - Date.now() / 1000)).to.be.lessThan(5);

      // The auditor attests today's statement, dated now by the wall clock: not "in the future", not out of order.
      const evidence = path.join(dir, "statement.txt");
      await writeFile(evidence, "bank statement of today");
      const passwordFile = path.join(dir, "password.txt");
      await writeFile(passwordFile, `${DEVNET_PASSWORD}\n`);
      const asOf = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
      const attest = await runCli([
        "--currency",
        record,
        "--keystore",
        path.join(dir, "keys", "auditor.json"),
        "--password-file",
        passwordFile,
        "--json",
        "reserve",
        "attest",
        "1000000.00",
        "--evidence",
        evidence,
        "--as-of",
        asOf,
      ]);
      expect(attest.code, attest.stderr).to.equal(0);
      const status = await runCli(["--currency", record, "--json", "reserve", "status"]);
      expect(JSON.parse(status.stdout)).to.include({ attestedAsOf: Date.parse(asOf) / 1000, fullyBacked: true });

      run.child.kill("SIGTERM");
      const { code } = await run.exited;
      expect(code, run.output()).to.equal(0);
      expect(await until(() => !isAlive(lock.nodePid), 5_000), "the hardhat node stopped").to.equal(true);
      expect(await answersJsonRpc(rpc), "nothing answers on the devnet's port").to.equal(false);
      expect(await readdir(dir), "the lock is released").to.not.include("devnet.lock");
    } finally {
      // After a failed assertion: SIGTERM, which tsx passes on, stops the script and its chain; a SIGKILL would
      // reach tsx alone and leave the script running.
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill("SIGTERM");
        await Promise.race([run.exited, new Promise((r) => setTimeout(r, 15_000))]);
      }
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("dates no block before the wall clock, however the node's start fell within a second", async function () {
    // Started together, some of the nodes cross a second boundary while starting: that used to set their clock back.
    const nodes = await Promise.all(
      [0, 1, 2].map(async () => startLocalNode({ port: await freePort(), chainId: 46330 })),
    );
    try {
      for (const node of nodes) {
        const send = (method: string, params: unknown[]) =>
          fetch(node.url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          }).then(async (response) => ((await response.json()) as { result: any }).result);
        const [from, to] = await send("eth_accounts", []);
        for (let i = 0; i < 10; i++) {
          const wall = Math.floor(Date.now() / 1000);
          await send("eth_sendTransaction", [{ from, to, value: "0x1" }]);
          const mined = Number((await send("eth_getBlockByNumber", ["latest", false])).timestamp);
          expect(mined - wall, "seconds after the wall clock")
            .to.be.at.least(0)
            .and.at.most(2);
          await new Promise((r) => setTimeout(r, 90));
        }
      }
    } finally {
      await Promise.all(nodes.map((node) => node.stop()));
    }
  });

  it("a hardhat node of the devnet stops when the process that started it dies, even by SIGKILL", async function () {
    const port = await freePort();
    const code = `
      const { startLocalNode } = await import(${JSON.stringify(path.resolve("scripts/devnet/node.ts"))});
      const node = await startLocalNode({ port: ${port}, chainId: 46330 });
      console.log("node " + node.process.pid);`;
    const parent = started(
      spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    expect(await until(() => /node \d+/.test(parent.output()), 60_000), parent.output()).to.equal(true);
    const nodePid = Number(/node (\d+)/.exec(parent.output())![1]);
    expect(isAlive(nodePid)).to.equal(true);
    parent.child.kill("SIGKILL");
    await parent.exited;
    expect(await until(() => !isAlive(nodePid), 5_000), "the orphaned node exited").to.equal(true);
    expect(await answersJsonRpc(`http://127.0.0.1:${port}`)).to.equal(false);
  });

  it("npm start deploys MIEL to .komuno/devnet, serves the CLI with no option on another port, and stops its chain on SIGINT to npm alone", async function () {
    const port = await freePort();
    const start = started(
      spawn("npm", ["start", "--", "--port", String(port), "--web-port", String(await freePort())], {
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      }),
    );
    let nodePid: number | undefined;
    try {
      await untilReady(start);
      nodePid = JSON.parse(await readFile(".komuno/devnet/devnet.lock", "utf8")).nodePid;
      expect(start.output()).to.include("Monnaie Libournaise (MIEL) on a local chain 46330");

      const record = JSON.parse(await readFile(".komuno/devnet/deployment.json", "utf8"));
      // The governor's seat holds the timelock, with the demo's short delay.
      expect(record.governance).to.deep.include({ delaySeconds: 120 });
      expect(record.rpcUrl).to.equal(`http://127.0.0.1:${port}`);
      expect(start.output()).to.include(
        `governance        ${record.governance.timelock} (timelock: governor operations wait 120 s)`,
      );
      // Neither --rpc nor --currency: the devnet's record, and the node it names, though not on port 8545.
      const info = await runCli(["--json", "info"]);
      expect(info.code, info.stderr).to.equal(0);
      expect(JSON.parse(info.stdout)).to.include({
        symbol: "MIEL",
        chainId: 46330,
        address: record.address,
        supply: "25000",
      });
      const audit = await runCli(["audit"]);
      expect(audit.code, audit.stdout + audit.stderr).to.equal(0);
      expect(audit.stdout).to.include("CONSISTENT AND FULLY BACKED");
      expect(audit.stdout).to.include("no governance operation waiting");

      // The same chain as a currency's own: Multicall3 where genesis puts it, and Cancun blocks (a beacon root
      // field, no Prague requests hash).
      expect(CHAIN_HARDFORK).to.equal("cancun");
      expect(await jsonRpc(record.rpcUrl, "eth_getCode", [MULTICALL3_ADDRESS, "latest"])).to.equal(
        MULTICALL3_RUNTIME_CODE,
      );
      const block = (await jsonRpc(record.rpcUrl, "eth_getBlockByNumber", ["latest", false])) as Record<
        string,
        unknown
      >;
      expect(block).to.have.property("parentBeaconBlockRoot");
      expect(block).to.not.have.property("requestsHash");
    } finally {
      // As `kill -INT <pid of npm>` or a process manager does: npm alone gets it, and passes it on.
      process.kill(start.child.pid!, "SIGINT");
    }
    const ended = await Promise.race([
      start.exited,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000)),
    ]);
    if (ended === undefined) {
      // What this test guards against: clean up what was left running, then fail.
      process.kill(-start.child.pid!, "SIGKILL");
      if (nodePid !== undefined && isAlive(nodePid)) process.kill(nodePid, "SIGKILL");
      expect.fail("npm start still runs 30 s after SIGINT");
    }
    const { code, signal } = ended;
    expect(code === 0 || signal === "SIGINT", `exit ${code} / ${signal}`).to.equal(true);
    expect(start.output()).to.not.include("stopped unexpectedly");
    expect(await until(async () => !(await answersJsonRpc(`http://127.0.0.1:${port}`)), 5_000)).to.equal(true);
    const lockLeft = await readFile(".komuno/devnet/devnet.lock", "utf8").then(
      () => true,
      () => false,
    );
    expect(lockLeft, "the lock is released").to.equal(false);
    // Nothing of the devnet is left running: neither npm, the script under it, nor its hardhat node.
    expect(await until(() => !isAlive(nodePid!), 5_000), "the hardhat node stopped").to.equal(true);
    const groupLeft = () => {
      try {
        process.kill(-start.child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await until(() => !groupLeft(), 5_000), "every process of npm start's group exited").to.equal(true);
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

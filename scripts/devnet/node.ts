import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

import { startZeroFeeGateway } from "./zeroFeeGateway.js";
import { MULTICALL3_ADDRESS, MULTICALL3_RUNTIME_CODE } from "../../sdk/node/chain/multicall3.js";

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LocalNode {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The devnet's port is taken (another devnet, or any other server): nothing was started. */
export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(readonly port: number) {
    super(`port ${port} is in use (another devnet?): stop it or use --port`);
  }
}

const EXIT_WITH_PARENT = fileURLToPath(new URL("./exitWithParent.cjs", import.meta.url));

/**
 * Starts `hardhat node --network devnet` on 127.0.0.1 behind a gateway that suggests zero fees as the
 * currency's chain does, with Multicall3 at its address as every currency chain has it from genesis (wallets
 * read the devnet as they read a chain), and resolves once it answers JSON-RPC on `port`. Loopback only.
 */
export async function startLocalNode(options: {
  port: number;
  chainId: number;
  blockTime?: number;
}): Promise<LocalNode> {
  const nodePort = await freePort();
  // Listening first: a busy port fails here, before a node is started.
  const gateway = await startZeroFeeGateway(options.port, `http://127.0.0.1:${nodePort}`).catch((error) => {
    throw (error as NodeJS.ErrnoException).code === "EADDRINUSE" ? new PortInUseError(options.port) : error;
  });
  const child = spawn(
    process.execPath,
    [
      "--require",
      EXIT_WITH_PARENT,
      "node_modules/hardhat/dist/src/cli.js",
      "node",
      "--network",
      "devnet",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(nodePort),
    ],
    {
      env: {
        ...process.env,
        KOMUNO_CHAIN_ID: String(options.chainId),
        ...(options.blockTime ? { KOMUNO_BLOCK_TIME: String(options.blockTime) } : {}),
      },
      // stdin: the pipe whose end tells the node its parent died (exitWithParent.cjs).
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group: a Ctrl-C reaches the parent, which stops the node in order.
      detached: true,
    },
  );
  child.stdin!.on("error", () => {}); // never written to: only its end matters
  let output = "";
  child.stdout!.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr!.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${options.port}`;
  child.once("exit", () => gateway.close());
  const stop = () =>
    new Promise<void>((resolve) => {
      gateway.close();
      gateway.closeAllConnections();
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  const rpc = (method: string, params: unknown[]) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited (${child.exitCode}):\n${output}`);
    let answered = false;
    try {
      answered = (await rpc("eth_chainId", [])).ok;
    } catch {
      // not listening yet
    }
    if (answered) {
      const setCode = await rpc("hardhat_setCode", [MULTICALL3_ADDRESS, MULTICALL3_RUNTIME_CODE]);
      const reply = (await setCode.json()) as { error?: { message: string } };
      if (reply.error !== undefined) {
        await stop();
        throw new Error(`hardhat node refused Multicall3's code: ${reply.error.message}`);
      }
      await alignClockWithWall(url);
      return { url, process: child, stop };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`hardhat node did not answer on ${url} within 60 s:\n${output}`);
}

async function call(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

// Initcode that returns the block's timestamp: what a contract sees as "now" in the next block.
const RETURN_TIMESTAMP = "0x4260005260206000f3";

/**
 * Hardhat's node sometimes starts its clock a whole second behind the wall clock (it reads the time twice while
 * starting), and then a statement dated "now" by the wall clock is a second in the future for every contract.
 * Its time is put forward by that second, never back.
 */
async function alignClockWithWall(url: string): Promise<void> {
  let behind = 0;
  for (let sample = 0; sample < 3; sample++) {
    const wall = Math.floor(Date.now() / 1000);
    const chain = Number(BigInt((await call(url, "eth_call", [{ data: RETURN_TIMESTAMP }, "pending"])) as string));
    // A second boundary passed between the two readings only ever makes the chain look ahead: the least is true.
    behind = sample === 0 ? wall - chain : Math.min(behind, wall - chain);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (behind > 0) await call(url, "evm_increaseTime", [behind]);
}

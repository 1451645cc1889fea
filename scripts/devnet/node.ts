import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

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
  const gateway = await startZeroFeeGateway(options.port, `http://127.0.0.1:${nodePort}`);
  const child = spawn(
    process.execPath,
    [
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
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: a Ctrl-C reaches the parent, which stops the node in order.
      detached: true,
    },
  );
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
      return { url, process: child, stop };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`hardhat node did not answer on ${url} within 60 s:\n${output}`);
}

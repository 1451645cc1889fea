import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Who runs the devnet whose keystores and deployment record sit in a directory. A second `npm start` reads it
 * before touching anything there: the keystores of a running chain are what its users are signing with.
 */
export interface DevnetLock {
  /** The `npm start` process (scripts/start.ts). */
  pid: number;
  /** Its `hardhat node`. */
  nodePid: number;
  rpcUrl: string;
  startedAt: string;
}

/** Another devnet runs with this directory: nothing was started, removed or written. */
export class DevnetRunningError extends Error {
  override name = "DevnetRunningError";
  constructor(
    readonly dir: string,
    readonly lock: DevnetLock,
  ) {
    super(
      `a devnet is already running at ${lock.rpcUrl} (process ${lock.pid}) with the keystores and deployment record ` +
        `in ${dir}: stop it first (Ctrl-C in its terminal), or give this one its own KOMUNO_DEVNET_DIR`,
    );
  }
}

const lockFile = (dir: string) => path.join(dir, "devnet.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function answers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The devnet running with `dir`, if any. A lock left by a devnet that died (its process gone, or a reused
 * process id whose address no longer answers) is stale: undefined.
 */
export async function runningDevnet(dir: string): Promise<DevnetLock | undefined> {
  let lock: DevnetLock;
  try {
    lock = JSON.parse(await readFile(lockFile(dir), "utf8")) as DevnetLock;
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(lock.pid) || typeof lock.rpcUrl !== "string") return undefined;
  return isAlive(lock.pid) && (await answers(lock.rpcUrl)) ? lock : undefined;
}

/**
 * Takes `dir` for this devnet. Refuses when another devnet holds it (one that started since `runningDevnet` was
 * asked, too); replaces a stale lock.
 */
export async function claimDevnet(dir: string, lock: DevnetLock): Promise<void> {
  await mkdir(dir, { recursive: true });
  const text = JSON.stringify(lock, null, 2) + "\n";
  try {
    await writeFile(lockFile(dir), text, { flag: "wx" });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = await runningDevnet(dir);
  if (holder !== undefined && holder.pid !== lock.pid) throw new DevnetRunningError(dir, holder);
  await writeFile(lockFile(dir), text);
}

/** Gives `dir` up, if this process still holds it. */
export async function releaseDevnet(dir: string, pid: number): Promise<void> {
  try {
    const lock = JSON.parse(await readFile(lockFile(dir), "utf8")) as DevnetLock;
    if (lock.pid === pid) await rm(lockFile(dir), { force: true });
  } catch {
    // no lock, or not ours to remove
  }
}

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

// The package as a third party gets it: packed, installed into a project outside the repository, used from
// Node.js, type-checked and bundled into a browser wallet. Shared by the package test and the bundle benchmark.

const run = promisify(execFile);
const repository = path.resolve(import.meta.dirname, "..", "..");
const devDependencies: Record<string, string> = JSON.parse(
  await readFile(path.join(repository, "package.json"), "utf8"),
).devDependencies;
const dependencies: Record<string, string> = JSON.parse(
  await readFile(path.join(repository, "package.json"), "utf8"),
).dependencies;

/** npm, run by the Node.js that runs us (Node 22 under `npm test`), never a Node 20 one found on the PATH. */
function npm(args: string[], cwd: string) {
  const cli = process.env.npm_execpath;
  return cli
    ? run(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 << 20 })
    : run("npm", args, { cwd, maxBuffer: 64 << 20 });
}

/** Compiles the package and packs it as `npm pack` does; returns the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
  await run(
    process.execPath,
    [path.join(repository, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: repository,
    },
  );
  // The build already ran (prepack would run it again): the tarball holds what it produced.
  const { stdout } = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", destination], repository);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  return path.join(destination, packed.filename);
}

/** The wallet page: reads a balance and pays, through the package's browser entry only. */
const WALLET_MAIN = `import { BaseWallet, JsonRpcProvider, SigningKey } from "ethers";
import {
  connectCurrency,
  currencyNetwork,
  formatAmount,
  getBalance,
  parseAmount,
  pay,
  type DeploymentRecord,
} from "komuno";

export interface WalletRun {
  rpcUrl: string;
  record: DeploymentRecord;
  privateKey: string;
  to: string;
  amount: string;
}

declare global {
  interface Window {
    komunoWallet(run: WalletRun): Promise<{ before: string; after: string; hash: string; fee: string }>;
  }
}

window.komunoWallet = async ({ rpcUrl, record, privateKey, to, amount }) => {
  const provider = new JsonRpcProvider(rpcUrl, currencyNetwork(record), { staticNetwork: true });
  const signer = new BaseWallet(new SigningKey(privateKey), provider);
  const client = connectCurrency({ provider, signer, currency: record });
  const before = await getBalance(client, { account: signer.address });
  document.querySelector("#balance")!.textContent = formatAmount(before);
  const paid = await pay(client, { to, amount: parseAmount(amount) });
  const after = await getBalance(client, { account: signer.address });
  document.querySelector("#balance")!.textContent = formatAmount(after);
  return { before: String(before), after: String(after), hash: paid.hash, fee: String(paid.fee) };
};
`;

/** A Node.js consumer: every entry point loads, and the CLI answers. */
const NODE_CHECK = `import * as komuno from "komuno";
import * as node from "komuno/node";
import { komunoErrorsAbi, localCurrencyAbi } from "komuno/abi";
import { ens_normalize } from "komuno/no-ens";
import currencySchema from "komuno/schemas/currency.schema.json" with { type: "json" };
import recordSchema from "komuno/schemas/deployment-record.schema.json" with { type: "json" };

let ensRefused = false;
try { ens_normalize("vitalik.eth"); } catch { ensRefused = true; }
console.log(JSON.stringify({
  connectCurrency: typeof komuno.connectCurrency,
  pay: typeof komuno.pay,
  decodeKomunoError: typeof komuno.decodeKomunoError,
  openKeystore: typeof node.openKeystore,
  generateBesuNetwork: typeof node.generateBesuNetwork,
  keystoreInBrowserEntry: "openKeystore" in komuno,
  errors: komunoErrorsAbi.length,
  currencyFunctions: localCurrencyAbi.filter((item) => item.type === "function").length,
  ensRefused,
  schemas: [currencySchema.$id, recordSchema.$id],
}));
`;

/** A strict TypeScript consumer; the expected errors prove the types are really checked. */
const TYPED_CONSUMER = `import { JsonRpcProvider } from "ethers";
import { connectCurrency, decodeKomunoError, getBalance, pay, parseAmount, type KomunoClient, type PayResult } from "komuno";
import { openKeystore } from "komuno/node";
import { localCurrencyAbi } from "komuno/abi";

export async function payTwelveFifty(rpcUrl: string, currency: string, keystore: string, password: string) {
  const provider = new JsonRpcProvider(rpcUrl);
  const signer = await openKeystore(keystore, password);
  const client: KomunoClient = connectCurrency({ provider, signer: signer.connect(provider), currency });
  const balance: bigint = await getBalance(client, { account: signer.address });
  const paid: PayResult = await pay(client, { to: "0x0000000000000000000000000000000000000001", amount: parseAmount("12.50") });
  const reason: string | undefined = decodeKomunoError("0x")?.shortMessage;
  // @ts-expect-error amounts are bigint cents, never floating-point euros
  await pay(client, { to: "0x0000000000000000000000000000000000000001", amount: 12.5 });
  // @ts-expect-error getBalance needs the account to read
  await getBalance(client, {});
  const abiName: "function" | "event" | "error" | "constructor" = localCurrencyAbi[0].type;
  return { balance, fee: paid.fee, reason, abiName };
}
`;

/** The TypeScript examples of the README's "Build a wallet": type-checked as a consumer's own code. */
export async function readmeWalletExamples(): Promise<string[]> {
  const readme = await readFile(path.join(repository, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Build a wallet"),
    readme.indexOf("\n## ", readme.indexOf("## Build a wallet")),
  );
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

export interface Consumer {
  dir: string;
  /** Runs a command of the consumer's own node_modules/.bin, with Node 22. */
  bin(name: string, args: string[]): Promise<{ stdout: string; stderr: string }>;
}

/** A fresh project outside the repository with the tarball, ethers, Vite and TypeScript installed. */
export async function createConsumer(tarball: string): Promise<Consumer> {
  const dir = await mkdtemp(path.join(tmpdir(), "komuno-consumer-"));
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "wallet-consumer", private: true, type: "module" }, null, 2),
  );
  await npm(
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      tarball,
      `ethers@${dependencies.ethers.replace(/^\^/, "")}`,
      `vite@${devDependencies.vite}`,
      `typescript@${devDependencies.typescript}`,
      `@types/node@${devDependencies["@types/node"]}`,
      `viem@${devDependencies.viem}`,
    ],
    dir,
  );
  await mkdir(path.join(dir, "wallet"));
  await writeFile(path.join(dir, "wallet", "main.ts"), WALLET_MAIN);
  await writeFile(
    path.join(dir, "wallet", "index.html"),
    `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>Wallet</title></head>\n` +
      `<body><main><h1>Solde</h1><p id="balance">…</p></main><script type="module" src="./main.ts"></script></body></html>\n`,
  );
  // The README's "Build a wallet" configuration: ethers' ENS normalisation is left out of the bundle.
  await writeFile(
    path.join(dir, "vite.config.js"),
    `export default {\n  root: "wallet",\n  build: { outDir: "../dist-wallet", emptyOutDir: true },\n` +
      `  resolve: { alias: { "@adraffy/ens-normalize": "komuno/no-ens" } },\n};\n`,
  );
  await writeFile(path.join(dir, "check.mjs"), NODE_CHECK);
  await writeFile(path.join(dir, "consumer.ts"), TYPED_CONSUMER);
  const examples = await readmeWalletExamples();
  for (const [i, example] of examples.entries()) await writeFile(path.join(dir, `readme-example-${i + 1}.ts`), example);
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023", "dom"],
          types: ["node"],
        },
        files: ["consumer.ts", "wallet/main.ts", ...examples.map((_, i) => `readme-example-${i + 1}.ts`)],
      },
      null,
      2,
    ),
  );
  const bin = (name: string, args: string[]) =>
    run(process.execPath, [path.join(dir, "node_modules", ".bin", name), ...args], { cwd: dir, maxBuffer: 64 << 20 });
  return { dir, bin };
}

export interface WalletBundle {
  dir: string;
  files: { name: string; bytes: number; gzipBytes: number }[];
  /** The page's JavaScript, gzipped (level 9), in bytes. */
  gzipBytes: number;
}

/** Builds the wallet page with Vite, as a wallet developer would, and measures its JavaScript. */
export async function buildWallet(consumer: Consumer): Promise<WalletBundle> {
  await consumer.bin("vite", ["build", "--logLevel", "warn"]);
  const dir = path.join(consumer.dir, "dist-wallet");
  const assets = path.join(dir, "assets");
  const files = [];
  for (const name of (await readdir(assets)).filter((file) => file.endsWith(".js")).sort()) {
    const content = await readFile(path.join(assets, name));
    files.push({ name, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  }
  return { dir, files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

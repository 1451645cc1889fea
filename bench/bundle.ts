// Wallet bundle size: packs the package, installs it into a fresh project outside the repository, and builds
// the wallet page of the package test (read a balance, pay) with Vite, as a wallet developer would; then the
// same page without the README's ENS alias, and a breakdown of the minified bytes by package (esbuild's
// metafile over the same entry). Writes bench/results/bundle.{json,md}.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { build } from "esbuild";

import { buildWallet, createConsumer, packPackage } from "../test/helpers/walletPackage.js";

// Measured once on the SDK before it was a package (commit a436f4a): the same page through createKomunoClient,
// bundled by Vite 8 from the sources.
const BEFORE = { minifiedBytes: 583_683, gzipBytes: 165_437 };

const packDir = await mkdtemp(path.join(tmpdir(), "komuno-pack-"));
const consumer = await createConsumer(await packPackage(packDir));
try {
  const withAlias = await buildWallet(consumer);
  await writeFile(
    path.join(consumer.dir, "vite.config.js"),
    `export default { root: "wallet", build: { outDir: "../dist-wallet", emptyOutDir: true } };\n`,
  );
  const withoutAlias = await buildWallet(consumer);

  // esbuild (tsx's bundler) only for its metafile: which input each output byte came from.
  const { metafile } = await build({
    entryPoints: [path.join(consumer.dir, "wallet", "main.ts")],
    absWorkingDir: consumer.dir,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    alias: { "@adraffy/ens-normalize": "komuno/no-ens" },
  });
  const byPart = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const inPackage = input.split("node_modules/").pop()!;
      const [scope, name, folder] = inPackage.split("/");
      const part = scope.startsWith("@")
        ? `${scope}/${name}`
        : scope === "komuno"
          ? `komuno/${path
              .dirname(inPackage.replace(/^komuno\/dist\//, ""))
              .split("/")
              .slice(0, 3)
              .join("/")}`
          : scope === "ethers"
            ? `ethers/${folder}`
            : input === "wallet/main.ts"
              ? "the page"
              : scope;
      byPart.set(part, (byPart.get(part) ?? 0) + bytesInOutput);
    }
  }
  const breakdown = [...byPart.entries()].sort((a, b) => b[1] - a[1]).map(([part, bytes]) => ({ part, bytes }));
  const minified = breakdown.reduce((sum, { bytes }) => sum + bytes, 0);
  const result = {
    page: "wallet page of test/package/package.test.ts: connectCurrency, getBalance, pay, ethers BaseWallet",
    vite: { withEnsAlias: withAlias.files, withoutEnsAlias: withoutAlias.files },
    gzipBytes: withAlias.gzipBytes,
    gzipBytesWithoutEnsAlias: withoutAlias.gzipBytes,
    before: BEFORE,
    breakdownMinifiedBytes: breakdown,
  };
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const md = [
    "| wallet page JavaScript | minified | gzipped |",
    "| --- | --- | --- |",
    `| before (SDK from sources, createKomunoClient) | ${kB(BEFORE.minifiedBytes)} | ${kB(BEFORE.gzipBytes)} |`,
    `| the package, without the ENS alias | ${kB(withoutAlias.files.reduce((s, f) => s + f.bytes, 0))} | ${kB(withoutAlias.gzipBytes)} |`,
    `| **the package, README configuration** | ${kB(withAlias.files.reduce((s, f) => s + f.bytes, 0))} | **${kB(withAlias.gzipBytes)}** |`,
    "",
    "Breakdown of the minified bytes (esbuild over the same page, README configuration):",
    "",
    "| part | minified | share |",
    "| --- | --- | --- |",
    ...breakdown
      .filter(({ bytes }) => bytes >= 200)
      .map(({ part, bytes }) => `| ${part} | ${kB(bytes)} | ${((100 * bytes) / minified).toFixed(1)} % |`),
  ].join("\n");
  await writeFile("bench/results/bundle.json", JSON.stringify(result, null, 2) + "\n");
  await writeFile("bench/results/bundle.md", md + "\n");
  console.log(md);
} finally {
  await rm(packDir, { recursive: true, force: true });
  await rm(consumer.dir, { recursive: true, force: true });
}

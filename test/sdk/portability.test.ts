import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Every TypeScript file under `dir`, except the Node-only folders. */
async function walletFacingFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (["node", "cli"].includes(entry.name) && dir === "sdk") continue;
      files.push(...(await walletFacingFiles(full)));
    } else if (entry.name.endsWith(".ts")) files.push(full);
  }
  return files;
}

describe("SDK portability: a web or React Native wallet can bundle it", function () {
  it("imports nothing Node-only outside sdk/node and sdk/cli", async function () {
    const offenders: string[] = [];
    for (const file of await walletFacingFiles("sdk")) {
      const source = await readFile(file, "utf8");
      for (const [, specifier] of source.matchAll(/from\s+"([^"]+)"/g)) {
        const nodeBuiltin =
          specifier.startsWith("node:") || /^(fs|path|child_process|os|net|crypto|url)(\/|$)/.test(specifier);
        const nodeOnlyModule = /\/(node|cli)\//.test(specifier) || /hardhat/.test(specifier);
        if (nodeBuiltin || nodeOnlyModule) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});

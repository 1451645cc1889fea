// Hardhat 3's native engine (@nomicfoundation/edr-<platform>) declares node >= 22. npm judges an optional
// package's engines by the Node that runs npm itself, so on a Node 20 machine it silently leaves the engine
// out. This postinstall hook runs under Node 22 (the `node` devDependency is first on a script's PATH): if
// the engine does not load, it asks npm, now running on Node 22, to complete the same locked tree.
// On a machine that already runs Node 22 the engine loads and nothing happens.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function engineLoads() {
  try {
    require("@nomicfoundation/edr");
    return true;
  } catch {
    return false;
  }
}

if (!engineLoads()) {
  const npmCli = process.env.npm_execpath;
  if (!npmCli) throw new Error("install-native-engine: run me through npm (npm_execpath is not set)");
  console.log(`install-native-engine: adding Hardhat's native engine for Node ${process.version}`);
  execFileSync(process.execPath, [npmCli, "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund"], {
    stdio: "inherit",
  });
  if (!engineLoads()) throw new Error("install-native-engine: Hardhat's native engine still does not load");
}

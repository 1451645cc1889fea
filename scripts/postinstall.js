// After `npm install` or `npm ci` in the repository: completes Hardhat's native engine, then compiles the
// contracts and generates the typed bindings. Installed as a dependency of a wallet (the package carries no
// contracts and no Hardhat), it does nothing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync(new URL("../hardhat.config.ts", import.meta.url))) {
  await import("./install-native-engine.js");
  const npmCli = process.env.npm_execpath;
  if (!npmCli) throw new Error("postinstall: run me through npm (npm_execpath is not set)");
  execFileSync(process.execPath, [npmCli, "run", "build"], { stdio: "inherit" });
}

#!/usr/bin/env node
// The `komuno` command. Installed from the package, it runs the compiled CLI; in the repository, where the
// TypeScript sources sit next to this file, it runs them through tsx (no build step to forget).
import { existsSync } from "node:fs";

const source = new URL("../sdk/cli/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import("../dist/sdk/cli/main.js");
}

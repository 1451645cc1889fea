#!/usr/bin/env node
// The `komuno` command: runs the TypeScript CLI through tsx (no build step to forget).
import { register } from "tsx/esm/api";

register();
await import("../sdk/cli/main.ts");

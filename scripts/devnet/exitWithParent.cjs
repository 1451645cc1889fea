// Preloaded into the devnet's `hardhat node` (node --require): its stdin is a pipe from the process that
// started it, which closes when that process dies in any way (SIGKILL included). A devnet node left running
// after its `npm start` would keep serving a chain whose keystores and record the next start replaces.
"use strict";

process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();

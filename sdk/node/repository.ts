import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { BaseError } from "../errors.js";

/** Deploying or upgrading was asked of the installed package, which carries no contract sources or Hardhat. */
export class RepositoryRequiredError extends BaseError {
  override name = "RepositoryRequiredError";
  constructor(readonly task: string) {
    super(
      `${task} needs the Komuno repository (the contracts, Hardhat and Ignition), not only the installed package.`,
      {
        details: "Run it from a clone of the repository, after `npm install` there.",
      },
    );
  }
}

/**
 * The repository this file belongs to: deployments and upgrades compile and deploy the contracts from there.
 * The installed package ships the SDK and the CLI without them, so the same code refuses with a clear error.
 */
export function repositoryRoot(task: string): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    folder = path.dirname(folder);
    if (existsSync(path.join(folder, "hardhat.config.ts"))) return folder;
  }
  throw new RepositoryRequiredError(task);
}

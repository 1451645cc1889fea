// The package's Node.js entry (`komuno/node`): what needs a file system, a child process or a key on disk.
// A browser wallet imports the main entry (`komuno`) instead, which never reaches in here.
export * from "./chain/besu.js";
export * from "./deploy.js";
export * from "./deploymentFiles.js";
export * from "./keystore.js";
export * from "./storageLayout.js";
export * from "./upgrade.js";
export * from "./repository.js";

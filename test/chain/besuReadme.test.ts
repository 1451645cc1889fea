import { expect } from "chai";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { parseCurrencyConfig, type CurrencyConfig } from "../../sdk/currency/schema.js";
import { BESU_IMAGE, generateBesuNetwork, type GeneratedNetwork } from "../../sdk/node/chain/besu.js";
import { BESU_OPTIONS, BESU_SUBCOMMANDS, composeServices, readToml } from "../helpers/besu.js";

const miel = parseCurrencyConfig(JSON.parse(readFileSync("currencies/miel.json", "utf8")), "currencies/miel.json");

/** What a README command may refer to, read from the generated files themselves. */
interface Generated {
  config: CurrencyConfig;
  network: GeneratedNetwork;
  services: string[];
  compose: string;
  /** Node folder -> its config.toml. */
  configs: Map<string, Record<string, any>>;
  /** Container name -> node folder. */
  containers: Map<string, string>;
  /** Backup archives created by earlier commands, which later ones may restore. */
  archives: Set<string>;
  /** Shell variables set by earlier commands. */
  variables: Map<string, string>;
}

describe("The generated README: every command checked against the generated files and Besu's options", function () {
  let tmp: string;

  before(async function () {
    tmp = await mkdtemp(path.join(os.tmpdir(), "komuno-readme-"));
  });

  after(async function () {
    await rm(tmp, { recursive: true, force: true });
  });

  for (const validators of [4, 7]) {
    it(`names only existing services, nodes, ports, APIs and Besu options, for ${validators} validators`, async function () {
      const generated = await generate(path.join(tmp, `v${validators}`), validators);
      const readme = await readFile(path.join(generated.network.outDir, "README.md"), "utf8");
      const commands = shellCommands(readme);
      expect(commands.length).to.be.greaterThan(40);
      for (const command of commands) checkCommand(command, generated);
    });
  }

  it("covers the runbook: first start, checks, browsers, metrics, validators, key loss, backup, resync, upgrade", async function () {
    const generated = await generate(path.join(tmp, "sections"), 4);
    const readme = await readFile(path.join(generated.network.outDir, "README.md"), "utf8");
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).to.deep.equal([
      "Files",
      "First start",
      "Check what only a real start shows",
      "Serve browsers",
      "Metrics",
      "Deploy the currency",
      "Who may send transactions",
      "Call a validator",
      "Add a validator",
      "Remove a validator",
      "A compromised validator key",
      "Back up and restore a node",
      "Resync a lost node",
      "Upgrade Besu",
      "What was checked against Besu's source, and what only a start shows",
      "Production",
    ]);
    const commands = shellCommands(readme);
    expect(commands).to.include("docker compose up -d");
    expect(commands).to.include(
      `docker run --rm --entrypoint besu ${BESU_IMAGE} --version`,
      "the operator checks the version Besu itself reports",
    );
    expect(commands.filter((c) => c.includes("public-key")).every((c) => c.includes("--entrypoint besu"))).to.equal(
      true,
    );
  });

  it("refuses a command that names a service, a flag or a port the files do not have", async function () {
    const generated = await generate(path.join(tmp, "refusals"), 4);
    const bad = [
      "docker compose logs -f validator-9",
      `docker run --rm --entrypoint besu ${BESU_IMAGE} --profile=ENTERPRISE`,
      `docker run --rm --entrypoint besu ${BESU_IMAGE} --data-path=/data public-key export --out=/data/key.pub`,
      `docker run --rm ${BESU_IMAGE} --data-path=/data public-key export-address`,
      "docker run --rm --entrypoint besu hyperledger/besu:latest --version",
      `curl -s http://127.0.0.1:9999/metrics`,
      `node_rpc komuno-miel-rpc-node 8545 '{"jsonrpc":"2.0","method":"perm_reloadPermissionsFromFile","params":[],"id":1}'`,
      `node_rpc komuno-miel-validator-1 8547 '{"jsonrpc":"2.0","method":"admin_peers","params":[],"id":1}'`,
      "sudo rm -rf validator-9/data",
      "kubectl apply -f besu.yml",
    ];
    for (const command of bad) {
      let refusal: unknown;
      try {
        checkCommand(command, generated);
      } catch (error) {
        refusal = error;
      }
      // Refused by a check, not by a crash of the checker.
      expect(refusal, command).to.be.instanceOf(Error);
      expect(refusal, command).to.not.be.instanceOf(TypeError);
    }
  });
});

async function generate(outDir: string, validators: number): Promise<Generated> {
  const network = await generateBesuNetwork(miel, { outDir, validators });
  const compose = await readFile(path.join(outDir, "docker-compose.yml"), "utf8");
  const nodes = [...network.validators, network.rpcNode].map((node) => path.basename(node.dir));
  const configs = new Map<string, Record<string, any>>();
  for (const node of nodes) configs.set(node, await readToml(path.join(outDir, node, "config.toml")));
  const containers = new Map(nodes.map((node) => [`komuno-${miel.code}-${node}`, node]));
  return {
    config: miel,
    network,
    services: composeServices(compose),
    compose,
    configs,
    containers,
    archives: new Set(),
    variables: new Map(),
  };
}

/** The commands of the README's `sh` blocks, one per entry, continuation lines joined. */
function shellCommands(readme: string): string[] {
  const commands: string[] = [];
  for (const block of readme.matchAll(/^( *)```sh\n([\s\S]*?)^\1```$/gm)) {
    let pending = "";
    for (const line of block[2].split("\n").map((l) => l.slice(block[1].length))) {
      if (line.trim() === "") continue;
      if (line.endsWith("\\")) {
        pending += line.slice(0, -1);
        continue;
      }
      commands.push((pending + line).trim().replace(/\s+/g, " "));
      pending = "";
    }
    expect(pending, "a command continued past its block").to.equal("");
  }
  return commands;
}

/** Shell words, quotes removed; an unquoted `|` is a word of its own. */
function words(command: string): string[] {
  const result: string[] = [];
  let current = "";
  let quote: string | null = null;
  let started = false;
  for (const char of command) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (char === " ") {
      if (started || current !== "") result.push(current);
      current = "";
      started = false;
    } else if (char === "|") {
      if (started || current !== "") result.push(current);
      result.push("|");
      current = "";
      started = false;
    } else {
      current += char;
    }
  }
  expect(quote, `unclosed quote in ${command}`).to.equal(null);
  if (started || current !== "") result.push(current);
  return result;
}

function checkCommand(command: string, g: Generated): void {
  const [first, ...rest] = command.split(" | ");
  for (const piped of rest) expect(piped, command).to.match(/^grep (-E|-i) /);
  const argv = words(first);
  const where = `in "${command}"`;
  const nodeFolder = (name: string) => {
    expect(g.configs.has(name), `${name} is not a node folder ${where}`).to.equal(true);
    return name;
  };

  const assignment = /^([A-Z_]+)=(\S+)$/.exec(command);
  if (assignment !== null) {
    expect(assignment[1], where).to.equal("NEW_IMAGE");
    expect(assignment[2], where).to.match(/^hyperledger\/besu:\d+\.\d+\.\d+$/);
    g.variables.set(assignment[1], assignment[2]);
    return;
  }
  if (command.startsWith("node_rpc() { ")) {
    expect(command, where).to.include('docker run --rm --network "container:$1" curlimages/curl -s -X POST');
    expect(command, where).to.include('"http://127.0.0.1:$2"; }');
    return;
  }
  switch (argv[0]) {
    case "docker":
      return argv[1] === "compose" ? checkCompose(argv.slice(2), g, where) : checkDockerRun(argv.slice(1), g, where);
    case "curl":
      return checkCurl(argv.slice(1), g, where);
    case "node_rpc": {
      const [, container, port, request] = argv;
      const node = g.containers.get(container);
      expect(node, `unknown container ${container} ${where}`).to.not.equal(undefined);
      const config = g.configs.get(node!)!;
      expect(Number(port), `${container}'s RPC port ${where}`).to.equal(config["rpc-http-port"]);
      checkJsonRpc(request, config["rpc-http-api"], where);
      return;
    }
    case "npx":
      expect(argv.slice(0, 5), where).to.deep.equal([
        "npx",
        "komuno",
        "deploy",
        `currencies/${g.config.code}.json`,
        "--rpc",
      ]);
      expect(argv[5], where).to.equal(g.network.rpcUrl);
      expect(argv.slice(6, 7), where).to.deep.equal(["--keystore"]);
      return;
    case "ssh": {
      const rpcPort = g.network.rpcUrl.split(":")[2];
      expect(argv.slice(0, 4), where).to.deep.equal(["ssh", "-N", "-L", `${rpcPort}:127.0.0.1:${rpcPort}`]);
      return;
    }
    case "mkdir":
      expect(argv, where).to.deep.equal(["mkdir", "new-validator"]);
      return;
    case "sed": {
      const [, inPlace, script, file] = argv;
      expect([inPlace, file], where).to.deep.equal(["-i", "docker-compose.yml"]);
      const [, from, to] = script.split("|");
      expect(g.compose, `${from} ${where}`).to.include(`image: "${from}"`);
      expect(g.variables.has(to.replace(/^\$/, "")), `${to} is set above ${where}`).to.equal(true);
      return;
    }
    case "sudo":
      return checkSudo(argv.slice(1), g, where, nodeFolder);
    default:
      throw new Error(`unrecognised command ${where}`);
  }
}

const COMPOSE_FLAGS: Record<string, string[]> = {
  up: ["-d", "--no-deps"],
  ps: ["--all"],
  logs: ["-f"],
  down: [],
  stop: [],
  start: [],
  restart: [],
  pull: [],
};

function checkCompose(argv: string[], g: Generated, where: string): void {
  const [subcommand, ...args] = argv;
  expect(Object.keys(COMPOSE_FLAGS), `docker compose ${subcommand} ${where}`).to.include(subcommand);
  for (const arg of args) {
    if (arg.startsWith("-")) expect(COMPOSE_FLAGS[subcommand], `${arg} ${where}`).to.include(arg);
    else expect(g.services, `service ${arg} ${where}`).to.include(arg);
  }
}

function checkDockerRun(argv: string[], g: Generated, where: string): void {
  expect(argv[0], where).to.equal("run");
  const docker: Record<string, string | true> = {};
  let i = 1;
  for (; argv[i].startsWith("-"); i++) {
    if (argv[i] === "--rm") docker.rm = true;
    else docker[argv[i]] = argv[++i];
  }
  expect(
    Object.keys(docker).filter((flag) => !["rm", "--entrypoint", "-v", "--user"].includes(flag)),
    where,
  ).to.deep.equal([]);
  const image = argv[i].startsWith("$") ? g.variables.get(argv[i].slice(1)) : argv[i];
  const besuArgs = argv.slice(i + 1);
  if (image !== BESU_IMAGE) expect(argv[i], `image ${argv[i]} ${where}`).to.equal("$NEW_IMAGE");
  expect(image, `image ${argv[i]} ${where}`).to.match(/^hyperledger\/besu:\d+\.\d+\.\d+$/);
  // The image's entry script would run a one-off command as root and leave root-owned files behind.
  expect(docker["--entrypoint"], where).to.equal("besu");
  expect(docker.rm, where).to.equal(true);

  const flags = besuArgs.filter((arg) => arg.startsWith("--"));
  const positional = besuArgs.filter((arg) => !arg.startsWith("--"));
  const subcommand = positional.join(" ");
  const subcommandOptions = subcommand === "" ? [] : BESU_SUBCOMMANDS[subcommand]?.options;
  expect(subcommandOptions, `besu subcommand "${subcommand}" ${where}`).to.not.equal(undefined);
  const configKeys = new Set([...g.configs.values()].flatMap((config) => Object.keys(config)));
  const firstSubcommandWord = besuArgs.indexOf(positional[0]);
  for (const [index, flag] of besuArgs.entries()) {
    if (!flag.startsWith("--")) continue;
    const name = flag.slice(2).split("=")[0];
    const afterSubcommand = positional.length > 0 && index > firstSubcommandWord;
    if (afterSubcommand) expect(subcommandOptions, `${subcommand} --${name} ${where}`).to.include(name);
    else expect(configKeys.has(name) || name in BESU_OPTIONS, `besu --${name} ${where}`).to.equal(true);
  }
  const mount = docker["-v"] as string | undefined;
  if (subcommand === "validate-config") {
    expect(mount, where).to.equal("$PWD:/opt/komuno:ro");
    const file = flags.find((flag) => flag.startsWith("--config-file="))!.split("=")[1];
    const node = file.match(/^\/opt\/komuno\/([a-z0-9-]+)\/config\.toml$/)?.[1];
    expect(node !== undefined && g.configs.has(node), `config file ${file} ${where}`).to.equal(true);
  } else if (subcommand.startsWith("public-key")) {
    expect(mount, where).to.equal("$PWD/new-validator:/data");
    expect(docker["--user"], where).to.equal("$(id -u):$(id -g)");
    expect(flags[0], where).to.equal("--data-path=/data");
    expect(flags[1], where).to.match(/^--to=\/data\/(address|key\.pub)$/);
  } else {
    expect(besuArgs, where).to.deep.equal(["--version"]);
  }
}

function checkCurl(argv: string[], g: Generated, where: string): void {
  const url = argv.find((arg) => arg.startsWith("http://"));
  expect(url, where).to.not.equal(undefined);
  const { hostname, port, pathname } = new URL(url!);
  expect(hostname, where).to.equal("127.0.0.1");
  const rpcNode = g.configs.get("rpc-node")!;
  const headers = argv.flatMap((arg, i) => (argv[i - 1] === "-H" ? [arg] : []));
  if (pathname === "/metrics") {
    const metricsPorts = [...g.configs.values()].map((config) => config["metrics-port"]);
    expect(metricsPorts, `metrics port ${where}`).to.include(Number(port));
    return;
  }
  expect(Number(port), `only the RPC node is published ${where}`).to.equal(rpcNode["rpc-http-port"]);
  for (const header of headers) {
    const [name, value] = header.split(": ");
    if (name === "Host") expect(rpcNode["host-allowlist"], where).to.include(value);
    if (name === "Origin") {
      const pattern = new RegExp(`^(?:${rpcNode["rpc-http-cors-origins"].join("|")})$`);
      expect(pattern.test(value), `origin ${value} ${where}`).to.equal(true);
    }
  }
  const data = argv[argv.indexOf("--data") + 1];
  if (argv.includes("--data")) checkJsonRpc(data, rpcNode["rpc-http-api"], where);
  else expect(argv, where).to.include.members(["-X", "OPTIONS"]);
}

function checkJsonRpc(request: string, apis: string[], where: string): void {
  const { jsonrpc, method } = JSON.parse(request.replace(/<[^>]+>/g, "0x0"));
  expect(jsonrpc, where).to.equal("2.0");
  expect(apis, `${method}'s API is not enabled ${where}`).to.include(method.split("_")[0].toUpperCase());
}

function checkSudo(argv: string[], g: Generated, where: string, nodeFolder: (name: string) => string): void {
  const [tool, flags, ...paths] = argv;
  if (tool === "rm") {
    expect(flags, where).to.equal("-rf");
    expect(paths, where).to.have.length(1);
    expect(paths[0], where).to.match(/\/data$/);
    nodeFolder(paths[0].replace(/\/data$/, ""));
  } else if (tool === "mv") {
    nodeFolder(flags);
    expect(paths, where).to.deep.equal([`${flags}.compromised`]);
  } else if (tool === "tar" && flags === "-czf") {
    const [archive, folder, ...files] = paths;
    expect(archive, where).to.equal(`${nodeFolder(folder)}-backup.tar.gz`);
    expect(files, where).to.deep.equal(["genesis.json", "permissions_config.toml", "docker-compose.yml"]);
    g.archives.add(archive);
  } else if (tool === "tar" && flags === "-xzpf") {
    expect([...g.archives], `restores an archive made above ${where}`).to.include(paths[0]);
  } else {
    throw new Error(`unrecognised sudo command ${where}`);
  }
}

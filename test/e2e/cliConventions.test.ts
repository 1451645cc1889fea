import { expect } from "chai";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { HDNodeWallet, id, Mnemonic } from "ethers";

import { freePort } from "../../scripts/devnet/node.js";
import { keystoreAddress } from "../../sdk/node/keystore.js";
import { runCli, type CliResult } from "../helpers/cli.js";
import { dispose, freshEnvironment, keys, type Environment } from "../helpers/devnetCurrency.js";

const DEVELOPMENT_MNEMONIC = "test test test test test test test test test test test junk";
const CURRENCY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** `komuno` with `input` piped to its stdin, as `echo $KEY | komuno keys import` does. */
function runCliWithInput(args: string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("bin/komuno.js"), ...args], {
      env: {
        ...process.env,
        KOMUNO_CURRENCY: undefined,
        KOMUNO_KEYSTORE: undefined,
        KOMUNO_PASSWORD: undefined,
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The one JSON object a failed command prints on stderr with --json. */
function jsonError(result: CliResult): any {
  expect(result.stderr.trim().split("\n"), result.stderr).to.have.length(1);
  return JSON.parse(result.stderr);
}

describe("The komuno CLI's conventions", function () {
  let dir: string;
  let passwordFile: string;

  before(async function () {
    dir = await mkdtemp(path.join(tmpdir(), "komuno-cli-"));
    passwordFile = path.join(dir, "password.txt");
    await writeFile(passwordFile, "a password from a file\nignored second line\n");
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  describe("version, help and exit statuses", function () {
    it("prints the package's version", async function () {
      const { version } = JSON.parse(await readFile("package.json", "utf8"));
      for (const flag of ["--version", "-V"]) {
        const result = await runCli([flag]);
        expect(result).to.deep.include({ code: 0, stdout: `${version}\n`, stderr: "" });
      }
    });

    it("documents every exit status in --help", async function () {
      const help = await runCli(["--help"]);
      expect(help.code).to.equal(0);
      for (const line of [
        "1  check failed",
        "2  usage",
        "3  node unreachable",
        "4  refused",
        "--password-file <file>",
        "--version",
        "completion <shell>",
      ]) {
        expect(help.stdout).to.include(line);
      }
    });

    it("exits 2 on a bad command line, with one line on stderr, or one JSON object with --json", async function () {
      for (const args of [
        ["pay", "0x12", "5.00"],
        ["pay", CURRENCY, "12,50"],
        ["--no-such-option", "info"],
        ["member"],
      ]) {
        const result = await runCli(["--currency", CURRENCY, ...args]);
        expect(result.code, `${args.join(" ")}: ${result.stderr}`).to.equal(2);
        expect(result.stdout).to.equal("");
      }
      const text = await runCli(["--currency", CURRENCY, "pay", CURRENCY, "12,50"]);
      expect(text.stderr).to.match(/^error: .*Invalid amount "12,50": use a dot for decimals, e\.g\. 12\.50\.\n$/);
      const result = await runCli(["--json", "--currency", CURRENCY, "pay", CURRENCY, "12,50"]);
      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal("");
      expect(jsonError(result)).to.deep.equal({
        error: "UsageError",
        message: `command-argument value '12,50' is invalid for argument 'amount'. Invalid amount "12,50": use a dot for decimals, e.g. 12.50.`,
        exitCode: 2,
      });
    });

    it("exits 2 naming a file that is not there (the evidence of an attestation must exist)", async function () {
      const missing = path.join(dir, "releve-2026-11.pdf");
      const result = await runCli(["--json", "reserve", "attest", "326.40", "--evidence", missing]);
      expect(jsonError(result)).to.deep.equal({
        error: "FileError",
        message: `Cannot use ${missing}: no such file or directory.`,
        exitCode: 2,
      });
    });

    it("exits 3 when the node does not answer, --json naming the error and the node", async function () {
      const rpc = `http://127.0.0.1:${await freePort()}`;
      const result = await runCli(["--rpc", rpc, "--currency", CURRENCY, "--json", "info"]);
      expect(result.code).to.equal(3);
      expect(jsonError(result)).to.include({
        error: "RpcError",
        message: `A request to the node failed: the node at ${rpc} did not answer.`,
        exitCode: 3,
      });
    });
  });

  describe("keys import", function () {
    const development = (index: number) =>
      HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEVELOPMENT_MNEMONIC), `m/44'/60'/0'/0/${index}`);

    it("encrypts a private key read from stdin, with the password of --password-file", async function () {
      const out = path.join(dir, "treasurer.json");
      const key = development(1).privateKey;
      const result = await runCliWithInput(
        ["--password-file", passwordFile, "--json", "keys", "import", "--out", out],
        `${key}\n`,
      );
      expect(result.code, result.stderr).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal({ address: development(1).address, keystore: out });
      expect(await keystoreAddress(out)).to.equal(development(1).address);
      expect(result.stdout + result.stderr).to.not.include(key.slice(2));
      // The keystore opens with the file's first line only.
      const opened = await runCli(["--keystore", out, "--password-file", passwordFile, "keys", "address"]);
      expect(opened.stdout.trim()).to.equal(development(1).address);
    });

    it("derives the account of a mnemonic at --index or --path", async function () {
      const byIndex = path.join(dir, "index3.json");
      const result = await runCliWithInput(
        ["--json", "keys", "import", "--out", byIndex, "--index", "3"],
        `  ${DEVELOPMENT_MNEMONIC.replace(/ /g, "\n")}  \n`,
        { KOMUNO_PASSWORD: "an environment password" },
      );
      expect(result.code, result.stderr).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal({
        address: development(3).address,
        keystore: byIndex,
        path: "m/44'/60'/0'/0/3",
      });
      const byPath = path.join(dir, "path5.json");
      const other = await runCliWithInput(
        ["--password-file", passwordFile, "keys", "import", "--out", byPath, "--path", "m/44'/60'/0'/0/5"],
        DEVELOPMENT_MNEMONIC,
      );
      expect(other.stdout).to.equal(`${development(5).address} in ${byPath}\n`);
    });

    it("refuses, with exit status 2 and without repeating it, what is not a key, and never overwrites a keystore", async function () {
      const out = path.join(dir, "refused.json");
      const notAKey = "test test test test test test test test test test test test"; // bad checksum
      const cases: [string[], string, string][] = [
        [["--out", out], notAKey, "neither a private key (64 hexadecimal digits) nor a mnemonic"],
        [["--out", out], "", "nothing was given"],
        [["--out", out, "--index", "2"], development(0).privateKey, "a private key is one account"],
        [["--out", out, "--index", "1", "--path", "m/0"], DEVELOPMENT_MNEMONIC, "give one of them, not both"],
        [["--out", out, "--path", "44/60"], DEVELOPMENT_MNEMONIC, "a path such as m/44'/60'/0'/0/3"],
        [["--out", path.join(dir, "treasurer.json")], development(2).privateKey, "already exists"],
      ];
      const before = await readFile(path.join(dir, "treasurer.json"), "utf8");
      for (const [args, secret, message] of cases) {
        const result = await runCliWithInput(["--password-file", passwordFile, "keys", "import", ...args], secret);
        expect(result.code, result.stderr).to.equal(2);
        expect(result.stderr).to.include(message);
        if (secret !== "") expect(result.stderr).to.not.include(secret.slice(4, 40));
      }
      expect(await readFile(path.join(dir, "treasurer.json"), "utf8")).to.equal(before);
      const noPassword = await runCliWithInput(["keys", "import", "--out", out], development(0).privateKey);
      expect(noPassword.code).to.equal(2);
      expect(noPassword.stderr).to.include("give the keystore's password with --password-file FILE or KOMUNO_PASSWORD");
      const shortPassword = await runCliWithInput(["keys", "import", "--out", out], development(0).privateKey, {
        KOMUNO_PASSWORD: "short",
      });
      expect(shortPassword.stderr).to.include("at least 8 characters");
      await readFile(out).then(
        () => expect.fail(`${out} was written`),
        () => undefined,
      );
    });

    it("refuses a password file that is missing, and a wrong password, with exit status 2", async function () {
      const keystore = path.join(dir, "treasurer.json");
      const missing = await runCli([
        "--keystore",
        keystore,
        "--password-file",
        path.join(dir, "nope.txt"),
        "--json",
        "pay",
        CURRENCY,
        "1.00",
      ]);
      expect(jsonError(missing)).to.include({ error: "InvalidInputError", exitCode: 2 });
      expect(jsonError(missing).message).to.include("nope.txt: no such file");
      await writeFile(path.join(dir, "wrong.txt"), "not the password\n");
      const wrong = await runCli([
        "--currency",
        CURRENCY,
        "--keystore",
        keystore,
        "--password-file",
        path.join(dir, "wrong.txt"),
        "pay",
        CURRENCY,
        "1.00",
      ]);
      expect(wrong.code).to.equal(2);
      expect(wrong.stderr).to.equal(`error: Cannot open keystore ${keystore}: wrong password or not a keystore.\n`);
      expect(wrong.stderr).to.not.include("not the password");
    });
  });

  describe("shell completion", function () {
    /** What bash offers after `words` (the last one being completed), through the script `completion bash` prints. */
    async function bashOffers(script: string, words: string[]): Promise<string[]> {
      const file = path.join(dir, "komuno.bash");
      await writeFile(file, script);
      const program = [
        `source ${JSON.stringify(file)}`,
        `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")})`,
        `COMP_CWORD=${words.length - 1}`,
        "_komuno",
        `printf '%s\\n' "\${COMPREPLY[@]}"`,
      ].join("\n");
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile("bash", ["-c", program], { cwd: dir }, (error, out, err) =>
          error ? reject(new Error(err)) : resolve(out),
        ),
      );
      return stdout.split("\n").filter(Boolean).sort();
    }

    it("completes commands, subcommands and their options in bash, from the program itself", async function () {
      const result = await runCli(["completion", "bash"]);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.include("complete -o filenames -F _komuno komuno");
      const script = result.stdout;
      expect(await bashOffers(script, ["komuno", "mem"])).to.deep.equal(["member"]);
      expect(await bashOffers(script, ["komuno", "re"])).to.deep.equal(["reconversion", "relay", "request", "reserve"]);
      expect(await bashOffers(script, ["komuno", "member", "re"])).to.deep.equal(["recover", "recoveries"]);
      // An option's value is not taken for a command.
      expect(await bashOffers(script, ["komuno", "--rpc", "http://127.0.0.1:8546", "keys", "i"])).to.deep.equal([
        "import",
      ]);
      expect(await bashOffers(script, ["komuno", "keys", "import", "--"])).to.include.members([
        "--out",
        "--index",
        "--path",
        "--help",
        "--json",
        "--password-file",
      ]);
      expect(await bashOffers(script, ["komuno", "keys", "import", "--i"])).to.deep.equal(["--index"]);
      // A file after an option that takes one.
      await writeFile(path.join(dir, "evidence-2026-11.pdf"), "statement");
      expect(
        await bashOffers(script, ["komuno", "reserve", "attest", "1.00", "--evidence", "evidence-"]),
      ).to.deep.equal(["evidence-2026-11.pdf"]);
    });

    it("prints a zsh script with each command's description, and refuses another shell", async function () {
      const zsh = await runCli(["completion", "zsh"]);
      expect(zsh.code, zsh.stderr).to.equal(0);
      expect(zsh.stdout).to.match(/^#compdef komuno\n/);
      expect(zsh.stdout).to.include("compdef _komuno komuno");
      expect(zsh.stdout).to.include("'keys') reply=('new:");
      expect(zsh.stdout).to.include("'import:encrypt an existing private key or mnemonic into a keystore");
      const fish = await runCli(["--json", "completion", "fish"]);
      expect(fish.code).to.equal(2);
      expect(jsonError(fish).message).to.include("Allowed choices are bash, zsh");
    });
  });

  describe("against a node", function () {
    let env: Environment;

    before(async function () {
      env = await freshEnvironment({ code: "conventions" });
    });

    after(async function () {
      await dispose(env);
    });

    it("talks to the node its deployment record names when neither --rpc nor KOMUNO_RPC is given", async function () {
      const record = JSON.parse(await readFile(env.record, "utf8"));
      expect(record.rpcUrl).to.equal(env.node.url);
      expect(env.node.url).to.not.equal("http://127.0.0.1:8545");
      const info = await runCli(["--currency", env.record, "--json", "info"]);
      expect(info.code, info.stderr).to.equal(0);
      expect(JSON.parse(info.stdout)).to.include({ address: record.address, symbol: "TEST" });
      // An explicit node wins over the record's.
      const elsewhere = `http://127.0.0.1:${await freePort()}`;
      for (const result of [
        await runCli(["--rpc", elsewhere, "--currency", env.record, "info"]),
        await runCli(["--currency", env.record, "info"], { KOMUNO_RPC: elsewhere }),
      ]) {
        expect(result.code).to.equal(3);
        expect(result.stderr).to.include(`the node at ${elsewhere} did not answer`);
      }
    });

    it("exits 4 when the contract refuses, naming the missing role; --json adds the contract's error", async function () {
      const text = await env.cli(["member", "add", keys.person.address, "--kind", "person"], "treasurer");
      expect(text.code).to.equal(4);
      expect(text.stderr).to.match(
        new RegExp(
          `^error: .* refused: ${keys.treasurer.address} does not hold the role this needs: member manager\\n$`,
        ),
      );
      const json = jsonError(
        await env.cli(["--json", "member", "add", keys.person.address, "--kind", "person"], "treasurer"),
      );
      expect(json).to.include({ error: "ContractRevertError", exitCode: 4 });
      expect(json.contractError).to.deep.equal({
        name: "AccessControlUnauthorizedAccount",
        args: { account: keys.treasurer.address, neededRole: id("MEMBER_MANAGER_ROLE") },
      });
      expect(json.details).to.equal(
        `AccessControlUnauthorizedAccount(account=${keys.treasurer.address}, neededRole=${id("MEMBER_MANAGER_ROLE")})`,
      );
    });

    it("opens any command's keystore with --password-file, before KOMUNO_PASSWORD", async function () {
      const keystore = path.join(dir, "manager.json");
      const imported = await runCliWithInput(
        ["--password-file", passwordFile, "keys", "import", "--out", keystore],
        keys.manager.privateKey,
      );
      expect(imported.code, imported.stderr).to.equal(0);
      // env.cli sets KOMUNO_PASSWORD to the test keystores' password, which does not open this one.
      const admitted = await env.cli([
        "--keystore",
        keystore,
        "--password-file",
        passwordFile,
        "--json",
        "member",
        "add",
        keys.business.address,
        "--kind",
        "business",
      ]);
      expect(admitted.code, admitted.stderr).to.equal(0);
      const member = JSON.parse((await env.cli(["--json", "member", "show", keys.business.address])).stdout);
      expect(member).to.include({ kind: "business", status: "active" });
    });
  });
});

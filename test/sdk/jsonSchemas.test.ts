import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Provider } from "ethers";
import { network } from "hardhat";

import { deployCurrency, deploymentRecordOf } from "../../ignition/deployCurrency.js";
import { createKomunoClient } from "../../sdk/client.js";
import {
  parseCurrencyConfig,
  parseCurrencyConfigs,
  toGovernanceParams,
  toInitParams,
} from "../../sdk/currency/schema.js";
import { parseDeploymentRecord, type DeploymentRecord } from "../../sdk/deployment.js";
import { CurrencyConfigError, InvalidDeploymentRecordError } from "../../sdk/errors.js";
import { writeDeploymentRecord } from "../../sdk/node/deploymentFiles.js";
import { settlePendingUpgrade, upgradeCurrency } from "../../sdk/node/upgrade.js";
import { fieldOf, readSchema, schemaErrors, type SchemaName } from "../helpers/jsonSchemas.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const currencyFiles = readdirSync("currencies")
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({ source: `currencies/${file}`, content: JSON.parse(readFileSync(`currencies/${file}`, "utf8")) }));
const miel = currencyFiles.find((f) => f.source === "currencies/miel.json")!.content;

const ADDRESS = "0xae6CDe03557D7888DDA74c08DE2ab1B58f4FA80F";
const BAD_CHECKSUM = "0xAE6cde03557D7888DDA74c08DE2ab1B58f4FA80F";
const ZERO = "0x" + "0".repeat(40);

/** A deep copy of `base` with one change. */
function changed<T>(base: T, change: (copy: any) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/** The problems parseCurrencyConfig reports, or [] when it accepts the file. */
function currencyProblems(input: unknown): string[] {
  try {
    parseCurrencyConfig(input, "test.json");
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(CurrencyConfigError);
    return [...(error as CurrencyConfigError).problems];
  }
}

/** Why parseDeploymentRecord refuses the record (it stops at the first problem), or undefined when it accepts it. */
function recordProblem(input: unknown): string | undefined {
  try {
    parseDeploymentRecord(input, "test.json");
    return undefined;
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidDeploymentRecordError);
    return /^Invalid deployment record test\.json: (.*)\.$/.exec((error as Error).message)![1];
  }
}

/** A JSON pointer as the TypeScript validators name a field: "/roles/treasurers/0" is "roles.treasurers[0]". */
function dotted(pointer: string): string {
  return pointer
    .slice(1)
    .split("/")
    .map((part, i) => (/^[0-9]+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/** Asserts that the schema refuses `input` at exactly one field, `pointer`, with `keyword` among its reasons. */
function expectSchemaRefusal(name: SchemaName, input: unknown, pointer: string, keyword: string) {
  const errors = schemaErrors(name, input);
  expect(errors, "the schema accepted it").to.not.deep.equal([]);
  expect([...new Set(errors.map(fieldOf))], JSON.stringify(errors)).to.deep.equal([pointer]);
  expect(errors.map((e) => e.keyword)).to.include(keyword);
}

describe("JSON Schemas shipped with the SDK", function () {
  for (const [name, id] of [
    ["currency", "https://komuno.org/schemas/currency.schema.json"],
    ["deployment-record", "https://komuno.org/schemas/deployment-record.schema.json"],
  ] as const) {
    it(`${name}: is a draft 2020-12 schema with its $id, and says what each field means`, function () {
      const schema = readSchema(name);
      expect(schema.$schema).to.equal("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).to.equal(id);
      const undocumented: string[] = [];
      const visit = (node: unknown, where: string) => {
        if (typeof node !== "object" || node === null) return;
        const { properties } = node as { properties?: Record<string, { title?: string; description?: string }> };
        for (const [key, property] of Object.entries(properties ?? {})) {
          if (!property.title || !property.description) undocumented.push(`${where}/properties/${key}`);
        }
        for (const [key, child] of Object.entries(node)) visit(child, `${where}/${key}`);
      };
      visit(schema, "#");
      expect(undocumented).to.deep.equal([]);
    });
  }

  describe("currency files", function () {
    it("accepts every committed currency file, as parseCurrencyConfigs does", function () {
      expect(currencyFiles.map((f) => f.source)).to.include.members(["currencies/miel.json", "currencies/eusko.json"]);
      parseCurrencyConfigs(currencyFiles);
      for (const { source, content } of currencyFiles) {
        expect(schemaErrors("currency", content), source).to.deep.equal([]);
      }
    });

    // One bad field each: both validators must refuse it, and name the same field.
    const refused: [string, (c: any) => void, string, string][] = [
      ["an unknown field", (c) => (c.colour = "gold"), "/colour", "additionalProperties"],
      [
        "an unknown nested field",
        (c) => (c.policy.reconversion.fee = 1),
        "/policy/reconversion/fee",
        "additionalProperties",
      ],
      ["an unknown role", (c) => (c.roles.minters = [ADDRESS]), "/roles/minters", "additionalProperties"],
      ["a missing field", (c) => delete c.symbol, "/symbol", "required"],
      ["a missing nested field", (c) => delete c.governance.cancellers, "/governance/cancellers", "required"],
      ["a code with a space and capitals", (c) => (c.code = "Miel Libourne"), "/code", "pattern"],
      ["a one-letter code", (c) => (c.code = "m"), "/code", "pattern"],
      ["a code of 33 characters", (c) => (c.code = "m" + "i".repeat(32)), "/code", "pattern"],
      ["a code starting with a digit", (c) => (c.code = "1miel"), "/code", "pattern"],
      ["an empty name", (c) => (c.name = ""), "/name", "minLength"],
      ["a name of spaces only", (c) => (c.name = "   "), "/name", "pattern"],
      ["a name of 65 characters", (c) => (c.name = "M".repeat(65)), "/name", "maxLength"],
      ["a name that is a number", (c) => (c.name = 5), "/name", "type"],
      ["a lowercase symbol", (c) => (c.symbol = "miel"), "/symbol", "pattern"],
      ["a one-letter symbol", (c) => (c.symbol = "M"), "/symbol", "pattern"],
      ["a symbol of 11 characters", (c) => (c.symbol = "MIELMIELMIE"), "/symbol", "pattern"],
      ["a chain id as text", (c) => (c.chainId = "46330"), "/chainId", "type"],
      ["a fractional chain id", (c) => (c.chainId = 46330.5), "/chainId", "type"],
      ["a chain id of 0", (c) => (c.chainId = 0), "/chainId", "minimum"],
      ["a chain id above 32 bits", (c) => (c.chainId = 2 ** 32), "/chainId", "maximum"],
      ["Ethereum's chain id", (c) => (c.chainId = 1), "/chainId", "not"],
      ["Gnosis's chain id", (c) => (c.chainId = 100), "/chainId", "not"],
      ["Sepolia's chain id", (c) => (c.chainId = 11155111), "/chainId", "not"],
      ["a short address", (c) => (c.governor = "0x1234"), "/governor", "pattern"],
      ["an address with a non-hex digit", (c) => (c.governor = "0x" + "g".repeat(40)), "/governor", "pattern"],
      ["an address as a number", (c) => (c.governor = 1234), "/governor", "type"],
      ["the zero address as governor", (c) => (c.governor = ZERO), "/governor", "not"],
      ["the zero address as fee account", (c) => (c.feeAccount = ZERO), "/feeAccount", "not"],
      ["a governance delay of 1 hour", (c) => (c.governance.delayHours = 1), "/governance/delayHours", "not"],
      ["a governance delay of 24 hours", (c) => (c.governance.delayHours = 24), "/governance/delayHours", "not"],
      ["a governance delay of 721 hours", (c) => (c.governance.delayHours = 721), "/governance/delayHours", "maximum"],
      ["a negative governance delay", (c) => (c.governance.delayHours = -1), "/governance/delayHours", "minimum"],
      ["a fractional governance delay", (c) => (c.governance.delayHours = 48.5), "/governance/delayHours", "type"],
      ["the zero address as canceller", (c) => (c.governance.cancellers = [ZERO]), "/governance/cancellers/0", "not"],
      ["cancellers that are not a list", (c) => (c.governance.cancellers = ADDRESS), "/governance/cancellers", "type"],
      ["no treasurer", (c) => (c.roles.treasurers = []), "/roles/treasurers", "minItems"],
      ["a pauser listed twice", (c) => (c.roles.pausers = [ADDRESS, ADDRESS]), "/roles/pausers", "uniqueItems"],
      ["a bad auditor address", (c) => (c.roles.auditors = [ADDRESS, "0x12"]), "/roles/auditors/1", "pattern"],
      ["a reserve cap as text", (c) => (c.policy.reserveCap = "yes"), "/policy/reserveCap", "type"],
      ["a headroom as a number", (c) => (c.policy.mintHeadroom = 500), "/policy/mintHeadroom", "type"],
      ["a headroom with three decimals", (c) => (c.policy.mintHeadroom = "1.005"), "/policy/mintHeadroom", "pattern"],
      ["a negative headroom", (c) => (c.policy.mintHeadroom = "-1"), "/policy/mintHeadroom", "pattern"],
      ["a headroom with an exponent", (c) => (c.policy.mintHeadroom = "1e3"), "/policy/mintHeadroom", "pattern"],
      ["a headroom with a comma", (c) => (c.policy.mintHeadroom = "12,50"), "/policy/mintHeadroom", "pattern"],
      ["a headroom with a space", (c) => (c.policy.mintHeadroom = " 12"), "/policy/mintHeadroom", "pattern"],
      ["an empty headroom", (c) => (c.policy.mintHeadroom = ""), "/policy/mintHeadroom", "pattern"],
      ["a headroom with a leading zero", (c) => (c.policy.mintHeadroom = "007"), "/policy/mintHeadroom", "pattern"],
      ["a headroom ending in a dot", (c) => (c.policy.mintHeadroom = "12."), "/policy/mintHeadroom", "pattern"],
      [
        "a negative attestation age",
        (c) => (c.policy.maxAttestationAgeDays = -1),
        "/policy/maxAttestationAgeDays",
        "minimum",
      ],
      [
        "an attestation age over ten years",
        (c) => (c.policy.maxAttestationAgeDays = 3651),
        "/policy/maxAttestationAgeDays",
        "maximum",
      ],
      [
        "a fractional attestation age",
        (c) => (c.policy.maxAttestationAgeDays = 1.5),
        "/policy/maxAttestationAgeDays",
        "type",
      ],
      [
        "a member-move delay of 721 hours",
        (c) => (c.policy.memberMoveDelayHours = 721),
        "/policy/memberMoveDelayHours",
        "maximum",
      ],
      [
        "a negative member-move delay",
        (c) => (c.policy.memberMoveDelayHours = -1),
        "/policy/memberMoveDelayHours",
        "minimum",
      ],
      [
        "an unknown account kind",
        (c) => (c.policy.reconversion.allowedKinds = ["shop"]),
        "/policy/reconversion/allowedKinds/0",
        "enum",
      ],
      [
        "a kind listed twice",
        (c) => (c.policy.reconversion.allowedKinds = ["business", "business"]),
        "/policy/reconversion/allowedKinds",
        "uniqueItems",
      ],
      [
        "kinds that are not a list",
        (c) => (c.policy.reconversion.allowedKinds = "business"),
        "/policy/reconversion/allowedKinds",
        "type",
      ],
      [
        "a commission over 100 %",
        (c) => (c.policy.reconversion.commissionBps = 10_001),
        "/policy/reconversion/commissionBps",
        "maximum",
      ],
      [
        "a negative commission",
        (c) => (c.policy.reconversion.commissionBps = -1),
        "/policy/reconversion/commissionBps",
        "minimum",
      ],
      [
        "a fractional commission",
        (c) => (c.policy.reconversion.commissionBps = 2.5),
        "/policy/reconversion/commissionBps",
        "type",
      ],
      ["a zero block period", (c) => (c.network.blockPeriodSeconds = 0), "/network/blockPeriodSeconds", "minimum"],
      [
        "a block period over a minute",
        (c) => {
          c.network.blockPeriodSeconds = 61;
          c.network.emptyBlockPeriodSeconds = 120;
        },
        "/network/blockPeriodSeconds",
        "maximum",
      ],
      ["no validator", (c) => (c.network.validators = []), "/network/validators", "minItems"],
      ["a validator listed twice", (c) => (c.network.validators = ["A", "A"]), "/network/validators", "uniqueItems"],
      ["an empty validator name", (c) => (c.network.validators = ["A", ""]), "/network/validators/1", "pattern"],
      ["a validator name of spaces", (c) => (c.network.validators = [" \t"]), "/network/validators/0", "pattern"],
      ["a validator that is not a name", (c) => (c.network.validators = [5]), "/network/validators/0", "type"],
      [
        "an empty block period over an hour",
        (c) => (c.network.emptyBlockPeriodSeconds = 3601),
        "/network/emptyBlockPeriodSeconds",
        "maximum",
      ],
      [
        "a wallet origin over plain http on a public host",
        (c) => (c.network.walletOrigins = ["http://wallet.example.org"]),
        "/network/walletOrigins/0",
        "pattern",
      ],
      [
        "a wallet origin with a path",
        (c) => (c.network.walletOrigins = ["https://wallet.example.org/pay"]),
        "/network/walletOrigins/0",
        "pattern",
      ],
      [
        "an RPC host name in capitals",
        (c) => (c.network.rpcHostnames = ["RPC.example.org"]),
        "/network/rpcHostnames/0",
        "pattern",
      ],
      [
        "an unknown accounting field",
        (c) => (c.accounting.ledger = "GL"),
        "/accounting/ledger",
        "additionalProperties",
      ],
      [
        "an unknown account",
        (c) => (c.accounting.accounts.cash = "531000"),
        "/accounting/accounts/cash",
        "additionalProperties",
      ],
      ["accounts that are a list", (c) => (c.accounting.accounts = ["512100"]), "/accounting/accounts", "type"],
      ["a journal code of 6 characters", (c) => (c.accounting.journal = "MLCMLC"), "/accounting/journal", "pattern"],
      ["a journal code with a space", (c) => (c.accounting.journal = "M LC"), "/accounting/journal", "pattern"],
      ["an empty journal code", (c) => (c.accounting.journal = ""), "/accounting/journal", "pattern"],
      ["a journal code that is a number", (c) => (c.accounting.journal = 512), "/accounting/journal", "type"],
      ["a time zone with a space", (c) => (c.accounting.timeZone = "Europe Paris"), "/accounting/timeZone", "pattern"],
      ["a time zone as an offset", (c) => (c.accounting.timeZone = "+01:00"), "/accounting/timeZone", "pattern"],
      ["a time zone that is a number", (c) => (c.accounting.timeZone = 1), "/accounting/timeZone", "type"],
      [
        "an account code with a space",
        (c) => (c.accounting.accounts.guaranteeFund = "512 100"),
        "/accounting/accounts/guaranteeFund",
        "pattern",
      ],
      [
        "an account code with a dash",
        (c) => (c.accounting.accounts.toClassify = "471-000"),
        "/accounting/accounts/toClassify",
        "pattern",
      ],
      [
        "an empty account code",
        (c) => (c.accounting.accounts.paymentFeeIncome = ""),
        "/accounting/accounts/paymentFeeIncome",
        "pattern",
      ],
      [
        "an account code of 65 characters",
        (c) => (c.accounting.accounts.commissionIncome = "7".repeat(65)),
        "/accounting/accounts/commissionIncome",
        "pattern",
      ],
      [
        "an account code that is a number",
        (c) => (c.accounting.accounts.currencyInCirculation = 467100),
        "/accounting/accounts/currencyInCirculation",
        "type",
      ],
    ];
    for (const [what, change, pointer, keyword] of refused) {
      it(`both refuse ${what}, at ${pointer}`, function () {
        const input = changed(miel, change);
        const problems = currencyProblems(input);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(new RegExp(`^${escapeRegExp(dotted(pointer))}: `));
        expectSchemaRefusal("currency", input, pointer, keyword);
      });
    }

    it("both refuse a file that is not an object, naming the whole file", function () {
      for (const input of [null, [], "miel", 46330]) {
        expect(currencyProblems(input)).to.deep.equal(["(file): expected an object"]);
        expectSchemaRefusal("currency", input, "", "type");
      }
    });

    it("both refuse a section that is not an object, naming it", function () {
      for (const [section, value] of [
        ["policy", null],
        ["governance", 48],
        ["network", []],
        ["accounting", "512100"],
      ] as const) {
        const input = changed(miel, (c) => (c[section] = value));
        expect(currencyProblems(input)).to.deep.equal([`${section}: expected an object`]);
        expectSchemaRefusal("currency", input, `/${section}`, "type");
      }
    });

    it("both refuse an address without 0x or in ICAP form, naming the field", function () {
      // ethers' isAddress takes both spellings; a currency file holds the 0x form only.
      for (const [field, address] of [
        ["governor", ADDRESS.slice(2)],
        ["feeAccount", "XE09KDHRFL703NVLLBH4DQR5XC7K8KL5T73"],
      ]) {
        const input = changed(miel, (c) => (c[field] = address));
        expect(currencyProblems(input)).to.deep.equal([
          `${field}: ${JSON.stringify(address)} is not an address (0x and 40 hex digits, valid checksum)`,
        ]);
        expectSchemaRefusal("currency", input, `/${field}`, "pattern");
      }
    });

    it("both refuse an account kind named after an Object.prototype property", function () {
      for (const kind of ["toString", "constructor", "__proto__"]) {
        const input = changed(miel, (c) => (c.policy.reconversion.allowedKinds = [kind]));
        expect(currencyProblems(input), kind).to.have.length(1);
        expect(schemaErrors("currency", input), kind).to.not.deep.equal([]);
      }
    });

    const accepted: [string, (c: any) => void][] = [
      ["a wallet served from the operator's machine", (c) => (c.network.walletOrigins = ["http://localhost:5173"])],
      ["a wallet origin with a port", (c) => (c.network.walletOrigins = ["https://wallet.example.org:8443"])],
      ["no browser allowed", (c) => (c.network.walletOrigins = [])],
      ["lowercase addresses", (c) => (c.governor = c.governor.toLowerCase())],
      ["uppercase addresses", (c) => (c.feeAccount = "0x" + c.feeAccount.slice(2).toUpperCase())],
      ["no governance delay (development chain)", (c) => (c.governance.delayHours = 0)],
      ["a governance delay of 25 hours", (c) => (c.governance.delayHours = 25)],
      ["a governance delay of 30 days", (c) => (c.governance.delayHours = 720)],
      ["cancellers", (c) => (c.governance.cancellers = [ADDRESS, c.governor])],
      ["one address in two roles", (c) => (c.roles.auditors = [c.roles.treasurers[0]])],
      ["a headroom without decimals", (c) => (c.policy.mintHeadroom = "500")],
      ["a headroom with one decimal", (c) => (c.policy.mintHeadroom = "12.5")],
      ["a large headroom", (c) => (c.policy.mintHeadroom = "123456789012.34")],
      ["no reserve cap", (c) => (c.policy.reserveCap = false)],
      ["an attestation age of ten years", (c) => (c.policy.maxAttestationAgeDays = 3650)],
      ["member moves without delay", (c) => (c.policy.memberMoveDelayHours = 0)],
      ["nobody allowed to reconvert", (c) => (c.policy.reconversion.allowedKinds = [])],
      [
        "every kind allowed to reconvert",
        (c) => (c.policy.reconversion.allowedKinds = ["association", "person", "business"]),
      ],
      ["a commission of 100 %", (c) => (c.policy.reconversion.commissionBps = 10_000)],
      ["no commission", (c) => (c.policy.reconversion.commissionBps = 0)],
      ["the largest chain id", (c) => (c.chainId = 4294967295)],
      ["a chain id next to a public one", (c) => (c.chainId = 2)],
      ["a two-letter code with a dash", (c) => (c.code = "a-")],
      ["a code of 32 characters", (c) => (c.code = "m" + "i".repeat(31))],
      ["a name of 64 characters with accents", (c) => (c.name = "é".repeat(64))],
      ["a name with spaces around it", (c) => (c.name = " Miel ")],
      ["a symbol of 10 characters", (c) => (c.symbol = "M123456789")],
      ["a block period of a minute", (c) => (c.network.blockPeriodSeconds = 60)],
      ["a block period of a second", (c) => (c.network.blockPeriodSeconds = 1)],
      ["validator names that differ by a space", (c) => (c.network.validators = ["A", "A "])],
      ["no accounting section (the defaults)", (c) => delete c.accounting],
      ["an empty accounting section", (c) => (c.accounting = {})],
      ["a journal code alone", (c) => (c.accounting = { journal: "OD" })],
      ["one account alone", (c) => (c.accounting = { accounts: { guaranteeFund: "512200" } })],
      ["time zone UTC", (c) => (c.accounting.timeZone = "UTC")],
      ["a time zone of three parts", (c) => (c.accounting.timeZone = "America/Argentina/Buenos_Aires")],
      ["a time zone in lowercase", (c) => (c.accounting.timeZone = "europe/paris")],
      ["account codes with letters and dots", (c) => (c.accounting.accounts.toClassify = "471.MLC")],
      ["an account code of 64 characters", (c) => (c.accounting.accounts.commissionIncome = "7".repeat(64))],
      ["one income account for commissions and fees", (c) => (c.accounting.accounts.commissionIncome = "706100")],
      ["payouts through another account", (c) => (c.accounting.accounts.reconversionPayouts = "580000")],
      [
        "the association's units booked against the liability",
        (c) => (c.accounting.accounts.associationHolding = c.accounting.accounts.currencyInCirculation),
      ],
    ];
    for (const [what, change] of accepted) {
      it(`both accept ${what}`, function () {
        const input = changed(miel, change);
        expect(currencyProblems(input)).to.deep.equal([]);
        expect(schemaErrors("currency", input)).to.deep.equal([]);
      });
    }
  });

  describe("deployment records", function () {
    /** A record shaped as scripts/deploy.ts writes it (the in-process deployment below writes a real one). */
    const written: DeploymentRecord = {
      format: "komuno-deployment/1",
      code: "miel",
      name: "Monnaie Libournaise",
      symbol: "MIEL",
      chainId: 46330,
      address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      implementation: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      extensions: {
        mutualCredit: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
        delegations: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
        paymentRequests: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
      },
      governance: { timelock: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707", delaySeconds: 172_800 },
      deploymentBlock: 7,
      deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      deployedAt: "2026-03-01T09:30:00.000Z",
      storageLayout: {
        "komuno.storage.Ledger": [
          { label: "balances", type: "mapping(address => uint256)", slot: 0, offset: 0 },
          { label: "paused", type: "bool", slot: 1, offset: 0 },
          { label: "feeBps", type: "uint16", slot: 1, offset: 1 },
        ],
      },
    };
    const pending = changed(written, (r) => {
      r.pendingUpgrade = {
        implementation: "0x0165878A594ca255338adfa4d48449f69242Eb8F",
        operationId: "0x" + "ab".repeat(32),
        storageLayout: r.storageLayout,
      };
    });

    it("accepts a record as deployments, upgrades and the devnet write it, as parseDeploymentRecord does", function () {
      const before010 = changed(written, (r) => {
        delete r.governance;
        delete r.storageLayout;
      });
      for (const record of [written, pending, before010]) {
        expect(recordProblem(record)).to.equal(undefined);
        expect(schemaErrors("deployment-record", record)).to.deep.equal([]);
      }
    });

    const refused: [string, (r: any) => void, string, string][] = [
      ["a missing format", (r) => delete r.format, "/format", "required"],
      ["another format", (r) => (r.format = "komuno-deployment/2"), "/format", "const"],
      ["a missing code", (r) => delete r.code, "/code", "required"],
      ["a name that is not text", (r) => (r.name = null), "/name", "type"],
      ["a symbol that is a number", (r) => (r.symbol = 1), "/symbol", "type"],
      ["a deployment time as a number", (r) => (r.deployedAt = 1_772_357_400), "/deployedAt", "type"],
      ["a chain id as text", (r) => (r.chainId = "46330"), "/chainId", "type"],
      ["a negative chain id", (r) => (r.chainId = -1), "/chainId", "minimum"],
      ["a chain id beyond safe integers", (r) => (r.chainId = 2 ** 53), "/chainId", "maximum"],
      ["a fractional deployment block", (r) => (r.deploymentBlock = 7.5), "/deploymentBlock", "type"],
      ["a missing deployment block", (r) => delete r.deploymentBlock, "/deploymentBlock", "required"],
      ["a short currency address", (r) => (r.address = "0x1234"), "/address", "pattern"],
      ["a missing implementation", (r) => delete r.implementation, "/implementation", "required"],
      ["a deployer as a number", (r) => (r.deployer = 42), "/deployer", "type"],
      ["extensions that are null", (r) => (r.extensions = null), "/extensions", "type"],
      ["extensions as text", (r) => (r.extensions = "none"), "/extensions", "type"],
      ["an unknown extension", (r) => (r.extensions.ledger = ADDRESS), "/extensions/ledger", "additionalProperties"],
      ["a bad extension address", (r) => (r.extensions.mutualCredit = "0x12"), "/extensions/mutualCredit", "pattern"],
      ["governance that is null", (r) => (r.governance = null), "/governance", "type"],
      ["governance as text", (r) => (r.governance = "timelock"), "/governance", "type"],
      ["governance without its timelock", (r) => delete r.governance.timelock, "/governance/timelock", "required"],
      ["a bad timelock address", (r) => (r.governance.timelock = ZERO + "0"), "/governance/timelock", "pattern"],
      ["a governance delay as text", (r) => (r.governance.delaySeconds = "172800"), "/governance/delaySeconds", "type"],
      ["a negative governance delay", (r) => (r.governance.delaySeconds = -1), "/governance/delaySeconds", "minimum"],
      ["governance without its delay", (r) => delete r.governance.delaySeconds, "/governance/delaySeconds", "required"],
    ];
    for (const [what, change, pointer, keyword] of refused) {
      it(`both refuse ${what}, at ${pointer}`, function () {
        const input = changed(written, change);
        expect(recordProblem(input)).to.match(new RegExp(`^${escapeRegExp(dotted(pointer))} `));
        expectSchemaRefusal("deployment-record", input, pointer, keyword);
      });
    }

    it("both refuse a record that is not an object", function () {
      for (const input of [null, "miel", 46330]) {
        expect(recordProblem(input)).to.equal("expected a JSON object");
        expectSchemaRefusal("deployment-record", input, "", "type");
      }
    });

    const accepted: [string, (r: any) => void][] = [
      ["lowercase addresses", (r) => (r.address = r.address.toLowerCase())],
      ["the zero address as deployer", (r) => (r.deployer = ZERO)],
      ["a chain id of 0 and a deployment block of 0", (r) => Object.assign(r, { chainId: 0, deploymentBlock: 0 })],
      ["the largest safe block number", (r) => (r.deploymentBlock = Number.MAX_SAFE_INTEGER)],
      ["no extensions", (r) => delete r.extensions],
      ["some extensions only", (r) => (r.extensions = { delegations: ADDRESS })],
      ["empty text fields", (r) => Object.assign(r, { code: "", name: "", symbol: "", deployedAt: "" })],
      ["a field the SDK does not know, kept as is", (r) => (r.note = "deployed by the board on 1 March")],
      ["another field in governance, dropped by the SDK", (r) => (r.governance.note = "48 h")],
      ["a governance delay of one hour", (r) => (r.governance.delaySeconds = 3_600)],
      ["an empty storage layout", (r) => (r.storageLayout = {})],
    ];
    for (const [what, change] of accepted) {
      it(`both accept ${what}`, function () {
        const input = changed(written, change);
        expect(recordProblem(input)).to.equal(undefined);
        expect(schemaErrors("deployment-record", input)).to.deep.equal([]);
      });
    }

    // Where the two differ, each difference pinned: schemas/README.md and the schemas' $comment list them, and a
    // change on either side fails here until that list is updated.
    const differences: [string, (r: any) => void, { sdk: boolean; schema: boolean }][] = [
      ["a mixed-case address with a bad checksum", (r) => (r.deployer = BAD_CHECKSUM), { sdk: false, schema: true }],
      ["an address without 0x", (r) => (r.address = ADDRESS.slice(2)), { sdk: true, schema: false }],
      ["extensions as an empty list", (r) => (r.extensions = []), { sdk: true, schema: false }],
      ["a pending upgrade that is a number", (r) => (r.pendingUpgrade = 5), { sdk: true, schema: false }],
      [
        "a pending upgrade without an operation id",
        (r) => (r.pendingUpgrade = { implementation: ADDRESS, storageLayout: {} }),
        { sdk: true, schema: false },
      ],
      ["a storage layout as text", (r) => (r.storageLayout = "layout"), { sdk: true, schema: false }],
      [
        "a storage field without its slot",
        (r) => delete r.storageLayout["komuno.storage.Ledger"][0].slot,
        { sdk: true, schema: false },
      ],
    ];
    for (const [what, change, expected] of differences) {
      it(`pinned difference: ${what} (SDK ${expected.sdk ? "accepts" : "refuses"}, schema ${expected.schema ? "accepts" : "refuses"})`, function () {
        const input = changed(written, change);
        expect(recordProblem(input) === undefined, "parseDeploymentRecord accepts it").to.equal(expected.sdk);
        expect(schemaErrors("deployment-record", input).length === 0, "the schema accepts it").to.equal(
          expected.schema,
        );
      });
    }
  });

  describe("where the currency validator and schema differ", function () {
    // Each difference pinned, as for deployment records above.
    const differences: [string, (c: any) => void, { sdk: boolean; schema: boolean }][] = [
      // EIP-55 needs Keccak-256: no JSON Schema keyword computes it.
      [
        "a mixed-case address with a bad checksum",
        (c) => (c.roles.treasurers = [BAD_CHECKSUM]),
        { sdk: false, schema: true },
      ],
      // The SDK compares checksummed addresses; uniqueItems compares spellings.
      [
        "one auditor in two spellings",
        (c) => (c.roles.auditors = [ADDRESS, ADDRESS.toLowerCase()]),
        { sdk: false, schema: true },
      ],
      // String.length counts UTF-16 code units, maxLength code points: 40 emoji are 80 units.
      ["a name of 40 emoji", (c) => (c.name = "🐝".repeat(40)), { sdk: false, schema: true }],
      // Whether a zone exists is the time-zone database's to say (Intl), not a pattern's.
      [
        "a time zone that does not exist",
        (c) => (c.accounting.timeZone = "Mars/Olympus"),
        { sdk: false, schema: true },
      ],
      // Accounts one entry debits and credits together must differ: a comparison of two fields.
      [
        "the guarantee fund and the liability on one account",
        (c) => (c.accounting.accounts.currencyInCirculation = c.accounting.accounts.guaranteeFund),
        { sdk: false, schema: true },
      ],
      [
        "commissions booked as income on the association's holding",
        (c) => (c.accounting.accounts.commissionIncome = c.accounting.accounts.associationHolding),
        { sdk: false, schema: true },
      ],
    ];
    for (const [what, change, expected] of differences) {
      it(`pinned difference: ${what} (SDK ${expected.sdk ? "accepts" : "refuses"}, schema ${expected.schema ? "accepts" : "refuses"})`, function () {
        const input = changed(miel, change);
        expect(currencyProblems(input).length === 0, "parseCurrencyConfig accepts it").to.equal(expected.sdk);
        expect(schemaErrors("currency", input).length === 0, "the schema accepts it").to.equal(expected.schema);
      });
    }

    it("leaves to parseCurrencyConfigs two files sharing a code or a chain id", function () {
      const twin = changed(miel, (c) => (c.name = "Miel bis"));
      expect(schemaErrors("currency", twin)).to.deep.equal([]);
      expect(() =>
        parseCurrencyConfigs([
          { source: "a.json", content: miel },
          { source: "b.json", content: twin },
        ]),
      ).to.throw(CurrencyConfigError);
    });
  });

  describe("records written by a real deployment (in-process Hardhat chain)", function () {
    const DELAY_SECONDS = 48 * 3_600;

    /**
     * miel.json deployed as `komuno deploy` does (scripts/deploy.ts), with this chain's signers in its roles; its
     * record written by writeDeploymentRecord; then an upgrade scheduled through the timelock (the record with a
     * pending upgrade, as `komuno upgrade` writes it) and executed (the record `komuno governance` settles).
     */
    async function writtenRecords() {
      const [governor, treasurer, auditor, manager, pauser, association] = await ethers.getSigners();
      const config = parseCurrencyConfig(miel);
      const chainId = Number((await ethers.provider.getNetwork()).chainId);
      const deployed = await deployCurrency(
        connection,
        {
          ...toInitParams(config),
          governor: governor.address,
          treasurers: [treasurer.address],
          auditors: [auditor.address],
          memberManagers: [manager.address],
          pausers: [pauser.address],
          feeAccount: association.address,
        },
        { governance: { ...toGovernanceParams(config), proposers: [governor.address], cancellers: [auditor.address] } },
      );
      const record = await deploymentRecordOf(deployed, { ...config, chainId }, ethers.provider);

      const upgrade = await upgradeCurrency({ record, signer: governor });
      const board = createKomunoClient({
        provider: ethers.provider as unknown as Provider,
        signer: governor,
        currency: upgrade.record,
      });
      await networkHelpers.time.increase(DELAY_SECONDS);
      await board.governance.executeGovernanceOperation({ operationId: upgrade.scheduled!.operationId });
      const settled = await settlePendingUpgrade(upgrade.record, ethers.provider);
      return { deployed: record, pending: upgrade.record, settled };
    }

    let records: Awaited<ReturnType<typeof writtenRecords>>;
    let dir: string;

    beforeEach(async function () {
      records = await networkHelpers.loadFixture(writtenRecords);
      dir = await mkdtemp(path.join(tmpdir(), "komuno-schemas-"));
    });

    afterEach(async function () {
      await rm(dir, { recursive: true, force: true });
    });

    /** The record as the file on disk holds it. */
    async function onDisk(record: DeploymentRecord): Promise<unknown> {
      const file = path.join(dir, "deployment.json");
      await writeDeploymentRecord(file, record);
      return JSON.parse(await readFile(file, "utf8"));
    }

    it("validates the record of a fresh deployment, with every optional field written", async function () {
      const file = await onDisk(records.deployed);
      expect(file).to.have.all.keys(
        "format",
        "code",
        "name",
        "symbol",
        "chainId",
        "address",
        "implementation",
        "extensions",
        "governance",
        "deploymentBlock",
        "deployer",
        "deployedAt",
        "storageLayout",
      );
      expect(Object.keys((file as DeploymentRecord).storageLayout!)).to.include("komuno.storage.Ledger");
      expect(recordProblem(file)).to.equal(undefined);
      expect(schemaErrors("deployment-record", file)).to.deep.equal([]);
    });

    it("validates the record of a scheduled upgrade, then of the upgrade once executed", async function () {
      const pending = await onDisk(records.pending);
      expect(pending)
        .to.have.property("pendingUpgrade")
        .that.has.all.keys("implementation", "operationId", "storageLayout");
      const settled = await onDisk(records.settled);
      expect(settled).to.not.have.property("pendingUpgrade");
      expect((settled as DeploymentRecord).implementation).to.equal(records.pending.pendingUpgrade!.implementation);
      for (const file of [pending, settled]) {
        expect(recordProblem(file)).to.equal(undefined);
        expect(schemaErrors("deployment-record", file)).to.deep.equal([]);
      }
    });

    it("refuses, in the schema, a real record with one storage field retyped as text", async function () {
      const file = changed(
        await onDisk(records.deployed),
        (r: any) => (r.storageLayout["komuno.storage.Ledger"][0].slot = "0"),
      );
      expectSchemaRefusal("deployment-record", file, "/storageLayout/komuno.storage.Ledger/0/slot", "type");
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

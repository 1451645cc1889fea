import { getAddress, isAddress } from "ethers";

import { parseAmount, type Cents } from "../amounts.js";
import { CurrencyConfigError } from "../errors.js";

/** Account kinds, as the contract numbers them. */
export const ACCOUNT_KINDS = { person: 1, business: 2, association: 3 } as const;
export type AccountKindName = keyof typeof ACCOUNT_KINDS;

/**
 * One currency, as described by its association in `currencies/<code>.json`. Every field is required but
 * `accounting`; unknown fields are errors (a typo must never be silently ignored).
 */
export interface CurrencyConfig {
  /** Short lowercase identifier, also the file name: "miel". */
  code: string;
  name: string;
  symbol: string;
  /** The chain id of the currency's own permissioned chain. */
  chainId: number;
  /** The association's board; a multisig in production. It schedules governance operations in the timelock. */
  governor: string;
  /**
   * The timelock that holds the governor role: every power over members' money or the rules waits `delayHours`
   * in public (48 in production; 0 only on a development chain), and the board, the auditors and `cancellers`
   * (board members' own keys) can cancel it meanwhile.
   */
  governance: { delayHours: number; cancellers: string[] };
  roles: {
    treasurers: string[];
    auditors: string[];
    memberManagers: string[];
    pausers: string[];
  };
  /** Receives reconversion commissions; admitted as an association account at deployment. */
  feeAccount: string;
  policy: {
    /** Mints may not take supply above the last attested reserve plus the headroom. */
    reserveCap: boolean;
    /** Euros, e.g. "0.00". */
    mintHeadroom: Cents;
    /** Mints need an attestation at most this old; 0 disables the rule. */
    maxAttestationAgeDays: number;
    /** Hours that migrations, recoveries and mutual-credit moves wait, cancellable (production: 72). */
    memberMoveDelayHours: number;
    reconversion: {
      allowedKinds: AccountKindName[];
      /** Basis points: 300 is 3 %. */
      commissionBps: number;
    };
  };
  network: {
    /** QBFT block period: the time between two blocks that carry transactions. */
    blockPeriodSeconds: number;
    /**
     * The time between two blocks while no transaction waits (QBFT `emptyblockperiodseconds`): an idle chain
     * writes one block a minute instead of one every block period, and a payment still waits one block period.
     */
    emptyBlockPeriodSeconds: number;
    /** The organisations that run a validator, one validator each. */
    validators: string[];
    /**
     * The web origins (`https://host[:port]`) of the wallets that call the RPC node from a browser: the only
     * origins its CORS check lets through. Empty: no browser may call it.
     */
    walletOrigins: string[];
    /**
     * The host names under which the RPC node is reached through a reverse proxy (`rpc.example.org`): Besu
     * refuses a request whose Host header it does not list, besides localhost and 127.0.0.1.
     */
    rpcHostnames: string[];
  };
  /**
   * How `komuno export journal` books the currency in the association's accounts. Optional in the file, and so is
   * each of its fields: what is left out takes its DEFAULT_ACCOUNTING value.
   */
  accounting: AccountingConfig;
}

/** The accounts, journal and calendar of the association's books (see README, "The books"). */
export interface AccountingConfig {
  /** The code of the journal the entries are imported into (Odoo's journal "Short Code": 1 to 5 characters). */
  journal: string;
  /** The IANA time zone whose calendar days date the entries and bound an export's first and last day. */
  timeZone: string;
  /** Account codes (Odoo's account "Code": letters, digits and dots). */
  accounts: {
    /** The guarantee fund's bank account: euros deposited in, payouts out. */
    guaranteeFund: string;
    /** The liability: every unit in circulation is owed back in euros to whoever holds it. */
    currencyInCirculation: string;
    /** Credited with the euros paid out for a reconversion or a treasurer's burn (the fund's bank account unless
     * the bank pays through another). */
    reconversionPayouts: string;
    /** The units the association's own (fee) account holds, as an asset; make it currencyInCirculation to book
     * them as a reduction of the liability instead. */
    associationHolding: string;
    /** Income: the commission kept on reconversions. */
    commissionIncome: string;
    /** Income: the fees charged on payments. */
    paymentFeeIncome: string;
    /** Where the association's own account's other movements wait for the accountant to classify them. */
    toClassify: string;
  };
}

/**
 * The books' defaults, from the French plan comptable général: 512 bank, 467 other creditors (the units owed back),
 * 530 cash (the association's own units), 706 services rendered, 471 items to classify. README, "The books",
 * explains each choice.
 */
export const DEFAULT_ACCOUNTING: AccountingConfig = Object.freeze({
  journal: "MLC",
  timeZone: "Europe/Paris",
  accounts: Object.freeze({
    guaranteeFund: "512100",
    currencyInCirculation: "467100",
    reconversionPayouts: "512100",
    associationHolding: "530100",
    commissionIncome: "706200",
    paymentFeeIncome: "706100",
    toClassify: "471000",
  }),
}) as AccountingConfig;

const SHAPE = {
  code: "string",
  name: "string",
  symbol: "string",
  chainId: "number",
  governor: "string",
  governance: { delayHours: "number", cancellers: "array" },
  roles: { treasurers: "array", auditors: "array", memberManagers: "array", pausers: "array" },
  feeAccount: "string",
  policy: {
    reserveCap: "boolean",
    mintHeadroom: "string",
    maxAttestationAgeDays: "number",
    memberMoveDelayHours: "number",
    reconversion: { allowedKinds: "array", commissionBps: "number" },
  },
  network: {
    blockPeriodSeconds: "number",
    emptyBlockPeriodSeconds: "number",
    validators: "array",
    walletOrigins: "array",
    rpcHostnames: "array",
  },
} as const;

type Shape = { [key: string]: "string" | "number" | "boolean" | "array" | Shape };

/**
 * Validates a parsed currency file and returns it typed, with addresses checksummed and amounts in cents.
 * Every problem is reported at once, each naming its field.
 * @example parseCurrencyConfig(JSON.parse(text), "currencies/miel.json")
 */
export function parseCurrencyConfig(input: unknown, source = "currency file"): CurrencyConfig {
  const problems: string[] = [];
  // The one optional section is checked on its own, so the required fields keep their strict shape check.
  const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
  const { accounting: accountingInput, ...required } = isObject ? (input as Record<string, unknown>) : {};
  checkShape(isObject ? required : input, SHAPE, "", problems);
  if (problems.length > 0) {
    parseAccounting(accountingInput, problems);
    throw new CurrencyConfigError(source, problems);
  }
  const raw = input as Record<string, any>;

  if (!/^[a-z][a-z0-9-]{1,31}$/.test(raw.code)) {
    problems.push(`code: ${JSON.stringify(raw.code)} must be 2-32 lowercase letters, digits or dashes`);
  }
  if (raw.name.trim() === "" || raw.name.length > 64) problems.push("name: must be 1-64 characters");
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(raw.symbol)) {
    problems.push(`symbol: ${JSON.stringify(raw.symbol)} must be 2-10 capital letters or digits`);
  }
  if (!Number.isSafeInteger(raw.chainId) || raw.chainId < 1 || raw.chainId > 0xffffffff) {
    problems.push(`chainId: ${raw.chainId} must be a whole number from 1 to 4294967295`);
  } else if (PUBLIC_CHAIN_IDS.has(raw.chainId)) {
    problems.push(`chainId: ${raw.chainId} belongs to a public network; choose the currency's own`);
  }
  const address = (value: unknown, field: string): string => {
    // ethers' isAddress also takes ICAP and unprefixed forms: a currency file holds the 0x form only.
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value) || !isAddress(value)) {
      problems.push(`${field}: ${JSON.stringify(value)} is not an address (0x and 40 hex digits, valid checksum)`);
      return String(value);
    }
    if (BigInt(value) === 0n) problems.push(`${field}: the zero address cannot hold a role`);
    return getAddress(value);
  };
  const governor = address(raw.governor, "governor");
  const delayHours = raw.governance.delayHours;
  if (!Number.isInteger(delayHours) || delayHours < 0 || delayHours > 720) {
    problems.push(`governance.delayHours: ${delayHours} must be a whole number of hours from 0 to 720 (30 days)`);
  } else if (delayHours > 0 && delayHours <= MAX_AUTHORIZATION_VALIDITY_HOURS) {
    problems.push(
      `governance.delayHours: ${delayHours} must be more than ${MAX_AUTHORIZATION_VALIDITY_HOURS} (a signed payment's ` +
        "longest validity), so a fee change never meets a payment signed before it; 0 only on a development chain",
    );
  }
  const cancellers = (raw.governance.cancellers as unknown[]).map((v, i) => address(v, `governance.cancellers[${i}]`));
  const roles = {} as CurrencyConfig["roles"];
  for (const role of ["treasurers", "auditors", "memberManagers", "pausers"] as const) {
    roles[role] = (raw.roles[role] as unknown[]).map((v, i) => address(v, `roles.${role}[${i}]`));
    if (roles[role].length === 0) problems.push(`roles.${role}: at least one address is needed`);
    if (new Set(roles[role]).size !== roles[role].length) problems.push(`roles.${role}: an address is listed twice`);
  }
  const feeAccount = address(raw.feeAccount, "feeAccount");

  let mintHeadroom = 0n;
  try {
    mintHeadroom = parseAmount(raw.policy.mintHeadroom);
  } catch (error) {
    problems.push(`policy.mintHeadroom: ${(error as Error).message}`);
  }
  const maxAge = raw.policy.maxAttestationAgeDays;
  if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > 3650) {
    problems.push(`policy.maxAttestationAgeDays: ${maxAge} must be a whole number of days from 0 (off) to 3650`);
  }
  const moveDelay = raw.policy.memberMoveDelayHours;
  if (!Number.isInteger(moveDelay) || moveDelay < 0 || moveDelay > 720) {
    problems.push(`policy.memberMoveDelayHours: ${moveDelay} must be a whole number of hours from 0 to 720 (30 days)`);
  }
  const reconversion = raw.policy.reconversion;
  const kinds = reconversion.allowedKinds as unknown[];
  kinds.forEach((kind, i) => {
    if (typeof kind !== "string" || !Object.hasOwn(ACCOUNT_KINDS, kind)) {
      problems.push(
        `policy.reconversion.allowedKinds[${i}]: ${JSON.stringify(kind)} is not one of ${Object.keys(ACCOUNT_KINDS).join(", ")}`,
      );
    }
  });
  if (new Set(kinds).size !== kinds.length) problems.push("policy.reconversion.allowedKinds: a kind is listed twice");
  const bps = reconversion.commissionBps;
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) {
    problems.push(`policy.reconversion.commissionBps: ${bps} must be a whole number from 0 to 10000 (100 %)`);
  }

  const period = raw.network.blockPeriodSeconds;
  if (!Number.isInteger(period) || period < 1 || period > 60) {
    problems.push(`network.blockPeriodSeconds: ${period} must be a whole number of seconds from 1 to 60`);
  }
  const validators = raw.network.validators as unknown[];
  if (validators.length === 0) problems.push("network.validators: at least one validator is needed");
  validators.forEach((v, i) => {
    if (typeof v !== "string" || v.trim() === "") problems.push(`network.validators[${i}]: must be a non-empty name`);
  });
  if (new Set(validators).size !== validators.length) problems.push("network.validators: a name is listed twice");
  const emptyPeriod = raw.network.emptyBlockPeriodSeconds;
  if (!Number.isInteger(emptyPeriod) || emptyPeriod > MAX_EMPTY_BLOCK_PERIOD_SECONDS) {
    problems.push(
      `network.emptyBlockPeriodSeconds: ${emptyPeriod} must be a whole number of seconds up to ${MAX_EMPTY_BLOCK_PERIOD_SECONDS}`,
    );
  } else if (Number.isInteger(period) && emptyPeriod < period) {
    problems.push(
      `network.emptyBlockPeriodSeconds: ${emptyPeriod} must be at least network.blockPeriodSeconds (${period}); ` +
        "a shorter one would change nothing",
    );
  }
  const origins = raw.network.walletOrigins as unknown[];
  origins.forEach((origin, i) => {
    if (typeof origin !== "string" || !isWalletOrigin(origin)) {
      problems.push(
        `network.walletOrigins[${i}]: ${JSON.stringify(origin)} must be a web origin such as "https://wallet.example.org" ` +
          "(lowercase, no path; http only for localhost)",
      );
    }
  });
  if (new Set(origins).size !== origins.length) problems.push("network.walletOrigins: an origin is listed twice");
  const hostnames = raw.network.rpcHostnames as unknown[];
  hostnames.forEach((hostname, i) => {
    if (typeof hostname !== "string" || !HOSTNAME.test(hostname) || hostname.length > 253) {
      problems.push(
        `network.rpcHostnames[${i}]: ${JSON.stringify(hostname)} must be a lowercase host name such as "rpc.example.org"`,
      );
    }
  });
  if (new Set(hostnames).size !== hostnames.length) problems.push("network.rpcHostnames: a name is listed twice");
  const accounting = parseAccounting(accountingInput, problems);

  if (problems.length > 0) throw new CurrencyConfigError(source, problems);
  return {
    code: raw.code,
    name: raw.name,
    symbol: raw.symbol,
    chainId: raw.chainId,
    governor,
    governance: { delayHours, cancellers },
    roles,
    feeAccount,
    policy: {
      reserveCap: raw.policy.reserveCap,
      mintHeadroom,
      maxAttestationAgeDays: maxAge,
      memberMoveDelayHours: moveDelay,
      reconversion: { allowedKinds: kinds as AccountKindName[], commissionBps: bps },
    },
    network: {
      blockPeriodSeconds: period,
      emptyBlockPeriodSeconds: emptyPeriod,
      validators: validators as string[],
      walletOrigins: origins as string[],
      rpcHostnames: hostnames as string[],
    },
    accounting,
  };
}

const JOURNAL_CODE = /^[A-Za-z0-9_-]{1,5}$/;
// Odoo's ACCOUNT_CODE_REGEX (letters, digits, dots) and the 64 characters of its account code field.
const ACCOUNT_CODE = /^[A-Za-z0-9.]{1,64}$/;
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * Accounts that one entry debits and credits together: were they the same account, the entry would cancel itself
 * and the books would lose that movement.
 */
const DISTINCT_ACCOUNTS: [keyof AccountingConfig["accounts"], keyof AccountingConfig["accounts"], string][] = [
  ["guaranteeFund", "currencyInCirculation", "a deposit"],
  ["currencyInCirculation", "reconversionPayouts", "a payout"],
  ["associationHolding", "commissionIncome", "a commission"],
  ["associationHolding", "paymentFeeIncome", "a payment fee"],
  ["associationHolding", "toClassify", "a movement of the association's own account"],
];

/** The optional `accounting` section, with DEFAULT_ACCOUNTING filling what it leaves out. */
function parseAccounting(value: unknown, problems: string[]): AccountingConfig {
  const accounting = { ...DEFAULT_ACCOUNTING, accounts: { ...DEFAULT_ACCOUNTING.accounts } };
  if (value === undefined) return accounting;
  const section = fieldsOf(value, "accounting", ["journal", "timeZone", "accounts"], problems);
  if (section === undefined) return accounting;
  if (section.journal !== undefined) {
    if (typeof section.journal === "string" && JOURNAL_CODE.test(section.journal)) {
      accounting.journal = section.journal;
    } else {
      problems.push(
        `accounting.journal: ${JSON.stringify(section.journal)} must be a journal code: 1 to 5 letters, digits, "-" or "_"`,
      );
    }
  }
  if (section.timeZone !== undefined) {
    const zone = typeof section.timeZone === "string" ? canonicalTimeZone(section.timeZone) : undefined;
    if (zone === undefined) {
      problems.push(
        `accounting.timeZone: ${JSON.stringify(section.timeZone)} is not a time zone name (IANA, e.g. "Europe/Paris")`,
      );
    } else {
      accounting.timeZone = zone;
    }
  }
  const problemsBefore = problems.length;
  if (section.accounts !== undefined) {
    const names = Object.keys(DEFAULT_ACCOUNTING.accounts) as (keyof AccountingConfig["accounts"])[];
    const accounts = fieldsOf(section.accounts, "accounting.accounts", names, problems) ?? {};
    for (const name of names) {
      const code = accounts[name];
      if (code === undefined) continue;
      if (typeof code === "string" && ACCOUNT_CODE.test(code)) {
        accounting.accounts[name] = code;
      } else {
        problems.push(
          `accounting.accounts.${name}: ${JSON.stringify(code)} must be an account code: 1 to 64 letters, digits or dots`,
        );
      }
    }
  }
  // Compared only once every code is valid: a refused code stands in by its default and would mislead.
  for (const [debited, credited, what] of problems.length === problemsBefore ? DISTINCT_ACCOUNTS : []) {
    const code = accounting.accounts[debited];
    if (code === accounting.accounts[credited]) {
      problems.push(
        `accounting.accounts.${credited}: ${JSON.stringify(code)} is also ${debited}; ${what} would debit and credit ` +
          "the same account",
      );
    }
  }
  return accounting;
}

/** An object's fields, each unknown one a problem; undefined (and a problem) when it is not an object. */
function fieldsOf<K extends string>(
  value: unknown,
  field: string,
  known: readonly K[],
  problems: string[],
): Partial<Record<K, unknown>> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(`${field}: expected an object`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!(known as readonly string[]).includes(key)) problems.push(`${field}.${key}: unknown field`);
  }
  return value as Partial<Record<K, unknown>>;
}

/** The canonical IANA name of a time zone ("europe/paris" is "Europe/Paris"), or undefined for no known zone. */
function canonicalTimeZone(name: string): string | undefined {
  if (!TIME_ZONE.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Validates several currency files together: each on its own, then across files (no two currencies may
 * share a chain id or a code).
 */
export function parseCurrencyConfigs(files: { source: string; content: unknown }[]): CurrencyConfig[] {
  const configs = files.map(({ source, content }) => parseCurrencyConfig(content, source));
  const problems: string[] = [];
  for (const key of ["chainId", "code"] as const) {
    const seen = new Map<unknown, string>();
    configs.forEach((config, i) => {
      const earlier = seen.get(config[key]);
      if (earlier !== undefined)
        problems.push(`${key}: ${config[key]} is used by both ${earlier} and ${files[i].source}`);
      seen.set(config[key], files[i].source);
    });
  }
  if (problems.length > 0) throw new CurrencyConfigError(files.map((f) => f.source).join(", "), problems);
  return configs;
}

/** The contract's ILocalCurrency.InitParams for a currency file. */
export function toInitParams(config: CurrencyConfig) {
  return {
    name: config.name,
    symbol: config.symbol,
    governor: config.governor,
    treasurers: config.roles.treasurers,
    auditors: config.roles.auditors,
    memberManagers: config.roles.memberManagers,
    pausers: config.roles.pausers,
    mintPolicy: {
      reserveCapEnabled: config.policy.reserveCap,
      maxAttestationAge: BigInt(config.policy.maxAttestationAgeDays) * 86_400n,
      headroom: config.policy.mintHeadroom,
    },
    memberMoveDelay: BigInt(config.policy.memberMoveDelayHours) * 3_600n,
    reconversionKinds: config.policy.reconversion.allowedKinds.reduce(
      (mask, kind) => mask | (1 << ACCOUNT_KINDS[kind]),
      0,
    ),
    reconversionCommissionBps: config.policy.reconversion.commissionBps,
    feeAccount: config.feeAccount,
  };
}

/** A signed transfer authorization lasts a day at most (ITransferAuthorization.MAX_AUTHORIZATION_VALIDITY). */
const MAX_AUTHORIZATION_VALIDITY_HOURS = 24;

/** The governance timelock of a currency file: the board proposes; the board, the auditors and others cancel. */
export function toGovernanceParams(config: CurrencyConfig) {
  return {
    delaySeconds: BigInt(config.governance.delayHours) * 3_600n,
    proposers: [config.governor],
    cancellers: [...new Set([...config.roles.auditors, ...config.governance.cancellers])],
  };
}

/** An idle chain still shows its clock at least once an hour. */
const MAX_EMPTY_BLOCK_PERIOD_SECONDS = 3_600;

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * `https://host[:port]`, or `http://` for a wallet served from the operator's own machine (localhost,
 * 127.0.0.1): a browser sends exactly this string as its Origin header, so anything else would never match.
 */
function isWalletOrigin(origin: string): boolean {
  const match = /^(https?):\/\/([a-z0-9.-]+)(?::([0-9]{1,5}))?$/.exec(origin);
  if (match === null) return false;
  const [, scheme, host, port] = match;
  if (!HOSTNAME.test(host)) return false;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535 || port.startsWith("0"))) return false;
  return scheme === "https" || host === "localhost" || host === "127.0.0.1";
}

// Public networks whose ids a currency's own chain must not reuse (wallets would confuse them).
const PUBLIC_CHAIN_IDS = new Set([1, 5, 10, 56, 100, 137, 8453, 17000, 42161, 43114, 59144, 11155111]);

function checkShape(value: unknown, shape: Shape, path: string, problems: string[]) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(`${path.replace(/\.$/, "") || "(file)"}: expected an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape, key)) problems.push(`${path}${key}: unknown field`);
  }
  for (const [key, expected] of Object.entries(shape)) {
    const field = `${path}${key}`;
    const actual = record[key];
    if (actual === undefined) {
      problems.push(`${field}: missing`);
    } else if (typeof expected === "object") {
      checkShape(actual, expected, `${field}.`, problems);
    } else if (expected === "array" ? !Array.isArray(actual) : typeof actual !== expected) {
      problems.push(`${field}: expected ${expected === "array" ? "a list" : `a ${expected}`}`);
    }
  }
}

import { getAddress, isAddress } from "ethers";

import { InvalidInputError, InvalidPaymentLinkError, type PaymentLinkProblem } from "./errors.js";
import { formatAmount } from "./amounts.js";

/** What a payment QR code says: pay `amount` cents of the currency at `currency` on `chainId` to `to`. */
export interface PaymentLink {
  currency: string;
  chainId: number;
  to: string;
  /** Cents; absent when the payer chooses the amount. */
  amount?: bigint;
  /** Free text shown to the payer (Komuno's `memo` parameter; other EIP-681 wallets ignore it). */
  memo?: string;
}

/**
 * A scanned payment link. `chainId` is absent only when the link names no chain (EIP-681 allows it) and no
 * currency with a known chain was given to `parsePaymentLink`.
 */
export interface ParsedPaymentLink extends Omit<PaymentLink, "chainId"> {
  chainId?: number;
}

/** The currency a wallet pays in; a `KomunoClient` is one (its `address` and `chainId`). */
export interface PaymentLinkCurrency {
  address: string;
  /** When absent, a link's chain id is returned unchecked. */
  chainId?: number;
}

/**
 * The largest amount a payment link may ask for: 100,000,000 cents (1,000,000.00 of the currency). No till asks
 * for more, while a link written by a generator that assumes 18 decimals asks for 10^16 times the intended
 * amount (12.50 becomes `uint256=1.25e19`): such a link is refused as not a Komuno amount, never paid.
 */
export const MAX_PAYMENT_LINK_AMOUNT = 100_000_000n;

/**
 * Builds the EIP-681 URI of an ERC-20 transfer: `ethereum:<currency>@<chainId>/transfer?address=<to>&uint256=<cents>`.
 * The amount, when given, is from 1 cent to `MAX_PAYMENT_LINK_AMOUNT`, so every link built here parses back.
 * @example buildPaymentLink({ currency, chainId: 46330, to: shop, amount: 1250n, memo: "Table 4" })
 */
export function buildPaymentLink(link: PaymentLink): string {
  const currency = checkedAddress(link.currency, "currency", "");
  const to = checkedAddress(link.to, "recipient", "");
  if (!Number.isSafeInteger(link.chainId) || link.chainId < 1) {
    throw new InvalidPaymentLinkError("", "bad-chain-id", "the chain id must be a positive whole number");
  }
  if (link.amount !== undefined) {
    if (typeof link.amount !== "bigint" || link.amount <= 0n) {
      throw new InvalidPaymentLinkError("", "bad-amount", "the amount must be a positive number of cents");
    }
    if (link.amount > MAX_PAYMENT_LINK_AMOUNT) throw tooLarge("", link.amount);
  }
  const query = [`address=${to}`];
  if (link.amount !== undefined) query.push(`uint256=${link.amount}`);
  if (link.memo !== undefined && link.memo !== "") query.push(`memo=${encodeURIComponent(link.memo)}`);
  return `ethereum:${currency}@${link.chainId}/transfer?${query.join("&")}`;
}

// EIP-681: ethereum:[pay-]<target>[@<chain id>][/<function>][?<parameters>]; each part is checked on its own
// below, so that a refusal says which part is wrong.
const LINK = /^ethereum:(pay-)?([^@/?]*)(?:@([^/?]*))?(?:\/([^?]*))?(?:\?(.*))?$/is;

/** Parameters other wallets write that change nothing in a token transfer (the gas is the payer's wallet's). */
const IGNORED = new Set(["gas", "gasLimit", "gasPrice"]);
const KNOWN = new Set(["address", "uint256", "memo", "value", ...IGNORED]);

/**
 * Parses a scanned EIP-681 URI of an ERC-20 transfer, in every form the EIP's grammar allows: with or without
 * `pay-` and `@<chain id>`, parameters in any order, a trailing `&`, numbers with an exponent (`1.25e3`,
 * `125E1`; whole results only), `value=0`, `gas`/`gasLimit`/`gasPrice` (ignored), `+` or `%20` for a space in
 * the memo. Given the wallet's currency (a `KomunoClient` will do), a link for another token or chain is
 * refused, and a link without a chain id gets the currency's. Anything that could mislead is an
 * InvalidPaymentLinkError whose `problem` says what: another function, another token or chain, an amount that is
 * not whole cents or is above `MAX_PAYMENT_LINK_AMOUNT`, ether sent along (`value` other than 0), a parameter
 * given twice or unknown.
 * @example
 * const link = parsePaymentLink(scanned, client);
 * await client.wallet.pay({ to: link.to, amount: link.amount ?? parseAmount(typed) });
 */
export function parsePaymentLink(uri: string, currency?: PaymentLinkCurrency): ParsedPaymentLink {
  if (typeof uri !== "string") throw new InvalidPaymentLinkError(String(uri), "malformed", "not text");
  const text = uri.trim();
  const match = LINK.exec(text);
  if (match === null) {
    throw new InvalidPaymentLinkError(uri, "malformed", "expected ethereum:<currency>[@<chain id>]/transfer?address=…");
  }
  const [, , targetText, chainText, functionName, queryText = ""] = match;
  if (!/^0x[0-9a-fA-F]{40}$/.test(targetText)) {
    throw new InvalidPaymentLinkError(uri, "bad-address", "the currency must be a 0x address (not a name)");
  }
  const token = checkedAddress(targetText, "currency", uri);
  if (functionName !== "transfer") {
    throw new InvalidPaymentLinkError(
      uri,
      "not-a-transfer",
      functionName === undefined || functionName === ""
        ? "it pays the chain's own coin, not the currency (no /transfer)"
        : `it calls ${JSON.stringify(functionName)}, not transfer`,
    );
  }
  const chainId = chainText === undefined ? undefined : checkedChainId(chainText, uri);
  const expected = currency === undefined ? undefined : expectedCurrency(currency);
  if (expected !== undefined && token !== expected.address) {
    throw new InvalidPaymentLinkError(
      uri,
      "another-currency",
      `it asks for the token ${token}, not ${expected.address}`,
    );
  }
  if (expected?.chainId !== undefined && chainId !== undefined && chainId !== expected.chainId) {
    throw new InvalidPaymentLinkError(
      uri,
      "another-chain",
      `it asks for a payment on chain ${chainId}, but the currency lives on chain ${expected.chainId}`,
    );
  }

  const params = queryParameters(queryText, uri);
  const to = checkedAddress(decoded(params.get("address"), "bad-address", uri), "recipient", uri);
  const value = params.get("value");
  if (value !== undefined && !isZero(decoded(value, "sends-ether", uri), uri)) {
    throw new InvalidPaymentLinkError(uri, "sends-ether", `it would also send ${value} of the chain's own coin`);
  }
  const amount = params.get("uint256");
  const memo = params.get("memo");
  const resolvedChainId = chainId ?? expected?.chainId;
  return {
    currency: token,
    ...(resolvedChainId === undefined ? {} : { chainId: resolvedChainId }),
    to,
    ...(amount === undefined ? {} : { amount: checkedAmount(decoded(amount, "bad-amount", uri), uri) }),
    // Form encoding writes a space as `+`; a `+` meant as such arrives as %2B.
    ...(memo === undefined ? {} : { memo: decoded(memo.replace(/\+/g, " "), "bad-memo", uri) }),
  };
}

function queryParameters(queryText: string, uri: string): Map<string, string> {
  const params = new Map<string, string>();
  // Empty pieces (a trailing `&`, `&&`) are what some generators write: they carry nothing.
  for (const pair of queryText.split("&").filter((piece) => piece !== "")) {
    const equals = pair.indexOf("=");
    if (equals < 1) throw new InvalidPaymentLinkError(uri, "malformed", `the parameter ${pair} is not key=value`);
    const key = pair.slice(0, equals);
    if (!KNOWN.has(key)) throw new InvalidPaymentLinkError(uri, "unknown-parameter", `unknown parameter ${key}`);
    if (params.has(key))
      throw new InvalidPaymentLinkError(uri, "duplicate-parameter", `parameter ${key} appears twice`);
    params.set(key, pair.slice(equals + 1));
  }
  if (!params.has("address")) throw new InvalidPaymentLinkError(uri, "bad-address", "it names no recipient (address=)");
  return params;
}

function decoded(value: string | undefined, problem: PaymentLinkProblem, uri: string): string {
  try {
    return decodeURIComponent(value ?? "");
  } catch {
    throw new InvalidPaymentLinkError(uri, problem, `${JSON.stringify(value)} is not valid percent-encoding`);
  }
}

function expectedCurrency(currency: PaymentLinkCurrency): { address: string; chainId?: number } {
  if (currency === null || typeof currency !== "object" || !isAddress(currency.address)) {
    throw new InvalidInputError("currency", "expected the currency's address (and chain id)");
  }
  const { chainId } = currency;
  if (chainId !== undefined && (!Number.isSafeInteger(chainId) || chainId < 1)) {
    throw new InvalidInputError("currency.chainId", "expected a positive whole number");
  }
  return { address: getAddress(currency.address), chainId };
}

function checkedAddress(value: string | undefined, what: string, uri: string): string {
  if (value === undefined || !isAddress(value)) {
    throw new InvalidPaymentLinkError(uri, "bad-address", `the ${what} is not an address`);
  }
  return getAddress(value);
}

function checkedChainId(text: string, uri: string): number {
  const chainId = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(chainId) || chainId < 1) {
    throw new InvalidPaymentLinkError(uri, "bad-chain-id", `${JSON.stringify(text)} is not a chain id`);
  }
  return chainId;
}

function tooLarge(uri: string, amount: bigint | string): InvalidPaymentLinkError {
  return new InvalidPaymentLinkError(
    uri,
    "amount-too-large",
    `${typeof amount === "bigint" ? formatAmount(amount) : `${amount} cents`} is not a Komuno amount: a payment link asks for at most ${formatAmount(MAX_PAYMENT_LINK_AMOUNT)} ` +
      "(a link written for an 18-decimals token?)",
  );
}

/** An EIP-681 number: `[+|-] digits [. digits] [e|E [digits]]`, split into its parts. */
interface Eip681Number {
  negative: boolean;
  /** The digits before and after the point, without the point and without leading zeros ("" for zero). */
  significant: string;
  /** How many of the digits were after the point. */
  decimals: number;
  /** The exponent's digits, without leading zeros ("" for none or zero). */
  exponent: string;
}

function readNumber(text: string, problem: PaymentLinkProblem, uri: string): Eip681Number {
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]+))?(?:[eE]([0-9]*))?$/.exec(text);
  if (match === null || (match[2] === "" && match[3] === undefined)) {
    throw new InvalidPaymentLinkError(uri, problem, `${JSON.stringify(text)} is not a number`);
  }
  const [, sign, units, fraction = "", exponent = ""] = match;
  return {
    negative: sign === "-",
    significant: (units + fraction).replace(/^0+/, ""),
    decimals: fraction.length,
    exponent: exponent.replace(/^0+/, ""),
  };
}

function isZero(text: string, uri: string): boolean {
  return readNumber(text, "sends-ether", uri).significant === "";
}

/** A whole, positive number of cents up to MAX_PAYMENT_LINK_AMOUNT; never rounded. */
function checkedAmount(text: string, uri: string): bigint {
  const number = readNumber(text, "bad-amount", uri);
  if (number.significant === "") throw new InvalidPaymentLinkError(uri, "bad-amount", "the amount is zero");
  if (number.negative) throw new InvalidPaymentLinkError(uri, "bad-amount", `the amount ${text} is negative`);
  // Decide on the size before raising 10 to an exponent that could be a million digits long.
  if (number.exponent.length > 6) throw tooLarge(uri, text);
  const shift = Number(number.exponent || "0") - number.decimals;
  if (number.significant.length + shift > String(MAX_PAYMENT_LINK_AMOUNT).length) throw tooLarge(uri, text);
  const digits = BigInt(number.significant);
  let cents: bigint;
  if (shift >= 0) {
    cents = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (digits % divisor !== 0n) {
      throw new InvalidPaymentLinkError(uri, "fractional-amount", `the amount ${text} is not a whole number of cents`);
    }
    cents = digits / divisor;
  }
  if (cents > MAX_PAYMENT_LINK_AMOUNT) throw tooLarge(uri, cents);
  return cents;
}

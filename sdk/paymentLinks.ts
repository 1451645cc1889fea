import { getAddress, isAddress } from "ethers";

import { InvalidPaymentLinkError } from "./errors.js";

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
 * Builds the EIP-681 URI of an ERC-20 transfer: `ethereum:<currency>@<chainId>/transfer?address=<to>&uint256=<cents>`.
 * @example buildPaymentLink({ currency, chainId: 46330, to: shop, amount: 1250n, memo: "Table 4" })
 */
export function buildPaymentLink(link: PaymentLink): string {
  const currency = checkedAddress(link.currency, "currency", "");
  const to = checkedAddress(link.to, "recipient", "");
  if (!Number.isSafeInteger(link.chainId) || link.chainId < 1) throw new InvalidPaymentLinkError("", "bad chain id");
  if (link.amount !== undefined && (typeof link.amount !== "bigint" || link.amount <= 0n)) {
    throw new InvalidPaymentLinkError("", "the amount must be a positive number of cents");
  }
  const query = [`address=${to}`];
  if (link.amount !== undefined) query.push(`uint256=${link.amount}`);
  if (link.memo !== undefined && link.memo !== "") query.push(`memo=${encodeURIComponent(link.memo)}`);
  return `ethereum:${currency}@${link.chainId}/transfer?${query.join("&")}`;
}

const LINK = /^ethereum:(?:pay-)?(0x[0-9a-fA-F]{40})@([0-9]+)\/transfer\?(.*)$/;

/**
 * Parses a scanned EIP-681 URI; anything that is not an ERC-20 transfer with a valid recipient, chain id and
 * (if present) a whole positive amount is a typed error, never a guess.
 * @example parsePaymentLink("ethereum:0x…@46330/transfer?address=0x…&uint256=1250")
 */
export function parsePaymentLink(uri: string): PaymentLink {
  if (typeof uri !== "string") throw new InvalidPaymentLinkError(String(uri), "not text");
  const match = LINK.exec(uri.trim());
  if (match === null) {
    throw new InvalidPaymentLinkError(uri, "expected ethereum:<currency>@<chain id>/transfer?address=…");
  }
  const [, currencyText, chainText, queryText] = match;
  const chainId = Number(chainText);
  if (!Number.isSafeInteger(chainId) || chainId < 1) throw new InvalidPaymentLinkError(uri, "bad chain id");
  const params = new Map<string, string>();
  for (const pair of queryText.split("&")) {
    const [key, value = ""] = pair.split("=");
    if (params.has(key)) throw new InvalidPaymentLinkError(uri, `parameter ${key} appears twice`);
    params.set(key, value);
  }
  for (const key of params.keys()) {
    if (!["address", "uint256", "memo"].includes(key))
      throw new InvalidPaymentLinkError(uri, `unknown parameter ${key}`);
  }
  const link: PaymentLink = {
    currency: checkedAddress(currencyText, "currency", uri),
    chainId,
    to: checkedAddress(params.get("address"), "recipient", uri),
  };
  const amount = params.get("uint256");
  if (amount !== undefined) link.amount = parseUint(amount, uri);
  const memo = params.get("memo");
  if (memo !== undefined) {
    try {
      link.memo = decodeURIComponent(memo);
    } catch {
      throw new InvalidPaymentLinkError(uri, "the memo is not valid percent-encoding");
    }
  }
  return link;
}

function checkedAddress(value: string | undefined, what: string, uri: string): string {
  if (value === undefined || !isAddress(value)) throw new InvalidPaymentLinkError(uri, `the ${what} is not an address`);
  return getAddress(value);
}

/** EIP-681 numbers may use an exponent ("1.25e3"); the result must be a whole, positive number of cents. */
function parseUint(text: string, uri: string): bigint {
  const match = /^([0-9]+)(?:\.([0-9]+))?(?:e([0-9]+))?$/.exec(text);
  if (match === null) throw new InvalidPaymentLinkError(uri, `amount ${JSON.stringify(text)} is not a number`);
  const [, units, fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  if (fraction.length > exponent)
    throw new InvalidPaymentLinkError(uri, `amount ${text} is not a whole number of cents`);
  const value = BigInt(units + fraction) * 10n ** BigInt(exponent - fraction.length);
  if (value === 0n) throw new InvalidPaymentLinkError(uri, "the amount is zero");
  return value;
}

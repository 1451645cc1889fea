import { isHexString, keccak256, toUtf8Bytes } from "ethers";

import { InvalidReferenceError } from "./errors.js";

/** A reference as stored on chain. */
export type Bytes32 = `0x${string}`;

/**
 * Maps a bank reference (a deposit's or payout's transaction id, as printed on the bank statement) to the
 * bytes32 the contract stores: keccak256 of the UTF-8 bytes of the text in Unicode NFC form. The text is
 * taken as it is, case and inner spaces included, so an auditor recomputes it from the statement alone.
 * Text with spaces around it, empty text or control characters is refused rather than guessed at.
 * @example referenceFromText("VIR-2026-11-0001") // "0x…" (always the same 32 bytes)
 */
export function referenceFromText(text: string): Bytes32 {
  if (typeof text !== "string" || text.length === 0) throw new InvalidReferenceError(String(text), "it is empty");
  if (text.trim() !== text) throw new InvalidReferenceError(text, "it has spaces around it");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new InvalidReferenceError(text, "it has control characters");
  return keccak256(toUtf8Bytes(text.normalize("NFC"))) as Bytes32;
}

/** True for a 0x-prefixed 32-byte hex string. */
export function isBytes32(value: string): value is Bytes32 {
  return isHexString(value, 32);
}

import { isHexString, keccak256, toUtf8Bytes } from "ethers";

import { InvalidReferenceError } from "./errors.js";

/** A reference as stored on chain. */
export type Bytes32 = `0x${string}`;

/**
 * The one text form of a bank reference (a deposit's or payout's transaction id, as printed on the bank
 * statement), so that however a person or a spreadsheet spelled it, one deposit has one reference:
 * - Unicode NFC (an "é" typed as one character or as "e" and an accent is the same text);
 * - surrounding whitespace trimmed (`" VIR-1 "` is `"VIR-1"`); case and inner spaces are kept, they are part
 *   of the bank's reference;
 * - never a double quote (`"`): a spreadsheet adds quotes around a field, so a quote left in a reference after
 *   reading the CSV means the file was misread;
 * - no control characters nor invisible formatting characters (zero-width spaces, direction marks), which
 *   would make two references that look the same differ;
 * - no replacement character (U+FFFD), the mark of a file read as UTF-8 that was not (a spreadsheet's "CSV"
 *   saved in Windows-1252): its accents are lost, and the same deposit would hash another way;
 * - not empty.
 * Anything else is refused with an InvalidReferenceError rather than guessed at.
 * @example canonicalReference(" VIR-2026-11-0001\t") // "VIR-2026-11-0001"
 */
export function canonicalReference(text: string): string {
  if (typeof text !== "string") throw new InvalidReferenceError(String(text), "it is not text");
  const canonical = text.normalize("NFC").trim();
  if (canonical === "") throw new InvalidReferenceError(text, "it is empty");
  if (canonical.includes('"')) {
    throw new InvalidReferenceError(text, "it contains a double quote, which is never part of a reference");
  }
  if (/\p{Cc}/u.test(canonical)) throw new InvalidReferenceError(text, "it has control characters");
  if (/\p{Cf}/u.test(canonical)) {
    throw new InvalidReferenceError(text, "it has invisible formatting characters (zero-width space, direction mark)");
  }
  if (canonical.includes("\uFFFD")) {
    throw new InvalidReferenceError(text, "it has undecodable characters (\uFFFD): save the file as UTF-8");
  }
  return canonical;
}

/**
 * Maps a bank reference to the bytes32 the contract stores: keccak256 of the UTF-8 bytes of its canonical
 * text (canonicalReference), so an auditor recomputes it from the statement alone.
 * @example referenceFromText("VIR-2026-11-0001") // "0x…" (always the same 32 bytes)
 */
export function referenceFromText(text: string): Bytes32 {
  return keccak256(toUtf8Bytes(canonicalReference(text))) as Bytes32;
}

/** True for a 0x-prefixed 32-byte hex string. */
export function isBytes32(value: string): value is Bytes32 {
  return isHexString(value, 32);
}

import { dataLength, decodeRlp, encodeRlp, getAddress, isAddress, isHexString, toNumber } from "ethers";

import { ChainGenerationError } from "./errors.js";

// Layout from the Besu documentation, "Configure QBFT consensus" (section "Extra data"), and the "rlp encode"
// entry of "Private network subcommands" (type QBFT_EXTRA_DATA):
//   RLP([32-byte vanity, [validator addresses], vote, round, [seals]])
// In a genesis block the vote is absent (an empty list), the round is 0 (an empty byte string) and there are no
// seals. Besu's QbftExtraDataCodec writes exactly these items, and its BftValidatorsValidationRule rejects a
// header whose validators are not in ascending byte order, hence the sort below.

const VANITY_BYTES = 32;
const ADDRESS_BYTES = 20;
const SEAL_BYTES = 65;
// Besu's Vote.ADD_BYTE_VALUE; a drop vote carries an empty byte string.
const ADD_VOTE_BYTE = "0xff";
const EMPTY_BYTES = "0x";
const EMPTY_VANITY = "0x" + "00".repeat(VANITY_BYTES);

/** A validator vote carried by a block header: add (`true`) or drop (`false`) the recipient. */
export interface QbftVote {
  recipient: string;
  add: boolean;
}

/** The decoded items of a QBFT header's extraData. */
export interface QbftExtraData {
  vanity: string;
  /** Checksummed, in the order the header lists them. */
  validators: string[];
  vote: QbftVote | null;
  round: number;
  seals: string[];
}

/**
 * Encodes the genesis extraData naming the initial validators (block header validator selection); an empty list
 * gives the extraData of contract validator selection.
 * @example encodeQbftExtraData(["0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb"])
 */
export function encodeQbftExtraData(validators: string[]): string {
  for (const validator of validators) {
    if (!isAddress(validator)) {
      throw new ChainGenerationError(`Invalid validator address ${JSON.stringify(validator)}.`, {
        details: "A QBFT validator is the 20-byte address derived from its node public key.",
      });
    }
  }
  const sorted = validators.map((validator) => validator.toLowerCase()).sort();
  const duplicate = sorted.find((validator, i) => sorted[i + 1] === validator);
  if (duplicate !== undefined) {
    throw new ChainGenerationError(`Validator ${getAddress(duplicate)} is listed twice.`);
  }
  return encodeRlp([EMPTY_VANITY, sorted, [], EMPTY_BYTES, []]);
}

/**
 * Decodes a QBFT extraData (genesis or any later header) into its items.
 * @example decodeQbftExtraData(genesis.extraData).validators
 */
export function decodeQbftExtraData(hex: string): QbftExtraData {
  let items: unknown;
  try {
    items = decodeRlp(hex);
  } catch (cause) {
    throw invalid("it is not RLP", cause);
  }
  if (!Array.isArray(items) || items.length !== 5) throw invalid("expected a list of 5 items");
  const [vanity, validators, vote, round, seals] = items as unknown[];

  if (!isBytes(vanity, VANITY_BYTES)) throw invalid(`the vanity must be ${VANITY_BYTES} bytes`);
  if (!Array.isArray(validators) || !validators.every((v) => isBytes(v, ADDRESS_BYTES))) {
    throw invalid(`the validators must be a list of ${ADDRESS_BYTES}-byte addresses`);
  }
  if (!isBytes(round) || dataLength(round) > 4) throw invalid("the round must be an integer of at most 4 bytes");
  if (!Array.isArray(seals) || !seals.every((s) => isBytes(s, SEAL_BYTES))) {
    throw invalid(`the seals must be a list of ${SEAL_BYTES}-byte signatures`);
  }
  return {
    vanity,
    validators: (validators as string[]).map((v) => getAddress(v)),
    vote: decodeVote(vote),
    round: round === EMPTY_BYTES ? 0 : toNumber(round),
    seals: seals as string[],
  };
}

function decodeVote(vote: unknown): QbftVote | null {
  if (!Array.isArray(vote)) throw invalid("the vote must be a list");
  if (vote.length === 0) return null;
  const [recipient, kind] = vote as unknown[];
  if (vote.length !== 2 || !isBytes(recipient, ADDRESS_BYTES) || (kind !== ADD_VOTE_BYTE && kind !== EMPTY_BYTES)) {
    throw invalid("the vote must be [recipient address, 0xff (add) or empty (drop)]");
  }
  return { recipient: getAddress(recipient), add: kind === ADD_VOTE_BYTE };
}

function isBytes(value: unknown, length?: number): value is string {
  return isHexString(value) && (length === undefined || dataLength(value) === length);
}

function invalid(reason: string, cause?: unknown): ChainGenerationError {
  return new ChainGenerationError(`Invalid QBFT extraData: ${reason}.`, { cause });
}

import { AbiCoder, keccak256, toBeHex, toUtf8Bytes, type Provider } from "ethers";

const abi = AbiCoder.defaultAbiCoder();

/** The base slot of an ERC-7201 namespace. */
export function erc7201(namespace: string): bigint {
  const id = BigInt(keccak256(toUtf8Bytes(namespace))) - 1n;
  return BigInt(keccak256(abi.encode(["uint256"], [id]))) & ~0xffn;
}

/** The slot of `mapping[key]` when the mapping sits at `slot`. */
export function mappingSlot(keyType: "address" | "uint256" | "bytes32", key: string | bigint, slot: bigint): bigint {
  return BigInt(keccak256(abi.encode([keyType, "uint256"], [key, slot])));
}

export async function readSlot(provider: Provider, address: string, slot: bigint): Promise<bigint> {
  return BigInt(await provider.getStorage(address, toBeHex(slot, 32)));
}

/** Bits [offset, offset + width) of a storage word. */
export function field(word: bigint, offset: number, width: number): bigint {
  return (word >> BigInt(offset)) & ((1n << BigInt(width)) - 1n);
}

/** ERC-1967's implementation slot. */
export const IMPLEMENTATION_SLOT = BigInt(keccak256(toUtf8Bytes("eip1967.proxy.implementation"))) - 1n;

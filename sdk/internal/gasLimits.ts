// Gas limits of the payment paths, for a zero-fee chain: a payment sent with a known limit needs no
// eth_estimateGas, which on the node costs more than the payment itself (it runs the call several times).
//
// Each limit is about twice the gas the payment uses (bench/gas-snapshot.json, fee and permit included), so a
// contract upgrade that makes a payment somewhat dearer still fits. Gas is free, but a limit is not: the block
// builder admits a transaction only while its whole limit fits in what is left of the block's 30,000,000, so a
// limit far above the use would leave the end of a full block empty. A payment that does run out of its known
// limit changes nothing (a failed transaction), and the SDK sends it again with an estimated limit.
//
// Keyed by function selector; a test checks each against the contracts' ABIs and the gas measured.
const KNOWN_GAS_LIMITS: Readonly<Record<string, bigint>> = {
  // LocalCurrency.transfer(address,uint256): 43,407 gas; 55,252 with a fee.
  "0xa9059cbb": 120_000n,
  // LocalCurrency.transferWithAuthorization(...) and receiveWithAuthorization(...): a payment, a signature
  // check and a fresh nonce slot.
  "0xe3ee160e": 200_000n,
  "0xef55bec6": 200_000n,
  // MutualCredit.pay(address,uint256): 66,434 gas.
  "0xc4076876": 150_000n,
  // Delegations.payFor(address,address,uint256): 65,173 gas.
  "0x9865a1d3": 150_000n,
  // PaymentRequests.pay(uint256): 66,511 gas.
  "0xc290d691": 150_000n,
  // PaymentRequests.payWithPermit(uint256,uint256,uint8,bytes32,bytes32): a permit (86,005) and a payment.
  "0xee241fd5": 300_000n,
};

/** The known gas limit of a payment's call data, or undefined for anything else (its gas is then estimated). */
export function knownGasLimit(data: string | null | undefined): bigint | undefined {
  if (typeof data !== "string" || data.length < 10) return undefined;
  return KNOWN_GAS_LIMITS[data.slice(0, 10).toLowerCase()];
}

/** Every selector with a known limit, for the test that checks them against the ABIs. */
export const knownGasLimits = KNOWN_GAS_LIMITS;

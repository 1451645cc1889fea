/**
 * The EIP-712 typed data of an EIP-2612 permit, ready for any signer's `signTypedData`: a member signs, a
 * relayer sends `permit(owner, spender, value, deadline, v, r, s)` and pays the gas.
 * The domain is the token's own, as its `eip712Domain()` (EIP-5267) returns it; SDK actions read it from the
 * chain, a wallet signing offline passes the one it read last.
 * @example const { domain, types, message } = permitTypedData({ name: "Monnaie Libournaise", version: "1", chainId, verifyingContract, owner, spender, value, nonce, deadline })
 */
export function permitTypedData(params: {
  /** The token's name, as its `name()` returns it. */
  name: string;
  /** The domain version, as the token's `eip712Domain()` returns it. */
  version: string;
  chainId: bigint | number;
  verifyingContract: string;
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}) {
  return {
    domain: {
      name: params.name,
      version: params.version,
      chainId: params.chainId,
      verifyingContract: params.verifyingContract,
    },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    message: {
      owner: params.owner,
      spender: params.spender,
      value: params.value,
      nonce: params.nonce,
      deadline: params.deadline,
    },
  };
}

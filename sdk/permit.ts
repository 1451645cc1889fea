/**
 * The EIP-712 typed data of an EIP-2612 permit, ready for any signer's `signTypedData`: a member signs, a
 * relayer sends `permit(owner, spender, value, deadline, v, r, s)` and pays the gas.
 * @example const { domain, types, message } = permitTypedData({ name: "Monnaie Libournaise", chainId, verifyingContract, owner, spender, value, nonce, deadline })
 */
export function permitTypedData(params: {
  /** The token's name, as its `name()` returns it. */
  name: string;
  chainId: bigint;
  verifyingContract: string;
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}) {
  return {
    domain: { name: params.name, version: "1", chainId: params.chainId, verifyingContract: params.verifyingContract },
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

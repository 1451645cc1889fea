import {
  AbstractSigner,
  BaseWallet,
  getAddress,
  isHexString,
  JsonRpcApiProvider,
  keccak256,
  NonceManager,
  resolveAddress,
  Transaction,
  TransactionResponse,
  type Network,
  type Provider,
  type Signer,
  type TransactionLike,
  type TransactionRequest,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";

import { knownGasLimit } from "./gasLimits.js";

export interface FreeGasSignerOptions {
  /**
   * On a zero-fee chain, send payments with their known gas limit instead of asking the node to estimate it
   * (default true). A payment the contract refuses is then mined as a failed transaction rather than refused
   * by the estimate; the SDK reports it with the same typed error.
   */
  knownGasLimits?: boolean;
}

/**
 * Sends with a zero gas price on a chain whose base fee is zero (the currency's own chain, the devnet), so
 * members need no ether; elsewhere leaves fees to ethers. The chain is asked once.
 *
 * On a zero-fee chain it also fills in the rest of the transaction itself, so that a payment costs the node
 * one request, the send: the nonce is counted locally, the chain id is read once, a payment's gas limit is known
 * (see gasLimits.ts), and a local key signs and sends the raw transaction without ethers' extra block-number
 * query.
 */
export class FreeGasSigner extends AbstractSigner {
  #free: Promise<boolean> | undefined;
  #network: Promise<Network> | undefined;
  #estimating = false;

  constructor(
    readonly inner: Signer,
    provider: Provider | null = inner.provider,
    readonly options: FreeGasSignerOptions = {},
  ) {
    super(provider);
  }

  override connect(provider: Provider | null): FreeGasSigner {
    return new FreeGasSigner(this.inner.connect(provider), provider, this.options);
  }

  /** Forgets the locally counted nonce, after a transaction that failed before reaching the chain. */
  resetNonce(): void {
    if (this.inner instanceof NonceManager) this.inner.reset();
  }

  /**
   * Runs `send` with every gas limit estimated by the node: for a payment sent again after running out of its
   * known limit. Sends from one signer are queued (transactions.ts), so no other send sees the flag.
   */
  async estimatingGas<T>(send: () => Promise<T>): Promise<T> {
    this.#estimating = true;
    try {
      return await send();
    } finally {
      this.#estimating = false;
    }
  }

  override getAddress(): Promise<string> {
    return this.inner.getAddress();
  }

  override signTransaction(tx: TransactionRequest): Promise<string> {
    return this.inner.signTransaction(tx);
  }

  override signMessage(message: string | Uint8Array): Promise<string> {
    return this.inner.signMessage(message);
  }

  override signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    return this.inner.signTypedData(domain, types, value);
  }

  override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    const priced = tx.gasPrice != null || tx.maxFeePerGas != null;
    if (priced || !(await this.#isFree())) return this.inner.sendTransaction(tx);
    const free: TransactionRequest = { ...tx, type: 2, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };
    const signer = this.inner instanceof NonceManager ? this.inner.signer : this.inner;
    const from = await signer.getAddress();
    if (tx.from != null && getAddress(await resolveAddress(tx.from, this.provider)) !== getAddress(from)) {
      throw new Error(`the transaction is from ${String(tx.from)}, not from the signer ${from}`);
    }
    free.from = from;
    // An address is checked (and checksummed) by Transaction.from below; a name or an Addressable is resolved.
    if (free.to != null && !isHexString(free.to, 20)) free.to = await resolveAddress(free.to, this.provider);
    free.chainId ??= (await this.#chain()).chainId;
    if (free.gasLimit == null) {
      const known = this.#estimating || this.options.knownGasLimits === false ? undefined : knownGasLimit(free.data);
      // The estimate runs the call: a transaction the contract refuses fails here, before a nonce is taken.
      free.gasLimit = known ?? withEstimateMargin(await signer.estimateGas(free));
    }
    if (free.nonce == null) {
      if (this.inner instanceof NonceManager) {
        // As NonceManager.sendTransaction does, without its inner populateTransaction (a nonce query each time).
        const nonce = this.inner.getNonce("pending");
        this.inner.increment();
        free.nonce = await nonce;
      } else {
        free.nonce = await signer.getNonce("pending");
      }
    }
    if (!(signer instanceof BaseWallet)) return signer.sendTransaction(free);
    // Signed as BaseWallet.signTransaction does, without resolving the addresses again.
    const { from: _from, ...fields } = free;
    const unsigned = Transaction.from(fields as TransactionLike<string>);
    unsigned.signature = signer.signingKey.sign(unsigned.unsignedHash);
    return this.#broadcast(unsigned, from);
  }

  /**
   * Sends a signed transaction: one eth_sendRawTransaction, where ethers would also ask for the block number,
   * and then recover the sender from the signature (milliseconds of elliptic-curve work per payment).
   */
  async #broadcast(tx: Transaction, from: string): Promise<TransactionResponse> {
    const provider = this.provider;
    const signed = tx.serialized;
    if (!(provider instanceof JsonRpcApiProvider)) return provider!.broadcastTransaction(signed);
    const hash = await provider._perform({ method: "broadcastTransaction", signedTransaction: signed });
    const expected = keccak256(signed);
    if (hash !== expected) throw new Error(`the node answered transaction ${String(hash)} for ${expected}`);
    return new TransactionResponse(
      {
        blockNumber: null,
        blockHash: null,
        hash: expected,
        index: 0,
        type: tx.type ?? 2,
        from,
        to: tx.to,
        nonce: tx.nonce,
        gasLimit: tx.gasLimit,
        gasPrice: tx.maxFeePerGas ?? tx.gasPrice ?? 0n,
        maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
        maxFeePerGas: tx.maxFeePerGas,
        maxFeePerBlobGas: null,
        data: tx.data,
        value: tx.value,
        chainId: tx.chainId,
        signature: tx.signature!,
        accessList: tx.accessList,
        blobVersionedHashes: null,
        authorizationList: null,
      },
      provider,
    );
  }

  #chain(): Promise<Network> {
    // A failed query is asked again next time rather than remembered.
    this.#network ??= this.provider!.getNetwork().catch((error: unknown) => {
      this.#network = undefined;
      throw error;
    });
    return this.#network;
  }

  #isFree(): Promise<boolean> {
    this.#free ??= (async () => {
      const block = await this.provider?.getBlock("latest");
      return block?.baseFeePerGas === 0n;
    })().catch((error: unknown) => {
      this.#free = undefined;
      throw error;
    });
    return this.#free;
  }
}

/**
 * An estimate is the gas of the call against the state it was made on; the block that runs it can cost more: a
 * burn is the first of a new second (a new reserve checkpoint: one more storage slot, about 22,100 gas) when the
 * estimate saw an earlier burn of the same second, or transactions sent together change the state before it.
 * Gas is free on a currency's chain, so the limit gets a quarter more and one new slot's worth besides.
 */
export function withEstimateMargin(estimate: bigint): bigint {
  return estimate + estimate / 4n + 25_000n;
}

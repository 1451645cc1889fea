import {
  AbstractSigner,
  NonceManager,
  type Provider,
  type Signer,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";

/**
 * Sends with a zero gas price on a chain whose base fee is zero (the currency's own chain, the devnet), so
 * members need no ether; elsewhere leaves fees to ethers. The chain is asked once.
 */
export class FreeGasSigner extends AbstractSigner {
  #free: Promise<boolean> | undefined;

  constructor(
    readonly inner: Signer,
    provider: Provider | null = inner.provider,
  ) {
    super(provider);
  }

  override connect(provider: Provider | null): FreeGasSigner {
    return new FreeGasSigner(this.inner.connect(provider), provider);
  }

  /** Forgets the locally counted nonce, after a transaction that failed before reaching the chain. */
  resetNonce(): void {
    if (this.inner instanceof NonceManager) this.inner.reset();
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
    if (!priced && (await this.#isFree())) {
      return this.inner.sendTransaction({ ...tx, type: 2, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n });
    }
    return this.inner.sendTransaction(tx);
  }

  #isFree(): Promise<boolean> {
    this.#free ??= (async () => {
      const block = await this.provider?.getBlock("latest");
      return block?.baseFeePerGas === 0n;
    })();
    return this.#free;
  }
}

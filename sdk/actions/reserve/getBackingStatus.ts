import type { KomunoClient } from "../../client.js";
import { supplyCap } from "../../internal/supplyCap.js";
import { read } from "../../internal/transactions.js";

export interface BackingStatus {
  supply: bigint;
  attestedReserve: bigint;
  /** Units burned since the attestation: euros paid out of the fund since then. */
  burnedSinceAttestation: bigint;
  /** Unix seconds of the last attestation, or null if none. */
  attestedAsOf: number | null;
  attestationAgeSeconds: number | null;
  evidenceHash: string;
  auditor: string;
  fullyBacked: boolean;
  escrowed: bigint;
  policy: { reserveCap: boolean; headroom: bigint; maxAttestationAgeSeconds: number };
  /**
   * The most the supply may reach now (the attested reserve less what was paid out since, plus the headroom), as
   * the mint policy computes it; null while the reserve cap is off.
   */
  supplyCap: bigint | null;
  /** What may still be minted under that cap (never below zero); null while the reserve cap is off. */
  mintRoom: bigint | null;
}

/**
 * Supply against the last attested reserve, as the chain says now, and what may still be minted under it.
 * @example const { fullyBacked } = await getBackingStatus(client)
 */
export async function getBackingStatus(client: KomunoClient): Promise<BackingStatus> {
  return read(client, "Reading the backing status", async () => {
    const [supply, attestation, burnedSinceAttestation, fullyBacked, policy, escrowed, block] = await Promise.all([
      client.currency.totalSupply(),
      client.currency.lastAttestation(),
      client.currency.burnedSinceAttestation(),
      client.currency.isFullyBacked(),
      client.currency.mintPolicy(),
      client.currency.escrowed(),
      client.provider.getBlock("latest"),
    ]);
    const asOf = Number(attestation.asOf);
    const cap = supplyCap({
      reserveCap: policy.reserveCapEnabled,
      attested: attestation.amount,
      burnedSinceAttestation,
      headroom: policy.headroom,
    });
    return {
      supply,
      attestedReserve: attestation.amount,
      burnedSinceAttestation,
      attestedAsOf: asOf === 0 ? null : asOf,
      attestationAgeSeconds: asOf === 0 ? null : block!.timestamp - asOf,
      evidenceHash: attestation.evidenceHash,
      auditor: attestation.auditor,
      fullyBacked,
      escrowed,
      policy: {
        reserveCap: policy.reserveCapEnabled,
        headroom: policy.headroom,
        maxAttestationAgeSeconds: Number(policy.maxAttestationAge),
      },
      supplyCap: cap,
      mintRoom: cap === null ? null : cap > supply ? cap - supply : 0n,
    };
  });
}

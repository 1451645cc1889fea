/**
 * The most the supply may reach, as the contract's mint policy computes it: the attested euros less those paid out
 * of the fund since the attestation (never below zero), plus the headroom; null while the reserve cap is off. One
 * place for the pre-flight of a mint and for the backing status a treasurer reads.
 */
export function supplyCap({
  reserveCap,
  attested,
  burnedSinceAttestation,
  headroom,
}: {
  reserveCap: boolean;
  attested: bigint;
  burnedSinceAttestation: bigint;
  headroom: bigint;
}): bigint | null {
  if (!reserveCap) return null;
  const reserveNow = burnedSinceAttestation >= attested ? 0n : attested - burnedSinceAttestation;
  return reserveNow + headroom;
}

// Stands in for @adraffy/ens-normalize in a wallet bundle (`komuno/no-ens`, through a bundler alias: see the
// README's "Build a wallet"). ethers loads ENS name normalisation for every provider, 37 kB minified, but a
// currency's own chain has no ENS: addresses are the only names there, and a name given by mistake must fail
// loudly rather than resolve.

/** Refuses every ENS name: a currency chain has none. */
export function ens_normalize(name: string): string {
  throw new Error(`ENS names are not used on a currency's chain: give the member's address instead of "${name}".`);
}

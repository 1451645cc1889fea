import type { KomunoClient } from "komuno";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { WalletConfig } from "../shared/config.js";
import type { OpenedKey } from "../shared/keystore.js";

/** The member's open wallet: the currency, the key (in memory only while open) and a client that signs with it. */
export interface MemberSession {
  config: WalletConfig;
  /** The currency's symbol (MIEL, LEM, ...). */
  symbol: string;
  key: OpenedKey;
  address: string;
  client: KomunoClient;
  /** Forgets the key in memory; the encrypted keystore stays in the browser. */
  lock(): void;
}

export const MemberContext = createContext<MemberSession | undefined>(undefined);

export function useMember(): MemberSession {
  const session = useContext(MemberContext);
  if (session === undefined) throw new Error("useMember outside an open wallet");
  return session;
}

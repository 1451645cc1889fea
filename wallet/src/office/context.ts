import type { KomunoClient } from "komuno";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { WalletConfig } from "../shared/config.js";

/** The back office: the currency, a read-only client, and the key of the role at work once opened. */
export interface OfficeSession {
  config: WalletConfig;
  symbol: string;
  reader: KomunoClient;
}

export const OfficeContext = createContext<OfficeSession | undefined>(undefined);

export function useOffice(): OfficeSession {
  const session = useContext(OfficeContext);
  if (session === undefined) throw new Error("useOffice outside the back office");
  return session;
}

/** A role's key, opened from its keystore file or an injected wallet: a client that signs as that role. */
export interface RoleKey {
  address: string;
  client: KomunoClient;
}

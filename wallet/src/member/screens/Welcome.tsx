import type { WalletConfig } from "../../shared/config.js";
import type { OpenedKey } from "../../shared/keystore.js";

// Placeholder until the screen is built.
export function Welcome(_: { config: WalletConfig; onOpened: (key: OpenedKey) => void }) {
  return <h1>Welcome</h1>;
}

import { useState } from "preact/hooks";

import type { WalletConfig } from "../../shared/config.js";
import { openKeystoreJson, type OpenedKey } from "../../shared/keystore.js";

// TEMP: the smallest welcome screen that honours test/helpers/memberWallet.ts's contract, so that the
// activity screens can be tested before the real one is merged. Dropped at merge.
export function Welcome({ onOpened }: { config: WalletConfig; onOpened: (key: OpenedKey) => void }) {
  const [restoring, setRestoring] = useState(false);
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  if (!restoring) {
    return (
      <button type="button" onClick={() => setRestoring(true)}>
        Restaurer depuis une sauvegarde
      </button>
    );
  }
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          onOpened(await openKeystoreJson(await file!.text(), password));
        } catch {
          setError("Mot de passe incorrect ou fichier invalide.");
        }
      }}
    >
      <label for="backup-file">Fichier de sauvegarde</label>
      <input id="backup-file" type="file" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])} />
      <label for="backup-password">Mot de passe de la sauvegarde</label>
      <input
        id="backup-password"
        type="password"
        value={password}
        onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Restaurer</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

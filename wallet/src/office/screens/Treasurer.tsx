import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { OpenRoleKey } from "../OpenRoleKey.js";
import { MintFromFile } from "../treasury/MintFromFile.js";
import { ReconversionQueue } from "../treasury/ReconversionQueue.js";
import { StatusPanel } from "../treasury/StatusPanel.js";
import type { RoleKey } from "../context.js";
import "../treasury/desk.css";

/** The treasurer's desk: the reserve's status, minting the bank's deposits, and the reconversions to wire. */
export function Treasurer() {
  return (
    <div class="desk">
      <h1>{t("treasury.title")}</h1>
      <p>{t("treasury.intro")}</p>
      <OpenRoleKey id="treasurer">{(key) => <TreasuryDesk roleKey={key} />}</OpenRoleKey>
    </div>
  );
}

function TreasuryDesk({ roleKey }: { roleKey: RoleKey }) {
  // Bumped after anything that moves the supply, so the status panel reads the chain again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((n) => n + 1);
  return (
    <>
      <StatusPanel roleKey={roleKey} version={version} />
      <MintFromFile roleKey={roleKey} onMinted={changed} />
      <ReconversionQueue roleKey={roleKey} onChanged={changed} />
    </>
  );
}

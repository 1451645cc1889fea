import { t } from "../../i18n/index.js";
import { AccountLookup } from "../members/AccountLookup.js";
import { AdmitFile } from "../members/AdmitFile.js";
import { AdmitOne } from "../members/AdmitOne.js";
import { Recoveries } from "../members/Recoveries.js";
import { OpenRoleKey } from "../OpenRoleKey.js";
import "../treasury/desk.css";

/** The member manager's desk: admissions (one, or a file), an account's status, and lost keys' recoveries. */
export function Members() {
  return (
    <div class="desk">
      <h1>{t("members.title")}</h1>
      <p>{t("members.intro")}</p>
      <OpenRoleKey id="members">
        {(key) => (
          <>
            <div class="panels">
              <AdmitOne roleKey={key} />
              <AccountLookup roleKey={key} />
            </div>
            <AdmitFile roleKey={key} />
            <Recoveries roleKey={key} />
          </>
        )}
      </OpenRoleKey>
    </div>
  );
}

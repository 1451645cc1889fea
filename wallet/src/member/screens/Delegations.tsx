import { listDelegations } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { useLocaleRerender } from "../../shared/useRerender.js";
import { DelegationCard } from "../activity/DelegationCard.js";
import { GrantDelegation } from "../activity/GrantDelegation.js";
import { ReadState } from "../activity/parts.js";
import { useChainData } from "../activity/useChainData.js";
import { useMember } from "../context.js";
import "../activity/activity.css";

/** Who may pay on the member's behalf, within which caps; grant and revoke. */
export function Delegations() {
  useLocaleRerender();
  const { client, address } = useMember();
  const [notice, setNotice] = useState<string>();
  const delegations = useChainData(() => listDelegations(client, { owner: address }), [client, address]);
  return (
    <section aria-labelledby="delegations-title">
      <h1 id="delegations-title">{t("delegations.title")}</h1>
      <GrantDelegation
        onGranted={() => {
          setNotice(undefined);
          delegations.reload();
        }}
      />
      <h2>{t("delegations.list")}</h2>
      {notice !== undefined && (
        <p class="success" role="status">
          {notice}
        </p>
      )}
      <ReadState
        loading={delegations.loading && delegations.data === undefined}
        error={delegations.error}
        retry={delegations.reload}
      />
      {delegations.data !== undefined &&
        (delegations.data.length === 0 ? (
          <p>{t("delegations.none")}</p>
        ) : (
          <ul class="activity-list">
            {delegations.data.map((delegation) => (
              <li key={delegation.delegate}>
                <DelegationCard
                  delegation={delegation}
                  onRevoked={(text) => {
                    setNotice(text);
                    delegations.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

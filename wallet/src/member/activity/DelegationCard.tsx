import { revokeDelegation, type Delegation } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatMoney } from "../../shared/format.js";
import { useMember } from "../context.js";
import { ConfirmPanel } from "./ConfirmPanel.js";
import { Address, Expiry } from "./parts.js";
import { useSend } from "./useSend.js";

/** One grant: its caps, what is spent and left, until when; revoke it. */
export function DelegationCard({
  delegation,
  onRevoked,
}: {
  delegation: Delegation;
  onRevoked: (notice: string) => void;
}) {
  const { client, symbol } = useMember();
  const [confirming, setConfirming] = useState(false);
  const send = useSend();
  const titleId = `delegation-${delegation.delegate}`;
  const revoke = async () => {
    if (await send.run(() => revokeDelegation(client, { delegate: delegation.delegate }))) {
      setConfirming(false);
      onRevoked(t("delegations.revokedNotice"));
    }
  };
  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t("delegations.item")} <Address address={delegation.delegate} />
      </h3>
      <dl class="activity-facts">
        <dt>{t("delegations.perPayment")}</dt>
        <dd>{formatMoney(delegation.perPaymentCap, symbol)}</dd>
        <dt>{t("delegations.total")}</dt>
        <dd>{delegation.totalCap === null ? t("delegations.noTotal") : formatMoney(delegation.totalCap, symbol)}</dd>
        <dt>{t("delegations.spent")}</dt>
        <dd>{formatMoney(delegation.spent, symbol)}</dd>
        <dt>{t("delegations.remaining")}</dt>
        <dd>
          {delegation.remaining === null
            ? t("delegations.remainingPerPayment", { amount: formatMoney(delegation.perPaymentCap, symbol) })
            : formatMoney(delegation.remaining, symbol)}
        </dd>
        <dt>{t("delegations.expiry")}</dt>
        <dd>
          <Expiry when={delegation.expiresAt} />
        </dd>
        <dt>{t("delegations.state")}</dt>
        <dd>
          <strong>{t(delegation.usable ? "delegations.usable" : "delegations.notUsable")}</strong>
        </dd>
      </dl>
      {!confirming ? (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t("delegations.revoke")}
        </button>
      ) : (
        <ConfirmPanel
          confirmLabel={t("delegations.confirmRevoke.button")}
          onConfirm={revoke}
          onBack={() => setConfirming(false)}
          busy={send.busy}
          danger
        >
          <p>{t("delegations.confirmRevoke.text")}</p>
        </ConfirmPanel>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
    </article>
  );
}

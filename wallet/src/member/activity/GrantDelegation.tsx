import { grantDelegation } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { formatMoney, readAmount } from "../../shared/format.js";
import { useMember } from "../context.js";
import { ConfirmPanel } from "./ConfirmPanel.js";
import { whyNotActive } from "./activeMember.js";
import { endOfDay, readAddress } from "./entry.js";
import { Address, Expiry } from "./parts.js";
import { useSend } from "./useSend.js";

interface Draft {
  delegate: string;
  perPaymentCap: bigint;
  totalCap: bigint | undefined;
  expiresAt: Date | undefined;
}

/** Names a delegate and its caps; the grant is shown in words before it is sent. */
export function GrantDelegation({ onGranted }: { onGranted: () => void }) {
  const { client, symbol, address } = useMember();
  const [delegate, setDelegate] = useState("");
  const [perPayment, setPerPayment] = useState("");
  const [total, setTotal] = useState("");
  const [expiry, setExpiry] = useState("");
  const [problem, setProblem] = useState<string>();
  const [draft, setDraft] = useState<Draft>();
  const [granted, setGranted] = useState<string>();
  const send = useSend();

  const check = (event: Event) => {
    event.preventDefault();
    setGranted(undefined);
    const delegateEntry = readAddress(delegate);
    const perPaymentEntry = readAmount(perPayment);
    const totalEntry = total.trim() === "" ? undefined : readAmount(total);
    const expiresAt = expiry === "" ? undefined : endOfDay(expiry);
    const found = !delegateEntry.ok
      ? delegateEntry.message
      : delegateEntry.address.toLowerCase() === address.toLowerCase()
        ? t("delegations.grant.self")
        : !perPaymentEntry.ok
          ? perPaymentEntry.message
          : totalEntry !== undefined && !totalEntry.ok
            ? totalEntry.message
            : totalEntry?.ok && totalEntry.cents < perPaymentEntry.cents
              ? t("delegations.grant.totalBelowPerPayment")
              : expiry !== "" && (expiresAt === undefined || expiresAt.getTime() <= Date.now())
                ? t("delegations.grant.expiryPast")
                : undefined;
    setProblem(found);
    if (found !== undefined || !delegateEntry.ok || !perPaymentEntry.ok) return;
    void send.run(async () => {
      const stranger = await whyNotActive(client, delegateEntry.address);
      if (stranger !== undefined) return setProblem(stranger);
      setDraft({
        delegate: delegateEntry.address,
        perPaymentCap: perPaymentEntry.cents,
        totalCap: totalEntry?.ok ? totalEntry.cents : undefined,
        expiresAt,
      });
    });
  };

  const grant = async (draft: Draft) => {
    let already = false;
    const done = await send.run(async () => {
      already = (await grantDelegation(client, draft)).alreadyGranted;
    });
    if (done) {
      setDraft(undefined);
      setDelegate("");
      setPerPayment("");
      setTotal("");
      setExpiry("");
      setGranted(t(already ? "delegations.grant.already" : "delegations.grant.done"));
      onGranted();
    }
  };

  return (
    <section aria-labelledby="grant-title" class="card">
      <h2 id="grant-title">{t("delegations.grant.title")}</h2>
      <p class="hint">{t("delegations.grant.intro")}</p>
      {draft === undefined ? (
        <form onSubmit={check} noValidate>
          <label for="delegate-address">{t("delegations.grant.delegate")}</label>
          <input
            id="delegate-address"
            autocomplete="off"
            spellcheck={false}
            placeholder="0x…"
            value={delegate}
            onInput={(e) => setDelegate((e.target as HTMLInputElement).value)}
          />
          <label for="delegate-per-payment">{t("delegations.grant.perPayment", { symbol })}</label>
          <input
            id="delegate-per-payment"
            inputMode="decimal"
            value={perPayment}
            onInput={(e) => setPerPayment((e.target as HTMLInputElement).value)}
          />
          <label for="delegate-total">{t("delegations.grant.total", { symbol })}</label>
          <input
            id="delegate-total"
            inputMode="decimal"
            aria-describedby="delegate-total-hint"
            value={total}
            onInput={(e) => setTotal((e.target as HTMLInputElement).value)}
          />
          <p id="delegate-total-hint" class="hint">
            {t("delegations.grant.totalHint")}
          </p>
          <label for="delegate-expiry">{t("delegations.grant.expiry")}</label>
          <input
            id="delegate-expiry"
            type="date"
            aria-describedby="delegate-expiry-hint"
            value={expiry}
            onInput={(e) => setExpiry((e.target as HTMLInputElement).value)}
          />
          <p id="delegate-expiry-hint" class="hint">
            {t("delegations.grant.expiryHint")}
          </p>
          <button type="submit" disabled={send.busy}>
            {t("delegations.grant.check")}
          </button>
          {problem !== undefined && <p role="alert">{problem}</p>}
        </form>
      ) : (
        <ConfirmPanel
          confirmLabel={t("delegations.grant.send")}
          onConfirm={() => grant(draft)}
          onBack={() => setDraft(undefined)}
          busy={send.busy}
        >
          <p>
            {t("delegations.grant.summaryWho")} <Address address={draft.delegate} />
          </p>
          <ul>
            <li>{t("delegations.grant.summaryPerPayment", { amount: formatMoney(draft.perPaymentCap, symbol) })}</li>
            <li>
              {draft.totalCap === undefined
                ? t("delegations.grant.summaryNoTotal")
                : t("delegations.grant.summaryTotal", { amount: formatMoney(draft.totalCap, symbol) })}
            </li>
            <li>
              {t("delegations.grant.summaryUntil")} <Expiry when={draft.expiresAt ?? null} />
            </li>
          </ul>
          <p class="hint">{t("delegations.grant.summaryAllowance")}</p>
        </ConfirmPanel>
      )}
      {send.busy && (
        <p aria-live="polite" class="hint">
          {t("activity.sending")}
        </p>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
      {granted !== undefined && (
        <p class="success" role="status">
          {granted}
        </p>
      )}
    </section>
  );
}

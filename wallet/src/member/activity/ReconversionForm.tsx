import { commissionOf, requestReconversion } from "komuno";
import { useState } from "preact/hooks";

import { localeTag, t } from "../../i18n/index.js";
import { formatEuros, formatMoney, readAmount } from "../../shared/format.js";
import { useMember } from "../context.js";
import { ConfirmPanel } from "./ConfirmPanel.js";
import { useSend } from "./useSend.js";

export interface ReconversionTerms {
  commissionBps: number;
  feeAccount: string;
}

/** A business asks for euros: the commission and the net euros to be wired are shown before it confirms. */
export function ReconversionForm({ terms, onRequested }: { terms: ReconversionTerms; onRequested: () => void }) {
  const { client, symbol } = useMember();
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string>();
  const [draft, setDraft] = useState<bigint>();
  const [requested, setRequested] = useState<string>();
  const send = useSend();

  const check = (event: Event) => {
    event.preventDefault();
    setRequested(undefined);
    const entry = readAmount(amount);
    setProblem(entry.ok ? undefined : entry.message);
    if (entry.ok) setDraft(entry.cents);
  };
  const request = async (cents: bigint) => {
    let id = 0n;
    const done = await send.run(async () => {
      id = (await requestReconversion(client, { amount: cents })).id;
    });
    if (done) {
      setDraft(undefined);
      setAmount("");
      setRequested(t("reconversion.done", { id: String(id) }));
      onRequested();
    }
  };

  // The rate of today: the contract records it with the request and settles at that rate.
  const commission = draft === undefined ? 0n : commissionOf(draft, terms.commissionBps, terms.feeAccount);
  return (
    <section aria-labelledby="reconversion-form-title" class="card">
      <h2 id="reconversion-form-title">{t("reconversion.form.title")}</h2>
      {draft === undefined ? (
        <form onSubmit={check} noValidate>
          <label for="reconversion-amount">{t("reconversion.form.amount", { symbol })}</label>
          <input
            id="reconversion-amount"
            inputMode="decimal"
            aria-describedby="reconversion-amount-hint"
            value={amount}
            onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
          />
          <p id="reconversion-amount-hint" class="hint">
            {t("reconversion.form.hint", { rate: percent(terms.commissionBps) })}
          </p>
          <button type="submit">{t("reconversion.form.check")}</button>
          {problem !== undefined && <p role="alert">{problem}</p>}
        </form>
      ) : (
        <ConfirmPanel
          confirmLabel={t("reconversion.form.send", { amount: formatMoney(draft, symbol) })}
          onConfirm={() => request(draft)}
          onBack={() => setDraft(undefined)}
          busy={send.busy}
        >
          <p>{t("reconversion.form.escrow", { amount: formatMoney(draft, symbol) })}</p>
          <p>
            {t("reconversion.form.commission", {
              rate: percent(terms.commissionBps),
              commission: formatMoney(commission, symbol),
            })}
          </p>
          <p>
            <strong>{t("reconversion.form.net", { euros: formatEuros(draft - commission) })}</strong>
          </p>
          <p class="hint">{t("reconversion.form.after")}</p>
        </ConfirmPanel>
      )}
      {send.busy && (
        <p aria-live="polite" class="hint">
          {t("activity.sending")}
        </p>
      )}
      {send.error !== undefined && <p role="alert">{send.error}</p>}
      {requested !== undefined && (
        <p class="success" role="status">
          {requested}
        </p>
      )}
    </section>
  );
}

/** Basis points as a percentage in the member's language: 200 → "2 %", 250 → "2,5 %". */
export function percent(bps: number): string {
  return new Intl.NumberFormat(localeTag(), { style: "percent", maximumFractionDigits: 2 }).format(bps / 10_000);
}

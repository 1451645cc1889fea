import { attestReserve, ContractRevertError } from "komuno";
import { keccak256 } from "ethers";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError, sendFailureText } from "../../shared/errors.js";
import { formatDate, formatEuros, readAmount } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";

/** A file the auditor brought, with the hash that goes on chain: keccak256 of its bytes, as `komuno reserve attest`. */
export interface Evidence {
  name: string;
  hash: string;
}

export async function evidenceOf(file: File): Promise<Evidence> {
  return { name: file.name, hash: keccak256(new Uint8Array(await file.arrayBuffer())) };
}

interface AttestationPlan {
  amount: bigint;
  asOf: Date;
  evidence: Evidence;
}

/** `2026-11-30T14:05:09` in the desk's time zone, as a datetime-local input shows it. */
function localInputValue(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * The auditor records the guarantee fund's balance: amount, the moment it was taken, and the evidence file whose
 * hash goes on chain; what will be recorded is shown before it is sent.
 */
export function AttestReserve({
  roleKey,
  statement,
  onAttested,
}: {
  roleKey: RoleKey;
  /** The bank statement reconciled above, offered as the evidence. */
  statement: Evidence | undefined;
  onAttested: () => void;
}) {
  const { reader } = useOffice();
  const [amountText, setAmountText] = useState("");
  const [asOfText, setAsOfText] = useState("");
  const [evidence, setEvidence] = useState<Evidence>();
  const [plan, setPlan] = useState<AttestationPlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function chooseFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    setEvidence(file === undefined ? undefined : await evidenceOf(file));
  }

  async function useChainTime() {
    const block = await reader.provider.getBlock("latest").catch(() => null);
    setAsOfText(localInputValue(block?.timestamp ?? Math.floor(Date.now() / 1000)));
  }

  async function review(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const amount = readAmount(amountText);
    if (!amount.ok) return setError(amount.message);
    if (evidence === undefined) return setError(t("attest.noEvidence"));
    setBusy(true);
    try {
      const [latest, last] = await Promise.all([reader.provider.getBlock("latest"), reader.currency.lastAttestation()]);
      const chainTime = latest?.timestamp ?? Math.floor(Date.now() / 1000);
      // Left empty, the moment is the chain's latest block, as the CLI takes it: never ahead of the chain.
      const asOf = asOfText === "" ? new Date(chainTime * 1000) : new Date(asOfText);
      if (Number.isNaN(asOf.getTime())) return setError(t("attest.badDate"));
      const seconds = Math.floor(asOf.getTime() / 1000);
      if (seconds > Math.max(chainTime, Date.now() / 1000 + 60)) {
        return setError(t("attest.inFuture", { date: formatDate(asOf) }));
      }
      if (last.asOf > 0n && BigInt(seconds) < last.asOf) {
        return setError(t("attest.outOfOrder", { date: formatDate(asOf), last: formatDate(Number(last.asOf)) }));
      }
      setPlan({ amount: amount.cents, asOf, evidence });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (plan === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await attestReserve(roleKey.client, {
        amount: plan.amount,
        asOf: plan.asOf,
        evidenceHash: plan.evidence.hash,
      });
      setDone(t("attest.done", { amount: formatEuros(plan.amount), date: formatDate(plan.asOf), tx: result.hash }));
      setPlan(undefined);
      setAmountText("");
      onAttested();
    } catch (failure) {
      const message =
        failure instanceof ContractRevertError && failure.errorName === "AttestationOutOfOrder"
          ? t("attest.outOfOrder", { date: formatDate(plan.asOf), last: formatDate(Number(failure.args.lastAsOf)) })
          : describeError(failure);
      setError(sendFailureText(failure, "", message));
    } finally {
      setBusy(false);
    }
  }

  if (plan !== undefined) {
    return (
      <div class="review" role="group" aria-label={t("attest.review.title")}>
        <h3>{t("attest.review.title")}</h3>
        <dl class="facts">
          <dt>{t("attest.review.amount")}</dt>
          <dd>{formatEuros(plan.amount)}</dd>
          <dt>{t("attest.review.asOf")}</dt>
          <dd>{formatDate(plan.asOf)}</dd>
          <dt>{t("attest.review.evidence")}</dt>
          <dd>{plan.evidence.name}</dd>
          <dt>{t("attest.review.hash")}</dt>
          <dd class="mono">{plan.evidence.hash}</dd>
          <dt>{t("attest.review.auditor")}</dt>
          <dd class="mono">{roleKey.address}</dd>
        </dl>
        <p class="hint">{t("attest.review.hint")}</p>
        <button type="button" disabled={busy} onClick={confirm}>
          {busy ? t("attest.sending") : t("attest.confirm", { amount: formatEuros(plan.amount) })}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => setPlan(undefined)}>
          {t("app.back")}
        </button>
        {error && <p role="alert">{error}</p>}
      </div>
    );
  }

  return (
    <form onSubmit={review}>
      <label for="attest-amount">{t("attest.amount")}</label>
      <input
        id="attest-amount"
        inputMode="decimal"
        autocomplete="off"
        aria-describedby="attest-amount-hint"
        value={amountText}
        onInput={(e) => setAmountText((e.target as HTMLInputElement).value)}
      />
      <p id="attest-amount-hint" class="hint">
        {t("amount.hint", { symbol: "€" })}
      </p>
      <label for="attest-as-of">{t("attest.asOf")}</label>
      <input
        id="attest-as-of"
        type="datetime-local"
        step={1}
        aria-describedby="attest-as-of-hint"
        value={asOfText}
        onInput={(e) => setAsOfText((e.target as HTMLInputElement).value)}
      />
      <p id="attest-as-of-hint" class="hint">
        {t("attest.asOfHint")}{" "}
        <button type="button" class="secondary" onClick={useChainTime}>
          {t("attest.asOfNow")}
        </button>
      </p>
      <label for="attest-evidence">{t("attest.evidence")}</label>
      <input id="attest-evidence" type="file" onChange={(e) => chooseFile(e.target as HTMLInputElement)} />
      {statement !== undefined && evidence?.hash !== statement.hash && (
        <button type="button" class="secondary" onClick={() => setEvidence(statement)}>
          {t("attest.useStatement", { name: statement.name })}
        </button>
      )}
      <p class="hint" aria-live="polite">
        {evidence === undefined
          ? t("attest.evidenceHint")
          : t("attest.evidenceChosen", { name: evidence.name, hash: evidence.hash })}
      </p>
      <button type="submit" disabled={busy}>
        {t("attest.check")}
      </button>
      {done && (
        <p role="status" class="success">
          {done}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

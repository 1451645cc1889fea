import {
  InvalidInputError,
  listReconversions,
  reconversionTotals,
  rejectReconversion,
  settleReconversion,
  type Reconversion,
} from "komuno";
import { useEffect, useState } from "preact/hooks";

import { localeTag, t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { formatEuros, formatMoney, shortAddress } from "../../shared/format.js";
import { useFocusOnMount } from "../../shared/useFocusOnMount.js";
import { useOffice, type RoleKey } from "../context.js";

type Choice = { mode: "settle" | "reject"; request: Reconversion };

/**
 * The pending reconversion requests with what to wire for each (the SDK computes the commission as the contract
 * will), the total, and one request at a time settled with its payout's reference or rejected with a reason.
 */
export function ReconversionQueue({ roleKey, onChanged }: { roleKey: RoleKey; onChanged: () => void }) {
  const { symbol } = useOffice();
  const [pending, setPending] = useState<Reconversion[]>();
  const [error, setError] = useState<string>();
  const [choice, setChoice] = useState<Choice>();
  const [done, setDone] = useState<string>();
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let current = true;
    setError(undefined);
    listReconversions(roleKey.client, { status: "pending" }).then(
      (list) => current && setPending(list),
      (failure: unknown) => current && setError(describeError(failure, symbol)),
    );
    return () => {
      current = false;
    };
  }, [roleKey, reads]);

  function finished(message: string) {
    setChoice(undefined);
    setDone(message);
    setReads((n) => n + 1);
    onChanged();
  }

  const totals = pending && reconversionTotals(pending);
  return (
    <section class="card" aria-labelledby="reconversions-title">
      <h2 id="reconversions-title">{t("treasury.rec.title")}</h2>
      <p class="hint">{t("treasury.rec.help")}</p>
      {error && <p role="alert">{error}</p>}
      {done && (
        <p class="success" role="status">
          {done}
        </p>
      )}
      {pending === undefined ? (
        !error && <p aria-busy="true">{t("desk.reading")}</p>
      ) : pending.length === 0 ? (
        <p>{t("treasury.rec.none")}</p>
      ) : (
        <>
          <QueueTable
            pending={pending}
            symbol={symbol}
            onChoose={(next) => {
              setDone(undefined);
              setChoice(next);
            }}
          />
          <p>
            <strong>{t("treasury.rec.total", { net: formatEuros(totals!.netPayout), count: totals!.count })}</strong>
          </p>
        </>
      )}
      {choice?.mode === "settle" && (
        <SettleForm key={choice.request.id} roleKey={roleKey} request={choice.request} onDone={finished} />
      )}
      {choice?.mode === "reject" && (
        <RejectForm key={choice.request.id} roleKey={roleKey} request={choice.request} onDone={finished} />
      )}
      <button type="button" class="secondary" onClick={() => setReads((n) => n + 1)}>
        {t("desk.refresh")}
      </button>
    </section>
  );
}

function QueueTable({
  pending,
  symbol,
  onChoose,
}: {
  pending: Reconversion[];
  symbol: string;
  onChoose: (choice: Choice) => void;
}) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="hint">{t("treasury.rec.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("treasury.rec.col.id")}</th>
            <th scope="col">{t("treasury.rec.col.member")}</th>
            <th scope="col" class="num">
              {t("treasury.rec.col.gross")}
            </th>
            <th scope="col" class="num">
              {t("treasury.rec.col.commission")}
            </th>
            <th scope="col" class="num">
              {t("treasury.rec.col.net")}
            </th>
            <th scope="col">{t("treasury.rec.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {pending.map((request) => (
            <tr key={String(request.id)}>
              <td>{String(request.id)}</td>
              <td class="mono" title={request.member}>
                {request.member}
              </td>
              <td class="num">{formatMoney(request.amount, symbol)}</td>
              <td class="num">
                {t("treasury.rec.commission", {
                  amount: formatMoney(request.commission, symbol),
                  rate: (request.commissionBps / 100).toLocaleString(localeTag()),
                })}
              </td>
              <td class="num">
                <strong>{formatEuros(request.netPayout)}</strong>
              </td>
              <td>
                <button type="button" onClick={() => onChoose({ mode: "settle", request })}>
                  {t("treasury.rec.settle", { id: String(request.id) })}
                </button>
                <button type="button" class="secondary" onClick={() => onChoose({ mode: "reject", request })}>
                  {t("treasury.rec.reject", { id: String(request.id) })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface FormProps {
  roleKey: RoleKey;
  request: Reconversion;
  onDone: (message: string) => void;
}

function SettleForm({ roleKey, request, onDone }: FormProps) {
  const { symbol } = useOffice();
  const [reference, setReference] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = String(request.id);

  async function settle(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // The SDK and the contract decide what a payout reference may be (not empty, never used before).
      const result = await settleReconversion(roleKey.client, { id: request.id, payoutReference: reference });
      onDone(
        t("treasury.rec.settled", {
          id,
          net: formatEuros(result.netPayout),
          reference: result.payoutReference,
          commission: formatMoney(result.commission, symbol),
        }),
      );
    } catch (failure) {
      setError(describeError(failure, symbol));
      setBusy(false);
    }
  }

  return (
    <form class="inline-form" onSubmit={settle} aria-labelledby="settle-title">
      <h3 id="settle-title" tabIndex={-1} ref={useFocusOnMount<HTMLHeadingElement>()}>
        {t("treasury.rec.settleTitle", { id })}
      </h3>
      <p>
        {t("treasury.rec.settleExplain", {
          net: formatEuros(request.netPayout),
          member: shortAddress(request.member),
          gross: formatMoney(request.amount, symbol),
          commission: formatMoney(request.commission, symbol),
        })}
      </p>
      <label for="payout-reference">{t("treasury.rec.payoutRef")}</label>
      <input
        id="payout-reference"
        value={reference}
        autocomplete="off"
        onInput={(event) => setReference((event.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={busy}>
        {busy ? t("treasury.rec.working") : t("treasury.rec.confirmSettle", { net: formatEuros(request.netPayout) })}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function RejectForm({ roleKey, request, onDone }: FormProps) {
  const { symbol } = useOffice();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = String(request.id);
  const gross = formatMoney(request.amount, symbol);

  async function reject(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await rejectReconversion(roleKey.client, { id: request.id, reason });
      onDone(t("treasury.rec.rejected", { id, gross }));
    } catch (failure) {
      setError(
        failure instanceof InvalidInputError && failure.field === "reason"
          ? t("treasury.rec.reasonMissing")
          : describeError(failure, symbol),
      );
      setBusy(false);
    }
  }

  return (
    <form class="inline-form" onSubmit={reject} aria-labelledby="reject-title">
      <h3 id="reject-title" tabIndex={-1} ref={useFocusOnMount<HTMLHeadingElement>()}>
        {t("treasury.rec.rejectTitle", { id })}
      </h3>
      <p>{t("treasury.rec.rejectExplain", { gross, member: shortAddress(request.member) })}</p>
      <label for="reject-reason">{t("treasury.rec.reason")}</label>
      <input
        id="reject-reason"
        value={reason}
        autocomplete="off"
        onInput={(event) => setReason((event.target as HTMLInputElement).value)}
      />
      <button type="submit" class="danger" disabled={busy}>
        {busy ? t("treasury.rec.working") : t("treasury.rec.confirmReject", { gross })}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

import { ACCOUNT_KINDS, listReconversions, type Reconversion as ReconversionRequest } from "komuno";

import { t, type MessageKey } from "../../i18n/index.js";
import { formatEuros, formatMoney } from "../../shared/format.js";
import { useLocaleRerender } from "../../shared/useRerender.js";
import { ReadState } from "../activity/parts.js";
import { ReconversionForm, type ReconversionTerms } from "../activity/ReconversionForm.js";
import { useChainData } from "../activity/useChainData.js";
import { useMembership } from "../activity/useMemberKind.js";
import { useMember } from "../context.js";
import "../activity/activity.css";

// A settlement is the treasurer's work after a bank transfer: a few seconds' lag on screen is plenty.
const POLL_MS = 4_000;

/** Changing the currency back into euros (the kinds of account the currency allows) and the requests made. */
export function Reconversion() {
  useLocaleRerender();
  const { client, address } = useMember();
  const membership = useMembership();
  const terms = useChainData(async () => {
    const [allowedKinds, commissionBps, feeAccount] = await client.currency.reconversionPolicy();
    return { allowedKinds: Number(allowedKinds), commissionBps: Number(commissionBps), feeAccount };
  }, [client]);
  const mine = useChainData(
    async () => (await listReconversions(client, { member: address })).reverse(),
    [client, address],
    (list) => (list.some((r) => r.status === "pending") ? POLL_MS : undefined),
  );
  const kind = membership.data?.kind;
  const allowed =
    terms.data !== undefined &&
    kind !== undefined &&
    kind !== "none" &&
    (terms.data.allowedKinds & (1 << ACCOUNT_KINDS[kind])) !== 0;

  return (
    <section aria-labelledby="reconversion-title">
      <h1 id="reconversion-title">{t("reconversion.title")}</h1>
      <p>{t("reconversion.intro")}</p>
      <ReadState
        loading={(terms.loading || membership.loading) && (terms.data === undefined || membership.data === undefined)}
        error={terms.error ?? membership.error}
        retry={() => {
          terms.reload();
          membership.reload();
        }}
      />
      {terms.data !== undefined &&
        membership.data !== undefined &&
        (allowed ? (
          <ReconversionForm terms={terms.data as ReconversionTerms} onRequested={mine.reload} />
        ) : (
          <p class="card">{t("reconversion.notAllowed")}</p>
        ))}
      <h2>{t("reconversion.list")}</h2>
      <ReadState loading={mine.loading && mine.data === undefined} error={mine.error} retry={mine.reload} />
      {mine.data !== undefined &&
        (mine.data.length === 0 ? <p>{t("reconversion.none")}</p> : <ReconversionTable requests={mine.data} />)}
    </section>
  );
}

const STATUS: Record<ReconversionRequest["status"], MessageKey> = {
  none: "reconversion.status.pending",
  pending: "reconversion.status.pending",
  settled: "reconversion.status.settled",
  rejected: "reconversion.status.rejected",
};

function ReconversionTable({ requests }: { requests: ReconversionRequest[] }) {
  const { symbol } = useMember();
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{t("reconversion.list")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reconversion.column.request")}</th>
            <th scope="col" class="num">
              {t("reconversion.column.amount")}
            </th>
            <th scope="col" class="num">
              {t("reconversion.column.net")}
            </th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={String(r.id)}>
              <td>
                {t("reconversion.number", { id: String(r.id) })}
                <strong class="activity-sub">{t(STATUS[r.status])}</strong>
              </td>
              <td class="num">
                {formatMoney(r.amount, symbol)}
                {r.commission > 0n && (
                  <span class="activity-sub">
                    {t("reconversion.commissionOf", { commission: formatMoney(r.commission, symbol) })}
                  </span>
                )}
              </td>
              <td class="num">{r.status === "rejected" ? "—" : formatEuros(r.netPayout)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { getHistory, type HistoryEntry } from "komuno";
import { useMemo, useState } from "preact/hooks";

import { locale, localeTag, t, type MessageKey } from "../../i18n/index.js";
import { formatMoney } from "../../shared/format.js";
import { useLocaleRerender } from "../../shared/useRerender.js";
import { Address, ReadState } from "../activity/parts.js";
import { download } from "../../shared/download.js";
import { historyCsv } from "../activity/historyCsv.js";
import { monthName, monthOf, monthsToOffer } from "../activity/months.js";
import { useChainData } from "../activity/useChainData.js";
import { useMember } from "../context.js";
import "../activity/activity.css";

/** Every movement of the member's balance, a month at a time, and that month as a CSV file. */
export function History() {
  useLocaleRerender();
  const { client, address, symbol, config } = useMember();
  // One read of the whole history (ranged log queries, one block header per block): no call per row.
  const history = useChainData(() => getHistory(client, { account: address }), [client, address]);
  const entries = history.data ?? [];
  const months = useMemo(() => monthsToOffer(entries.map((entry) => entry.timestamp)), [entries]);
  const [month, setMonth] = useState(monthOf(new Date()));
  const shown = useMemo(
    () => entries.filter((entry) => monthOf(new Date(entry.timestamp * 1000)) === month).reverse(),
    [entries, month],
  );

  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">{t("history.title")}</h1>
      <label for="history-month">{t("history.month")}</label>
      <select id="history-month" value={month} onChange={(e) => setMonth((e.target as HTMLSelectElement).value)}>
        {months.map((m) => (
          <option key={m} value={m}>
            {monthName(m)}
          </option>
        ))}
      </select>
      <ReadState loading={history.loading && history.data === undefined} error={history.error} retry={history.reload} />
      {history.data !== undefined && (
        <>
          <MonthTotals entries={shown} symbol={symbol} />
          {shown.length === 0 ? (
            <p>{t("history.empty", { month: monthName(month) })}</p>
          ) : (
            <>
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  download(
                    `${config.deployment.symbol}-${t("history.fileName")}-${month}.csv`,
                    historyCsv(shown, symbol, (entry) => describeMovement(entry, symbol)),
                  )
                }
              >
                {t("history.export", { count: shown.length })}
              </button>
              <HistoryTable entries={shown} symbol={symbol} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function MonthTotals({ entries, symbol }: { entries: readonly HistoryEntry[]; symbol: string }) {
  let incoming = 0n;
  let outgoing = 0n;
  for (const entry of entries) {
    if (entry.amount > 0n) incoming += entry.amount;
    else outgoing -= entry.amount;
  }
  return (
    <p class="activity-totals">
      <span>{t("history.totalIn", { amount: formatMoney(incoming, symbol) })}</span>
      <span>{t("history.totalOut", { amount: formatMoney(outgoing, symbol) })}</span>
    </p>
  );
}

function HistoryTable({ entries, symbol }: { entries: readonly HistoryEntry[]; symbol: string }) {
  // One formatter for the whole table: building one per row costs more than the row itself.
  const dates = useMemo(
    () => new Intl.DateTimeFormat(localeTag(), { dateStyle: "medium", timeStyle: "short" }),
    [locale()],
  );
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{t("history.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("history.column.date")}</th>
            <th scope="col">{t("history.column.movement")}</th>
            <th scope="col" class="num">
              {t("history.column.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.transactionHash}:${entry.logIndex}`}>
              <td>{dates.format(new Date(entry.timestamp * 1000))}</td>
              <td>
                <span class={entry.type === "fee" ? "activity-fee" : undefined}>{describeMovement(entry, symbol)}</span>
                {showsCounterparty(entry) && (
                  <span class="activity-sub">
                    {t(entry.direction === "in" ? "history.from" : "history.to")}{" "}
                    <Address address={entry.counterparty} />
                  </span>
                )}
              </td>
              <td class={`num ${entry.amount >= 0n ? "activity-in" : "activity-out"}`}>
                {entry.amount > 0n ? "+" : ""}
                {formatMoney(entry.amount, symbol)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const MOVEMENTS: Record<`${HistoryEntry["type"]}.${HistoryEntry["direction"]}`, MessageKey> = {
  "payment.in": "history.type.paymentIn",
  "payment.out": "history.type.paymentOut",
  "fee.in": "history.type.feeIn",
  "fee.out": "history.type.feeOut",
  "mint.in": "history.type.mint",
  "mint.out": "history.type.mint",
  "burn.in": "history.type.burn",
  "burn.out": "history.type.burn",
  "reconversion.in": "history.type.reconversion",
  "reconversion.out": "history.type.reconversion",
  "refund.in": "history.type.refund",
  "refund.out": "history.type.refund",
};

/**
 * A movement in words: what a member calls it, fees named as fees; a payment received says what the payer
 * paid and the fee deducted from it.
 */
export function describeMovement(entry: HistoryEntry, symbol: string): string {
  const movement = t(MOVEMENTS[`${entry.type}.${entry.direction}`]);
  if (entry.fee === undefined) return movement;
  const deducted = t("history.feeDeducted", {
    paid: formatMoney(entry.amount + entry.fee, symbol),
    fee: formatMoney(entry.fee, symbol),
  });
  return `${movement} (${deducted})`;
}

// Deposits, withdrawals and the escrow are the currency itself, not a person to name.
function showsCounterparty(entry: HistoryEntry): boolean {
  return entry.type === "payment" || entry.type === "fee";
}

import { groupMismatches, type AuditMismatch, type AuditReport, type MismatchKind } from "komuno";

import { localeTag, t, type MessageKey } from "../../i18n/index.js";
import { formatEuros } from "../../shared/format.js";

const KIND_KEYS: Record<MismatchKind, { title: MessageKey; meaning: MessageKey }> = {
  "deposit-minted-twice": { title: "mismatch.depositMintedTwice", meaning: "mismatch.depositMintedTwice.meaning" },
  "mint-without-deposit": { title: "mismatch.mintWithoutDeposit", meaning: "mismatch.mintWithoutDeposit.meaning" },
  "mint-amount-differs": { title: "mismatch.mintAmountDiffers", meaning: "mismatch.mintAmountDiffers.meaning" },
  "payout-without-settlement": {
    title: "mismatch.payoutWithoutSettlement",
    meaning: "mismatch.payoutWithoutSettlement.meaning",
  },
  "payout-amount-differs": { title: "mismatch.payoutAmountDiffers", meaning: "mismatch.payoutAmountDiffers.meaning" },
  "payout-is-gross": { title: "mismatch.payoutIsGross", meaning: "mismatch.payoutIsGross.meaning" },
  "deposit-not-minted": { title: "mismatch.depositNotMinted", meaning: "mismatch.depositNotMinted.meaning" },
  "settlement-without-payout": {
    title: "mismatch.settlementWithoutPayout",
    meaning: "mismatch.settlementWithoutPayout.meaning",
  },
};

/** A statement's booking day (ISO, no time): written in the screen's language, never shifted by the time zone. */
const day = (iso: string) =>
  new Intl.DateTimeFormat(localeTag(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

const amount = (cents: bigint | null) => (cents === null ? "—" : formatEuros(cents));

/** Statement lines the audit found nothing wrong with. */
export function matchedLines(report: AuditReport): number {
  if (report.statement === null) return 0;
  const wrong = new Set(report.mismatches.flatMap((m) => (m.statementLine === null ? [] : [m.statementLine])));
  return report.statement.lines - wrong.size;
}

/** The statement set against the chain: totals side by side, then every mismatch, grouped by kind, worst first. */
export function Reconciliation({ report, fileName }: { report: AuditReport; fileName: string }) {
  const statement = report.statement;
  if (statement === null) return null;
  const groups = groupMismatches(report.mismatches);
  return (
    <div class="reconciliation">
      <p>
        {t("statement.read", {
          name: fileName,
          lines: statement.lines,
          deposits: statement.deposits,
          payouts: statement.payouts,
        })}{" "}
        {statement.firstDate !== null &&
          t("statement.period", { from: day(statement.firstDate), to: day(statement.lastDate!) })}
      </p>
      <p class={report.mismatches.length === 0 ? "success" : "error"}>
        {t("statement.matched", { matched: matchedLines(report), lines: statement.lines })}{" "}
        {report.mismatches.length === 0
          ? t("statement.noMismatch")
          : t("statement.mismatches", { count: report.mismatches.length })}
      </p>
      <table>
        <caption>{t("statement.totals")}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col" class="num">
              {t("statement.col.statement")}
            </th>
            <th scope="col" class="num">
              {t("statement.col.chain")}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("statement.row.deposits")}</th>
            <td class="num">{formatEuros(statement.credits)}</td>
            <td class="num">{formatEuros(statement.chain.minted)}</td>
          </tr>
          <tr>
            <th scope="row">{t("statement.row.payouts")}</th>
            <td class="num">{formatEuros(statement.debits)}</td>
            <td class="num">{formatEuros(statement.chain.paidOut)}</td>
          </tr>
          <tr>
            <th scope="row">{t("statement.row.net")}</th>
            <td class="num">{formatEuros(statement.net)}</td>
            <td class="num">{formatEuros(statement.chain.supply)}</td>
          </tr>
        </tbody>
      </table>
      {statement.chain.commissions > 0n && (
        <p class="hint">{t("statement.commissions", { amount: formatEuros(statement.chain.commissions) })}</p>
      )}
      {groups.map(({ kind, items }) => (
        <MismatchGroup key={kind} kind={kind} items={items} />
      ))}
    </div>
  );
}

function MismatchGroup({ kind, items }: { kind: MismatchKind; items: AuditMismatch[] }) {
  const keys = KIND_KEYS[kind];
  return (
    <section aria-labelledby={`mismatch-${kind}`}>
      <h3 id={`mismatch-${kind}`}>{t("statement.group", { title: t(keys.title), count: items.length })}</h3>
      <p class="hint">{t(keys.meaning)}</p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("statement.col.reference")}</th>
              <th scope="col" class="num">
                {t("statement.col.line")}
              </th>
              <th scope="col" class="num">
                {t("statement.col.statement")}
              </th>
              <th scope="col" class="num">
                {t("statement.col.chain")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m, i) => (
              <tr key={i}>
                <td>
                  {m.reference ?? (
                    <span class="mono" title={m.referenceHash}>
                      {t("statement.hashOnly", { hash: `${m.referenceHash.slice(0, 10)}…` })}
                    </span>
                  )}
                </td>
                <td class="num">{m.statementLine ?? "—"}</td>
                <td class="num">{amount(m.statementAmount)}</td>
                <td class="num">{amount(m.chainAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

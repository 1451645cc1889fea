import { getBackingStatus, type BackingStatus } from "komuno";
import { useEffect, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { formatDate, formatEuros, formatMoney } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";
import { ageText } from "./problems.js";

interface Status {
  allowance: bigint;
  backing: BackingStatus;
}

/**
 * What the treasurer may still do, as the chain says now: the allowance the governor granted, and the room the
 * attested reserve leaves. Read again whenever `version` changes (after a mint or a settlement).
 */
export function StatusPanel({ roleKey, version }: { roleKey: RoleKey; version: number }) {
  const { symbol } = useOffice();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<string>();
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let current = true;
    setError(undefined);
    Promise.all([roleKey.client.currency.mintAllowance(roleKey.address), getBackingStatus(roleKey.client)]).then(
      ([allowance, backing]) => current && setStatus({ allowance, backing }),
      (failure: unknown) => current && setError(describeError(failure, symbol)),
    );
    return () => {
      current = false;
    };
  }, [roleKey, version, reads]);

  return (
    <section class="card" aria-labelledby="treasury-status-title">
      <h2 id="treasury-status-title">{t("treasury.status.title")}</h2>
      {error && <p role="alert">{error}</p>}
      {status === undefined ? (
        !error && <p aria-busy="true">{t("desk.reading")}</p>
      ) : (
        <StatusFacts status={status} symbol={symbol} />
      )}
      <button type="button" class="secondary" onClick={() => setReads((n) => n + 1)}>
        {t("desk.refresh")}
      </button>
    </section>
  );
}

function StatusFacts({ status: { allowance, backing }, symbol }: { status: Status; symbol: string }) {
  const { policy } = backing;
  return (
    <dl class="facts">
      <dt>{t("treasury.status.allowance")}</dt>
      <dd>{formatMoney(allowance, symbol)}</dd>
      <dt>{t("treasury.status.supply")}</dt>
      <dd>{formatMoney(backing.supply, symbol)}</dd>
      <dt>{t("treasury.status.reserve")}</dt>
      <dd>{formatEuros(backing.attestedReserve)}</dd>
      <dt>{t("treasury.status.room")}</dt>
      <dd>{backing.mintRoom === null ? t("treasury.status.noCap") : formatMoney(backing.mintRoom, symbol)}</dd>
      <dt>{t("treasury.status.age")}</dt>
      <dd>
        {backing.attestedAsOf === null
          ? t("treasury.status.never")
          : t("treasury.status.ageValue", {
              date: formatDate(backing.attestedAsOf),
              age: ageText(backing.attestationAgeSeconds ?? 0),
              max: policy.maxAttestationAgeSeconds === 0 ? "—" : ageText(policy.maxAttestationAgeSeconds),
            })}
      </dd>
    </dl>
  );
}

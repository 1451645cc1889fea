import {
  cancelGovernanceOperation,
  executeGovernanceOperation,
  GovernanceOperationNotExecutableError,
  listGovernanceOperations,
  type GovernanceOperation,
  type GovernanceOperationStatus,
} from "komuno";
import { useEffect, useState } from "preact/hooks";

import { t, type MessageKey } from "../../i18n/index.js";
import { describeError, sendFailureText } from "../../shared/errors.js";
import { formatDate } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";
import { useTicker } from "./useTicker.js";
import { operationText, durationText } from "./operationText.js";
import { chainNow, isCanceller, readTimelockFacts, type TimelockFacts } from "./timelock.js";

const STATUS_KEYS: Record<GovernanceOperationStatus, MessageKey> = {
  waiting: "gov.status.waiting",
  ready: "gov.status.ready",
  done: "gov.status.done",
  cancelled: "gov.status.cancelled",
};

/**
 * The operations waiting in the governance timelock, readable by anyone, each with what it will do, when it may
 * execute and a countdown on the chain's clock; with a role key open, execute (anyone may, once ready) and cancel
 * (the timelock's cancellers only).
 */
export function PendingOperations({
  id,
  actor,
  version = 0,
}: {
  id: string;
  actor?: RoleKey;
  /** Bumped by the screen after it scheduled something: the list reads the timelock again. */
  version?: number;
}) {
  const { reader } = useOffice();
  const [operations, setOperations] = useState<GovernanceOperation[]>();
  const [facts, setFacts] = useState<TimelockFacts>();
  const [showAll, setShowAll] = useState(false);
  const [canCancel, setCanCancel] = useState(false);
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [loads, setLoads] = useState(0);
  useTicker(operations?.some((o) => o.status === "waiting") ?? false);

  useEffect(() => {
    let current = true;
    setError(undefined);
    Promise.all([listGovernanceOperations(reader, { all: showAll }), readTimelockFacts(reader)]).then(
      ([list, timelock]) => {
        if (!current) return;
        setOperations(list.slice().reverse());
        setFacts(timelock);
      },
      (failure: unknown) => current && setError(describeError(failure)),
    );
    return () => {
      current = false;
    };
  }, [reader, showAll, version, loads]);

  useEffect(() => {
    setCanCancel(false);
    if (actor === undefined) return;
    isCanceller(reader, actor.address).then(setCanCancel, () => setCanCancel(false));
  }, [reader, actor]);

  if (reader.timelock === undefined) {
    return (
      <section aria-labelledby={`${id}-pending`}>
        <h2 id={`${id}-pending`}>{t("gov.pending.title")}</h2>
        <p>{t("gov.pending.noTimelock")}</p>
      </section>
    );
  }

  async function act(operation: GovernanceOperation, action: "execute" | "cancel") {
    if (actor === undefined) return;
    setBusy(operation.id);
    setError(undefined);
    setDone(undefined);
    setConfirming(undefined);
    const what = operationText(reader, operation);
    try {
      if (action === "execute") {
        await executeGovernanceOperation(actor.client, { operationId: operation.id });
        setDone(t("gov.executed", { what }));
      } else {
        await cancelGovernanceOperation(actor.client, { operationId: operation.id });
        setDone(t("gov.cancelled", { what }));
      }
    } catch (failure) {
      setError(
        failure instanceof GovernanceOperationNotExecutableError && failure.status === "waiting"
          ? t("gov.notYet", { what, date: formatDate(failure.executableAt) })
          : sendFailureText(failure),
      );
    } finally {
      setBusy(undefined);
      setLoads((n) => n + 1);
    }
  }

  const now = chainNow(facts);
  return (
    <section aria-labelledby={`${id}-pending`}>
      <h2 id={`${id}-pending`}>{t("gov.pending.title")}</h2>
      <p class="hint">
        {facts === undefined ? t("app.loading") : t("gov.pending.delay", { delay: durationText(facts.delaySeconds) })}{" "}
        {actor === undefined
          ? t("gov.pending.readOnly")
          : canCancel
            ? t("gov.pending.mayCancel")
            : t("gov.pending.mayNotCancel")}
      </p>
      <label class="inline">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll((e.target as HTMLInputElement).checked)} />{" "}
        {t("gov.pending.showAll")}
      </label>
      <button type="button" class="secondary" onClick={() => setLoads((n) => n + 1)}>
        {t("gov.pending.refresh")}
      </button>
      {done && (
        <p role="status" class="success">
          {done}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {operations === undefined ? (
        error === undefined && <p aria-busy="true">{t("app.loading")}</p>
      ) : operations.length === 0 ? (
        <p>{showAll ? t("gov.pending.noneEver") : t("gov.pending.none")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{t("gov.pending.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("gov.col.operation")}</th>
                <th scope="col">{t("gov.col.status")}</th>
                <th scope="col">{t("gov.col.executableAt")}</th>
                <th scope="col">{t("gov.col.remaining")}</th>
                {actor !== undefined && <th scope="col">{t("gov.col.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {operations.map((operation) => {
                const what = operationText(reader, operation);
                const remaining = operation.executableAt.getTime() / 1000 - now;
                const open = operation.status === "waiting" || operation.status === "ready";
                const executable = operation.status === "ready" || (operation.status === "waiting" && remaining <= 0);
                return (
                  <tr key={operation.id}>
                    <td>
                      {what}
                      <div class="hint mono" title={operation.id}>
                        {t("gov.operationId", { id: `${operation.id.slice(0, 10)}…` })}
                      </div>
                    </td>
                    <td>
                      {t(
                        executable && operation.status === "waiting"
                          ? "gov.status.ready"
                          : STATUS_KEYS[operation.status],
                      )}
                    </td>
                    <td>{formatDate(operation.executableAt)}</td>
                    <td>{open ? (remaining > 0 ? durationText(remaining) : t("gov.remaining.none")) : "—"}</td>
                    {actor !== undefined && (
                      <td>
                        {open && executable && (
                          <button
                            type="button"
                            disabled={busy !== undefined}
                            aria-label={t("gov.execute.label", { what })}
                            onClick={() => act(operation, "execute")}
                          >
                            {busy === operation.id ? t("gov.working") : t("gov.execute")}
                          </button>
                        )}
                        {open && canCancel && confirming !== operation.id && (
                          <button
                            type="button"
                            class="secondary"
                            disabled={busy !== undefined}
                            aria-label={t("gov.cancel.label", { what })}
                            onClick={() => setConfirming(operation.id)}
                          >
                            {t("gov.cancel")}
                          </button>
                        )}
                        {open && confirming === operation.id && (
                          <div role="group" aria-label={t("gov.cancel.label", { what })}>
                            <p>{t("gov.cancel.warning")}</p>
                            <button type="button" class="danger" onClick={() => act(operation, "cancel")}>
                              {t("gov.cancel.confirm")}
                            </button>
                            <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                              {t("gov.cancel.keep")}
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { listPendingRecoveries, recoverMember, type PendingRecovery } from "komuno";
import { isAddress } from "ethers";
import { useEffect, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { formatDate } from "../../shared/format.js";
import { useOffice, type RoleKey } from "../context.js";

/** The recoveries waiting their public delay, and a new one proposed for a frozen, lost account. */
export function Recoveries({ roleKey }: { roleKey: RoleKey }) {
  const { symbol } = useOffice();
  const [pending, setPending] = useState<PendingRecovery[]>();
  const [reads, setReads] = useState(0);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    listPendingRecoveries(roleKey.client).then(
      (list) => current && setPending(list),
      (failure: unknown) => current && setError(describeError(failure, symbol)),
    );
    return () => {
      current = false;
    };
  }, [roleKey, reads]);

  return (
    <section class="card" aria-labelledby="recoveries-title">
      <h2 id="recoveries-title">{t("members.rec.title")}</h2>
      <p class="hint">{t("members.rec.help")}</p>
      {error && <p role="alert">{error}</p>}
      {pending === undefined ? (
        !error && <p aria-busy="true">{t("desk.reading")}</p>
      ) : pending.length === 0 ? (
        <p>{t("members.rec.none")}</p>
      ) : (
        <RecoveryTable pending={pending} />
      )}
      <ProposeRecovery roleKey={roleKey} onProposed={() => setReads((n) => n + 1)} />
    </section>
  );
}

function RecoveryTable({ pending }: { pending: PendingRecovery[] }) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="hint">{t("members.rec.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.rec.col.lost")}</th>
            <th scope="col">{t("members.rec.col.replacement")}</th>
            <th scope="col">{t("members.rec.col.executable")}</th>
            <th scope="col">{t("members.rec.col.proposer")}</th>
          </tr>
        </thead>
        <tbody>
          {pending.map((recovery) => (
            <tr key={recovery.lost}>
              <td class="mono">{recovery.lost}</td>
              <td class="mono">{recovery.replacement}</td>
              <td>{formatDate(recovery.executableAt)}</td>
              <td class="mono">{recovery.proposedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProposeRecovery({ roleKey, onProposed }: { roleKey: RoleKey; onProposed: () => void }) {
  const { symbol } = useOffice();
  const [lost, setLost] = useState("");
  const [replacement, setReplacement] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function propose(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (!isAddress(lost.trim()) || !isAddress(replacement.trim())) {
      setError(t("address.invalid"));
      return;
    }
    if (reason.trim() === "") {
      setError(t("members.rec.reasonMissing"));
      return;
    }
    setBusy(true);
    try {
      const { executableAt } = await recoverMember(roleKey.client, {
        lost: lost.trim(),
        replacement: replacement.trim(),
        reason,
      });
      setDone(t("members.rec.done", { date: formatDate(executableAt) }));
      onProposed();
    } catch (failure) {
      setError(describeError(failure, symbol));
    } finally {
      setBusy(false);
    }
  }

  const field = (id: string, label: string, value: string, set: (value: string) => void) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        class={id === "recovery-reason" ? undefined : "mono"}
        value={value}
        autocomplete="off"
        spellcheck={false}
        onInput={(event) => set((event.target as HTMLInputElement).value)}
      />
    </>
  );

  return (
    <form class="inline-form" onSubmit={propose} aria-labelledby="propose-recovery-title">
      <h3 id="propose-recovery-title">{t("members.rec.propose")}</h3>
      {field("recovery-lost", t("members.rec.lost"), lost, setLost)}
      {field("recovery-replacement", t("members.rec.replacement"), replacement, setReplacement)}
      {field("recovery-reason", t("members.rec.reason"), reason, setReason)}
      <button type="submit" disabled={busy}>
        {t("members.rec.button")}
      </button>
      {error && <p role="alert">{error}</p>}
      {done && (
        <p class="success" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

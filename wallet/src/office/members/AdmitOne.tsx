import { admitMember, getMember } from "komuno";
import { isAddress } from "ethers";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { useOffice, type RoleKey } from "../context.js";
import { kindName, statusName } from "./kinds.js";

const KINDS = ["person", "business"] as const;

/** One account admitted as a person or a business; one already admitted is told so, and nothing is sent. */
export function AdmitOne({ roleKey }: { roleKey: RoleKey }) {
  const { symbol } = useOffice();
  const [address, setAddress] = useState("");
  const [kind, setKind] = useState<(typeof KINDS)[number]>("person");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function admit(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const account = address.trim();
    if (!isAddress(account)) {
      setError(t("address.invalid"));
      return;
    }
    setBusy(true);
    try {
      const member = await getMember(roleKey.client, { account });
      if (member.status !== "none") {
        setError(t("members.one.already", { kind: kindName(member.kind), status: statusName(member.status) }));
        return;
      }
      await admitMember(roleKey.client, { account: member.account, kind });
      setDone(t("members.one.done", { account: member.account, kind: kindName(kind) }));
      setAddress("");
    } catch (failure) {
      setError(describeError(failure, symbol));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="admit-one-title">
      <h2 id="admit-one-title">{t("members.one.title")}</h2>
      <form onSubmit={admit}>
        <label for="admit-address">{t("members.address")}</label>
        <input
          id="admit-address"
          class="mono"
          value={address}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setAddress((event.target as HTMLInputElement).value)}
        />
        <fieldset class="kinds">
          <legend>{t("members.kind")}</legend>
          {KINDS.map((name) => (
            <label key={name}>
              <input
                type="radio"
                name="admit-kind"
                value={name}
                checked={kind === name}
                onChange={() => setKind(name)}
              />
              {kindName(name)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t("members.one.button", { kind: kindName(kind).toLowerCase() })}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {done && (
        <p class="success" role="status">
          {done}
        </p>
      )}
    </section>
  );
}

import { buildPaymentLink } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { formatMoney, readAmount } from "../../shared/format.js";
import { QrCode } from "../components/QrCode.js";
import { useMember } from "../context.js";
import "../wallet.css";

const MEMO_MAX = 80;

type Link = { ok: true; uri: string; amount?: bigint } | { ok: false; message: string };

/** A payment request to show or send: the EIP-681 link any Komuno wallet scans, with an optional amount and memo. */
export function Receive() {
  const { client, address, symbol, config } = useMember();
  const [amountText, setAmountText] = useState("");
  const [memo, setMemo] = useState("");

  const link = ((): Link => {
    let amount: bigint | undefined;
    if (amountText.trim() !== "") {
      const entry = readAmount(amountText);
      if (!entry.ok) return entry;
      amount = entry.cents;
    }
    try {
      const uri = buildPaymentLink({
        currency: client.address,
        chainId: config.deployment.chainId,
        to: address,
        amount,
        memo: memo.trim(),
      });
      return { ok: true, uri, amount };
    } catch (error) {
      return { ok: false, message: describeError(error, symbol) };
    }
  })();

  return (
    <section aria-labelledby="receive-title">
      <h1 id="receive-title">{t("receive.title")}</h1>
      <p>{t("receive.explain")}</p>
      <form onSubmit={(event) => event.preventDefault()}>
        <label for="receive-amount">{t("receive.amount")}</label>
        <input
          id="receive-amount"
          inputMode="decimal"
          autoComplete="off"
          aria-describedby="receive-amount-hint"
          aria-invalid={!link.ok}
          value={amountText}
          onInput={(event) => setAmountText(event.currentTarget.value)}
        />
        <p id="receive-amount-hint" class="hint">
          {t("amount.hint", { symbol })}
        </p>
        <label for="receive-memo">{t("receive.memo")}</label>
        <input
          id="receive-memo"
          maxLength={MEMO_MAX}
          autoComplete="off"
          value={memo}
          onInput={(event) => setMemo(event.currentTarget.value)}
        />
      </form>
      {link.ok ? (
        <PaymentRequest uri={link.uri} amount={link.amount} symbol={symbol} />
      ) : (
        <p role="alert">{link.message}</p>
      )}
    </section>
  );
}

function PaymentRequest({ uri, amount, symbol }: { uri: string; amount?: bigint; symbol: string }) {
  const [copied, setCopied] = useState<"copied" | "failed">();
  const canShare = typeof navigator.share === "function";
  return (
    <div class="card qr-card">
      <h2>
        {amount === undefined
          ? t("receive.anyAmount")
          : t("receive.forAmount", { amount: formatMoney(amount, symbol) })}
      </h2>
      <QrCode text={uri} label={t("receive.qrLabel")} />
      <p class="hint">{t("receive.linkLabel")}</p>
      <p class="mono" id="payment-link">
        {uri}
      </p>
      {canShare && (
        <button
          type="button"
          onClick={() => navigator.share({ title: t("receive.shareTitle"), text: uri }).catch(() => undefined)}
        >
          {t("receive.share")}
        </button>
      )}
      <button
        type="button"
        class={canShare ? "secondary" : ""}
        onClick={() =>
          copyText(uri).then(
            () => setCopied("copied"),
            () => setCopied("failed"),
          )
        }
      >
        {t("receive.copy")}
      </button>
      <p role="status">{copied && t(copied === "copied" ? "receive.copied" : "receive.copyFailed")}</p>
    </div>
  );
}

/** The clipboard exists only on secure pages; elsewhere the copy fails and the link stays on screen to select. */
function copyText(text: string): Promise<void> {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  return clipboard ? clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
}

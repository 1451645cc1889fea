import { BaseError, ContractRevertError, RpcError } from "komuno";

import { t, type MessageKey } from "../i18n/index.js";
import { formatMoney } from "./format.js";

/**
 * Any failure as a sentence a member understands: a contract refusal by its custom error (amounts in the
 * currency), an SDK error by its type, anything else by the SDK's short message. Never hex, never a stack.
 */
export function describeError(error: unknown, symbol = ""): string {
  if (error instanceof ContractRevertError) {
    const key = `revert.${error.errorName}` as MessageKey;
    const values = Object.fromEntries(
      Object.entries(error.args).map(([name, value]) => [
        name,
        typeof value === "bigint" && /balance|needed|amount|cap|allowance|spent/i.test(name)
          ? formatMoney(value, symbol).trim()
          : String(value),
      ]),
    );
    const text = t(key, values);
    return text === key ? t("error.generic", { reason: error.shortMessage }) : text;
  }
  // Sent, then the node went silent: "nothing was sent" would be untrue.
  if (error instanceof RpcError && error.transaction !== undefined) return describeSendFailure(error).message;
  if (error instanceof BaseError) {
    const key = `error.${error.name}` as MessageKey;
    const text = t(key, { reason: error.shortMessage });
    return text === key ? t("error.generic", { reason: error.shortMessage }) : text;
  }
  if (error instanceof Error && error.name === "WalletConfigError")
    return t("app.configError", { reason: error.message });
  return t("error.generic", { reason: error instanceof Error ? error.message.split("\n")[0] : String(error) });
}

/**
 * A failed attempt to send a transaction, in words, and whether it may have gone through all the same: the node
 * stopped answering after it was sent, or while it was being sent. Then the form must not offer to send again
 * as if nothing had happened: a second try could pay twice.
 */
export function describeSendFailure(error: unknown, symbol = ""): { message: string; maybeSent: boolean } {
  if (error instanceof RpcError) {
    const transaction = error.transaction === undefined ? "" : ` (transaction ${error.transaction})`;
    return { message: t("error.maybeSent", { transaction }), maybeSent: true };
  }
  return { message: describeError(error, symbol), maybeSent: false };
}

/** A failed send in one sentence: "nothing was changed" only when that is known to be so. */
export function sendFailureText(error: unknown, symbol = "", message?: string): string {
  const described = describeSendFailure(error, symbol);
  return described.maybeSent ? described.message : `${message ?? described.message} ${t("error.nothingChanged")}`;
}

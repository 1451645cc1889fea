import { BaseError, InvalidInputError } from "../errors.js";

/**
 * How reads (never sends) retry when the node could not be reached or failed to answer: up to `attempts` tries
 * in all, the n-th retry after a delay drawn between half and all of `min(maxDelayMs, baseDelayMs * 2^(n-1))`.
 */
export interface ReadRetryPolicy {
  /** Tries in all, the first included: 1 never retries. From 1 to 10. */
  attempts: number;
  /** The delay before the first retry, doubled before each next one. */
  baseDelayMs: number;
  /** The longest delay between two tries (default 2,000 ms). */
  maxDelayMs?: number;
}

/**
 * Four tries over about 1.4 s at most (200, 400, 800 ms, each with jitter): a node restarting or a proxy hiccup
 * is ridden out, while a wallet whose node is really gone says so within two seconds.
 */
export const DEFAULT_READ_RETRY: Readonly<Required<ReadRetryPolicy>> = Object.freeze({
  attempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
});

/** The policy with its defaults filled in; a nonsensical one (0 attempts, a negative delay) is refused. */
export function checkedReadRetryPolicy(policy: ReadRetryPolicy | undefined): Required<ReadRetryPolicy> {
  if (policy === undefined) return DEFAULT_READ_RETRY;
  const { attempts, baseDelayMs, maxDelayMs = DEFAULT_READ_RETRY.maxDelayMs } = policy;
  if (!Number.isSafeInteger(attempts) || attempts < 1 || attempts > 10) {
    throw new InvalidInputError("retry.attempts", "expected a whole number of tries from 1 to 10");
  }
  for (const [field, value] of [
    ["baseDelayMs", baseDelayMs],
    ["maxDelayMs", maxDelayMs],
  ] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 60_000) {
      throw new InvalidInputError(`retry.${field}`, "expected milliseconds from 0 to 60,000");
    }
  }
  return { attempts, baseDelayMs, maxDelayMs };
}

/** The pause before retry number `retry` (1 for the first), with jitter so that many wallets do not retry in step. */
export function backoffDelayMs(policy: Required<ReadRetryPolicy>, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

// Node's and undici's names for a connection that failed, was cut or timed out.
const TRANSPORT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
// What browsers' fetch says when the network failed (Chromium, Firefox, Safari), and Node's for a cut socket.
const TRANSPORT_MESSAGES =
  /failed to fetch|fetch failed|networkerror when attempting to fetch|load failed|socket hang up/i;

/**
 * True for a failure to reach the node or to get its answer, which the same request may not meet again: a
 * connection refused, reset or timed out, HTTP 5xx or 429. Never for an answer, however unwelcome: a revert, a
 * bad argument, a refused transaction, a chain that changed, or an error the SDK already typed (a read that
 * already gave up, a refused input), so that nested reads never multiply their attempts.
 */
export function isTransientTransportFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    if (current instanceof BaseError) return false;
    const candidate = current as {
      code?: unknown;
      event?: unknown;
      message?: unknown;
      response?: { statusCode?: unknown };
      info?: { responseStatus?: unknown; error?: unknown };
      error?: unknown;
      cause?: unknown;
    };
    const code = candidate.code;
    if (code === "TIMEOUT") return true;
    if (code === "NETWORK_ERROR") return candidate.event !== "changed";
    if (typeof code === "string" && TRANSPORT_CODES.has(code)) return true;
    if (code === "SERVER_ERROR") {
      const status = httpStatus(candidate);
      // 599 is ethers' own: it gave up on a node answering 429 again and again.
      if (status !== undefined) return status === 429 || status >= 500;
    } else if (typeof code === "string") {
      // Every other ethers code (CALL_EXCEPTION, INVALID_ARGUMENT, BAD_DATA, NONCE_EXPIRED, ...) is an answer.
      return false;
    }
    if (typeof candidate.message === "string" && TRANSPORT_MESSAGES.test(candidate.message)) return true;
    current = candidate.info?.error ?? candidate.error ?? candidate.cause;
  }
  return false;
}

function httpStatus(error: {
  response?: { statusCode?: unknown };
  info?: { responseStatus?: unknown };
}): number | undefined {
  if (typeof error.response?.statusCode === "number") return error.response.statusCode;
  const text = error.info?.responseStatus;
  const match = typeof text === "string" ? /^([0-9]{3})\b/.exec(text) : null;
  return match === null ? undefined : Number(match[1]);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

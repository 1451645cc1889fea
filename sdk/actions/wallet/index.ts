export { getBalance } from "./getBalance.js";
export { getBalances } from "./getBalances.js";
export { getHistory } from "./getHistory.js";
export { pay } from "./pay.js";
export { requestReconversion } from "./requestReconversion.js";
export { watchIncomingPayments } from "./watchIncomingPayments.js";

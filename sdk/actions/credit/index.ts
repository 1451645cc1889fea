export { acceptCreditMove } from "./acceptCreditMove.js";
export { cancelCreditMove } from "./cancelCreditMove.js";
export { getCreditAccount } from "./getCreditAccount.js";
export { getCreditHistory } from "./getCreditHistory.js";
export { payCredit } from "./payCredit.js";
export { proposeCreditMove } from "./proposeCreditMove.js";
export { applyCreditFloorRaise, cancelCreditFloorRaise, setCreditLimits } from "./setCreditLimits.js";

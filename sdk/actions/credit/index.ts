export { getCreditAccount } from "./getCreditAccount.js";
export { moveCreditAccount } from "./moveCreditAccount.js";
export { payCredit } from "./payCredit.js";
export { setCreditLimits } from "./setCreditLimits.js";

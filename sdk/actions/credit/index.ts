export { getCreditAccount } from "./getCreditAccount.js";
export { payCredit } from "./payCredit.js";
export { setCreditLimits } from "./setCreditLimits.js";

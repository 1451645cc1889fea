export { getPaymentPolicy } from "./getPaymentPolicy.js";
export { quotePayment } from "./quotePayment.js";
export { setPaymentFees } from "./setPaymentFees.js";
export { setTransferRule } from "./setTransferRule.js";

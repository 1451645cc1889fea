export { cancelPaymentRequest } from "./cancelPaymentRequest.js";
export { createPaymentRequest } from "./createPaymentRequest.js";
export { getPaymentRequest } from "./getPaymentRequest.js";
export { listPaymentRequests } from "./listPaymentRequests.js";
export { payPaymentRequest } from "./payPaymentRequest.js";
export { rejectPaymentRequest } from "./rejectPaymentRequest.js";

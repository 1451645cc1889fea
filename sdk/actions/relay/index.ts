export { cancelTransferAuthorization } from "./cancelTransferAuthorization.js";
export { getAuthorizationState } from "./getAuthorizationState.js";
export { relayTransferAuthorization } from "./relayTransferAuthorization.js";
export { signPaymentAuthorization } from "./signPaymentAuthorization.js";

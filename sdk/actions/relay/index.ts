export { cancelTransferAuthorization } from "./cancelTransferAuthorization.js";
export { getAuthorizationState } from "./getAuthorizationState.js";
export { getSigningDomain } from "./getSigningDomain.js";
export { relayTransferAuthorization } from "./relayTransferAuthorization.js";
export { signPaymentAuthorization } from "./signPaymentAuthorization.js";

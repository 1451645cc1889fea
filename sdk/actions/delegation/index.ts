export { getDelegation } from "./getDelegation.js";
export { grantDelegation } from "./grantDelegation.js";
export { payAsDelegate } from "./payAsDelegate.js";
export { revokeDelegation } from "./revokeDelegation.js";
export { listDelegations } from "./listDelegations.js";

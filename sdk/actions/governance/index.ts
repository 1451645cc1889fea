export { cancelGovernanceOperation } from "./cancelGovernanceOperation.js";
export { executeGovernanceOperation } from "./executeGovernanceOperation.js";
export { listGovernanceOperations } from "./listGovernanceOperations.js";

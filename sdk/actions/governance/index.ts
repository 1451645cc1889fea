export { cancelGovernanceOperation } from "./cancelGovernanceOperation.js";
export { changeRole } from "./changeRole.js";
export { executeGovernanceOperation } from "./executeGovernanceOperation.js";
export { listGovernanceOperations } from "./listGovernanceOperations.js";

export { admitMember } from "./admitMember.js";
export { admitMembers, planAdmissions } from "./admitMembers.js";
export { getMember } from "./getMember.js";
export { recoverMember } from "./recoverMember.js";
export { closeMember, freezeMember, unfreezeMember } from "./setMemberStatus.js";
export { cancelRecovery, executeRecovery, listPendingRecoveries } from "./pendingRecoveries.js";
export { acceptMigration, cancelMigration, proposeMigration } from "./migration.js";

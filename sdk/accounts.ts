export { ACCOUNT_KINDS, type AccountKindName } from "./currency/schema.js";

/** Account statuses, indexed as the contract numbers them. */
export const ACCOUNT_STATUSES = ["none", "active", "frozen", "closed"] as const;
export type AccountStatusName = (typeof ACCOUNT_STATUSES)[number];

/** Account kinds, indexed as the contract numbers them. */
export const ACCOUNT_KIND_NAMES = ["none", "person", "business", "association"] as const;

/** Reconversion statuses, indexed as the contract numbers them. */
export const RECONVERSION_STATUSES = ["none", "pending", "settled", "rejected"] as const;
export type ReconversionStatusName = (typeof RECONVERSION_STATUSES)[number];

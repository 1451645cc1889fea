import { section } from "./section.js";

export const officeAudit = section({}, {});

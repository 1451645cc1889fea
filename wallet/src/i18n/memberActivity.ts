import { section } from "./section.js";

export const memberActivity = section({}, {});

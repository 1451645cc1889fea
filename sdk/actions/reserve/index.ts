export { attestReserve } from "./attestReserve.js";
export { getBackingStatus } from "./getBackingStatus.js";

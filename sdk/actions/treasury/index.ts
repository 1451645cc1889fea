export { burn } from "./burn.js";
export { mint } from "./mint.js";
export { mintBatch } from "./mintBatch.js";
export { planMint } from "./planMint.js";
export { listReconversions, rejectReconversion, settleReconversion } from "./reconversions.js";
export { planSettlements, settleReconversions } from "./settleReconversions.js";
export { changeMintAllowance } from "./changeMintAllowance.js";

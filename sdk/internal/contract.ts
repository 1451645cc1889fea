// The TypeChain binding the SDK is built on, imported from its own file so that a wallet bundle never pulls
// in Hardhat's type augmentations.
export type { LocalCurrency } from "../../types/ethers-contracts/contracts/LocalCurrency.js";
export { LocalCurrency__factory } from "../../types/ethers-contracts/factories/contracts/LocalCurrency__factory.js";

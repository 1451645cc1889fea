// The contracts the SDK talks to, bound to their human-readable ABIs. TypeChain stays the source of their
// types (type-only imports), but its factories are never loaded: they carry the deployment bytecode and a
// second copy of each ABI, which a wallet bundle would ship for nothing.
import { Contract, type ContractRunner } from "ethers";

import {
  delegationsSignatures,
  governanceTimelockSignatures,
  localCurrencySignatures,
  mutualCreditSignatures,
  paymentRequestsSignatures,
} from "../abi/generated/signatures.js";
import type { LocalCurrency } from "../../types/ethers-contracts/contracts/LocalCurrency.js";
import type { MutualCredit } from "../../types/ethers-contracts/contracts/credit/MutualCredit.js";
import type { Delegations } from "../../types/ethers-contracts/contracts/delegation/Delegations.js";
import type { GovernanceTimelock } from "../../types/ethers-contracts/contracts/governance/GovernanceTimelock.js";
import type { PaymentRequests } from "../../types/ethers-contracts/contracts/requests/PaymentRequests.js";

export type { Delegations, GovernanceTimelock, LocalCurrency, MutualCredit, PaymentRequests };

export const localCurrencyAt = (address: string, runner: ContractRunner | null) =>
  new Contract(address, localCurrencySignatures, runner) as unknown as LocalCurrency;
export const mutualCreditAt = (address: string, runner: ContractRunner | null) =>
  new Contract(address, mutualCreditSignatures, runner) as unknown as MutualCredit;
export const delegationsAt = (address: string, runner: ContractRunner | null) =>
  new Contract(address, delegationsSignatures, runner) as unknown as Delegations;
export const paymentRequestsAt = (address: string, runner: ContractRunner | null) =>
  new Contract(address, paymentRequestsSignatures, runner) as unknown as PaymentRequests;
export const governanceTimelockAt = (address: string, runner: ContractRunner | null) =>
  new Contract(address, governanceTimelockSignatures, runner) as unknown as GovernanceTimelock;

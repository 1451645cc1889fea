import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys one currency: the LocalCurrency implementation and an ERC-1967 proxy initialised in the same
 * transaction (so nobody can front-run the initialisation), then the contracts bound to it: the mutual-credit
 * ledger (its own UUPS proxy, upgraded by the currency's governor), delegations and payment requests.
 * Parameter `init` is ILocalCurrency.InitParams. Ignition's journal makes a second run against the same chain
 * reuse the deployment instead of creating a second currency.
 */
export default buildModule("LocalCurrency", (m) => {
  const init = m.getParameter("init");
  // Rarely used paths run as external libraries in the currency's storage, to keep it under EIP-170's 24 KB.
  const libraries = {
    MemberMoves: m.library("MemberMoves"),
    PaymentRulesBook: m.library("PaymentRulesBook"),
    ReconversionDesk: m.library("ReconversionDesk"),
    ReserveBook: m.library("ReserveBook"),
  };
  const implementation = m.contract("LocalCurrency", [], { id: "Implementation", libraries });
  const initCall = m.encodeFunctionCall(implementation, "initialize", [init]);
  const proxy = m.contract("ERC1967Proxy", [implementation, initCall]);
  const currency = m.contractAt("LocalCurrency", proxy, { id: "Currency" });

  const creditImplementation = m.contract("MutualCredit", [], { id: "MutualCreditImplementation" });
  const creditInit = m.encodeFunctionCall(creditImplementation, "initialize", [proxy], { id: "MutualCreditInit" });
  const creditProxy = m.contract("ERC1967Proxy", [creditImplementation, creditInit], { id: "MutualCreditProxy" });
  const delegations = m.contract("Delegations", [proxy]);
  const paymentRequests = m.contract("PaymentRequests", [proxy]);

  return { currency, proxy, implementation, creditProxy, creditImplementation, delegations, paymentRequests };
});

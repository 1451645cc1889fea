import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys one currency: the LocalCurrency implementation and an ERC-1967 proxy initialised in the same
 * transaction (so nobody can front-run the initialisation). Parameter `init` is ILocalCurrency.InitParams.
 * Ignition's journal makes a second run against the same chain reuse the deployment instead of creating a
 * second currency.
 */
export default buildModule("LocalCurrency", (m) => {
  const init = m.getParameter("init");
  const implementation = m.contract("LocalCurrency", [], { id: "Implementation" });
  const initCall = m.encodeFunctionCall(implementation, "initialize", [init]);
  const proxy = m.contract("ERC1967Proxy", [implementation, initCall]);
  const currency = m.contractAt("LocalCurrency", proxy, { id: "Currency" });
  return { currency, proxy, implementation };
});

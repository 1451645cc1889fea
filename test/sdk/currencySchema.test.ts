import { expect } from "chai";
import { readFileSync } from "node:fs";

import { parseCurrencyConfig, parseCurrencyConfigs, toInitParams } from "../../sdk/currency/schema.js";
import { CurrencyConfigError } from "../../sdk/errors.js";

const miel = JSON.parse(readFileSync("currencies/miel.json", "utf8"));
const eusko = JSON.parse(readFileSync("currencies/eusko.json", "utf8"));

/** A deep copy of miel.json with one change. */
function mielWith(change: (config: any) => void): unknown {
  const copy = structuredClone(miel);
  change(copy);
  return copy;
}

function problemsOf(input: unknown): string[] {
  try {
    parseCurrencyConfig(input, "test.json");
  } catch (error) {
    expect(error).to.be.instanceOf(CurrencyConfigError);
    return [...(error as CurrencyConfigError).problems];
  }
  throw new Error("expected the currency file to be refused");
}

describe("Currency files: schema", function () {
  it("loads the example currencies", function () {
    const [mielConfig, euskoConfig] = parseCurrencyConfigs([
      { source: "currencies/miel.json", content: miel },
      { source: "currencies/eusko.json", content: eusko },
    ]);
    expect(mielConfig.symbol).to.equal("MIEL");
    expect(mielConfig.chainId).to.equal(46330);
    expect(mielConfig.policy.mintHeadroom).to.equal(0n);
    expect(euskoConfig.policy.mintHeadroom).to.equal(50_000n);
  });

  it("maps a currency file to the contract's initialisation parameters", function () {
    const params = toInitParams(parseCurrencyConfig(miel));
    expect(params.name).to.equal("Monnaie Libournaise");
    expect(params.governor).to.equal(miel.governor);
    expect(params.treasurers).to.deep.equal(miel.roles.treasurers);
    expect(params.mintPolicy).to.deep.equal({
      reserveCapEnabled: true,
      maxAttestationAge: 35n * 86_400n,
      headroom: 0n,
    });
    expect(params.reconversionKinds).to.equal(1 << 2);
    expect(params.reconversionCommissionBps).to.equal(300);
    expect(params.feeAccount).to.equal(miel.feeAccount);
  });

  const cases: [string, (c: any) => void, string][] = [
    ["an unknown field", (c) => (c.colour = "gold"), "colour: unknown field"],
    ["an unknown nested field", (c) => (c.policy.reconversion.fee = 1), "policy.reconversion.fee: unknown field"],
    ["a missing field", (c) => delete c.symbol, "symbol: missing"],
    ["a field of the wrong type", (c) => (c.chainId = "46330"), "chainId: expected a number"],
    ["a bad address", (c) => (c.governor = "0x1234"), 'governor: "0x1234" is not an address'],
    [
      "an address with a bad checksum",
      (c) => (c.roles.treasurers = ["0xAE6cde03557D7888DDA74c08DE2ab1B58f4FA80F"]),
      "roles.treasurers[0]",
    ],
    ["the zero address", (c) => (c.feeAccount = "0x" + "0".repeat(40)), "feeAccount: the zero address"],
    ["no treasurer", (c) => (c.roles.treasurers = []), "roles.treasurers: at least one address"],
    ["a commission over 100 %", (c) => (c.policy.reconversion.commissionBps = 10_001), "commissionBps: 10001"],
    ["an unknown account kind", (c) => (c.policy.reconversion.allowedKinds = ["shop"]), '"shop" is not one of'],
    ["a headroom with three decimals", (c) => (c.policy.mintHeadroom = "1.005"), "policy.mintHeadroom"],
    ["a public chain id", (c) => (c.chainId = 1), "belongs to a public network"],
    ["a chain id out of range", (c) => (c.chainId = 0), "chainId: 0 must be"],
    ["a lowercase symbol", (c) => (c.symbol = "miel"), 'symbol: "miel"'],
    ["a bad code", (c) => (c.code = "Miel Libourne"), "code: "],
    ["no validator", (c) => (c.network.validators = []), "network.validators: at least one"],
    ["a duplicate validator", (c) => (c.network.validators = ["A", "A"]), "a name is listed twice"],
    ["a zero block period", (c) => (c.network.blockPeriodSeconds = 0), "network.blockPeriodSeconds: 0"],
    [
      "an empty-block period shorter than the block period",
      (c) => (c.network.emptyBlockPeriodSeconds = 1),
      "network.emptyBlockPeriodSeconds: 1 must be at least network.blockPeriodSeconds (2)",
    ],
    [
      "an empty-block period over an hour",
      (c) => (c.network.emptyBlockPeriodSeconds = 3_601),
      "network.emptyBlockPeriodSeconds: 3601 must be a whole number of seconds up to 3600",
    ],
    ["a wallet origin with a path", (c) => (c.network.walletOrigins = ["https://w.example/app"]), "walletOrigins[0]"],
    ["a wallet origin with a slash", (c) => (c.network.walletOrigins = ["https://w.example/"]), "walletOrigins[0]"],
    ["a plain-http wallet origin", (c) => (c.network.walletOrigins = ["http://w.example"]), "walletOrigins[0]"],
    ["any origin at all", (c) => (c.network.walletOrigins = ["*"]), 'walletOrigins[0]: "*" must be a web origin'],
    ["an uppercase wallet origin", (c) => (c.network.walletOrigins = ["https://W.example"]), "walletOrigins[0]"],
    [
      "a wallet origin twice",
      (c) => (c.network.walletOrigins = ["https://w.example", "https://w.example"]),
      "network.walletOrigins: an origin is listed twice",
    ],
    ["an RPC host name with a port", (c) => (c.network.rpcHostnames = ["rpc.example:443"]), "rpcHostnames[0]"],
    ["an RPC host name with a scheme", (c) => (c.network.rpcHostnames = ["https://rpc.example"]), "rpcHostnames[0]"],
    [
      "an RPC host name twice",
      (c) => (c.network.rpcHostnames = ["rpc.example", "rpc.example"]),
      "network.rpcHostnames: a name is listed twice",
    ],
    ["a negative attestation age", (c) => (c.policy.maxAttestationAgeDays = -1), "maxAttestationAgeDays: -1"],
  ];
  for (const [what, change, expected] of cases) {
    it(`refuses ${what}, naming the field`, function () {
      const problems = problemsOf(mielWith(change));
      expect(problems.join("\n")).to.include(expected);
    });
  }

  it("accepts https wallet origins with a port, a local http one, and no origin or host name at all", function () {
    const origins = ["https://wallet.example.org", "https://wallet.example.org:8443", "http://localhost:5173"];
    const config = parseCurrencyConfig(mielWith((c) => (c.network.walletOrigins = origins)));
    expect(config.network.walletOrigins).to.deep.equal(origins);
    const closed = parseCurrencyConfig(
      mielWith((c) => ((c.network.walletOrigins = []), (c.network.rpcHostnames = []))),
    );
    expect(closed.network).to.deep.include({ walletOrigins: [], rpcHostnames: [], emptyBlockPeriodSeconds: 60 });
  });

  it("reports every problem at once", function () {
    const problems = problemsOf(
      mielWith((c) => {
        c.symbol = "m";
        c.governor = "nope";
        c.policy.reconversion.commissionBps = 20_000;
      }),
    );
    expect(problems).to.have.length(3);
  });

  it("refuses two currencies on the same chain id", function () {
    const twin = { ...structuredClone(eusko), chainId: miel.chainId };
    expect(() =>
      parseCurrencyConfigs([
        { source: "miel.json", content: miel },
        { source: "twin.json", content: twin },
      ]),
    )
      .to.throw(CurrencyConfigError)
      .with.property("problems")
      .that.deep.equals(["chainId: 46330 is used by both miel.json and twin.json"]);
  });

  it("refuses something that is not an object", function () {
    expect(problemsOf([])).to.deep.equal(["(file): expected an object"]);
  });
});

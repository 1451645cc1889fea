import { dispose, freshEnvironment, type Environment } from "../helpers/devnetCurrency.js";
import { runMonth } from "../helpers/month.js";

// The acceptance run, at a tenth of the Léman: the full size is `npm run bench:month`.
describe("A month of a currency, run by its volunteers through the CLI (reduced scale)", function () {
  this.timeout(900_000);
  let env: Environment;

  before(async function () {
    env = await freshEnvironment({ code: "month" });
  });

  after(async function () {
    await dispose(env);
  });

  it("admits 500 members, mints 500 deposits, carries 2,000 payments and 20 reconversions; the bank's export reconciles and the books agree", async function () {
    const timings = await runMonth(env, { members: 500, deposits: 500, payments: 2_000, reconversions: 20 });
    console.log(
      "      " +
        Object.entries(timings)
          .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
          .join(", "),
    );
  });
});

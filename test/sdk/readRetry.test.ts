import { expect } from "chai";
import { id, makeError, Wallet, type JsonRpcProvider, type Signer } from "ethers";
import { network } from "hardhat";

import { getBalance } from "../../sdk/actions/wallet/getBalance.js";
import { pay } from "../../sdk/actions/wallet/pay.js";
import { createKomunoClient, type KomunoClient } from "../../sdk/client.js";
import { ContractRevertError, InvalidInputError, RpcError } from "../../sdk/errors.js";
import {
  backoffDelayMs,
  checkedReadRetryPolicy,
  DEFAULT_READ_RETRY,
  isTransientTransportFailure,
  type ReadRetryPolicy,
} from "../../sdk/internal/retry.js";
import { read } from "../../sdk/internal/transactions.js";
import { createRpcProvider } from "../../sdk/provider.js";
import { FlakyNode } from "../helpers/flakyNode.js";
import { deployFundedCurrency, Kind, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure } from "../helpers/sdk.js";

const connection = await network.create();
const { networkHelpers } = connection;

const fast: ReadRetryPolicy = { attempts: 4, baseDelayMs: 5 };

describe("SDK reads retry transport failures with backoff; sends never retry", function () {
  let f: CurrencyFixture;
  let node: FlakyNode;
  const providers: JsonRpcProvider[] = [];

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
    node = await FlakyNode.start(connection.provider);
  });

  afterEach(async function () {
    for (const provider of providers.splice(0)) provider.destroy();
    await node.stop();
  });

  async function fundedCurrency() {
    return deployFundedCurrency(connection);
  }

  /** A client through the flaky node, with a retry policy (as the client will carry it) or the default. */
  async function client(retry?: ReadRetryPolicy, signer?: Signer): Promise<KomunoClient> {
    const provider = createRpcProvider(node.url);
    providers.push(provider);
    // ethers reads the chain id on its first request: made before the node misbehaves, it is not part of the count.
    await provider.getBlockNumber();
    const base = createKomunoClient({
      provider,
      signer: signer?.connect(provider),
      currency: f.currency.target as string,
      rpcUrl: node.url,
    });
    return retry === undefined ? base : ({ ...base, retry } as KomunoClient);
  }

  it("reads a balance after the connection was cut and the node answered 500 and 429", async function () {
    const reader = await client(fast);
    node.failNext("eth_call", "drop", 500, 503, 429);
    // ethers itself retries a 429 (its own throttling) before the SDK sees anything: 5 requests in all.
    expect(await getBalance(reader, { account: f.alice.address })).to.equal(10_000n);
    expect(node.count("eth_call")).to.equal(5);
  });

  it("gives up after the policy's attempts with an RpcError that counts them", async function () {
    const reader = await client({ attempts: 3, baseDelayMs: 5 });
    node.failAlways("eth_call", 503);
    const error = await failure(getBalance(reader, { account: f.alice.address }));
    expect(error).to.be.instanceOf(RpcError);
    expect(error).to.include({ operation: "Reading the balance", url: node.url, attempts: 3 });
    expect((error as RpcError).shortMessage).to.equal(
      `Reading the balance failed: the node at ${node.url} did not answer.`,
    );
    expect((error as RpcError).details).to.match(/^3 attempts; the last failed with: server response 503 /);
    expect(node.count("eth_call")).to.equal(3);
  });

  it("by default, tries 4 times in about a second and a half at most", async function () {
    const reader = await client();
    node.failAlways("eth_call", "drop");
    const started = Date.now();
    const error = await failure(getBalance(reader, { account: f.alice.address }));
    const elapsed = Date.now() - started;
    expect(error).to.be.instanceOf(RpcError);
    expect((error as RpcError).attempts).to.equal(DEFAULT_READ_RETRY.attempts);
    expect(node.count("eth_call")).to.equal(4);
    // Three pauses, each between half and all of 200, 400 and 800 ms.
    expect(elapsed).to.be.within(700, 3_000);
  });

  it("does not retry a revert: the node answered", async function () {
    const reader = await client(fast);
    // A treasurer's call made by nobody: the contract refuses it, however often it is asked.
    const error = await failure(
      read(reader, "Checking a mint", () => reader.currency.mint.staticCall(f.alice.address, 1n, id("retry"))),
    );
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("AccessControlUnauthorizedAccount");
    expect(node.count("eth_call")).to.equal(1);
  });

  it("does not retry a bad argument, nor an error the SDK already typed", async function () {
    const reader = await client(fast);
    let calls = 0;
    const typed = new RpcError("Reading the balance", node.url, new Error("connect ECONNREFUSED"), 4);
    expect(await failure(read(reader, "Nested", () => (calls++, Promise.reject(typed))))).to.equal(typed);
    const badArgument = makeError("invalid address", "INVALID_ARGUMENT", { argument: "owner", value: "shop" });
    await failure(read(reader, "Reading", () => (calls++, Promise.reject(badArgument))));
    expect(calls).to.equal(2);
  });

  it("sends a payment once even when the node's answer to it is lost, and says the node did not answer", async function () {
    const payer = Wallet.createRandom();
    await f.currency.connect(f.manager).admit(payer.address, Kind.Person);
    await f.currency.connect(f.alice).transfer(payer.address, 500n);
    await networkHelpers.setBalance(payer.address, 10n ** 18n);
    const wallet = await client(fast, payer);
    node.failNext("eth_sendRawTransaction", "forward-then-500");
    const error = await failure(pay(wallet, { to: f.bob.address, amount: 200n }));
    expect(error).to.be.instanceOf(RpcError);
    expect(node.count("eth_sendRawTransaction")).to.equal(1);
    // The node took it: the payment happened, once.
    await networkHelpers.mine();
    expect(await f.currency.balanceOf(payer.address)).to.equal(300n);
    expect(await f.currency.balanceOf(f.bob.address)).to.equal(10_200n);
  });

  it("names the transaction it sent when the node goes silent before its receipt, which then goes through", async function () {
    const payer = Wallet.createRandom();
    await f.currency.connect(f.manager).admit(payer.address, Kind.Person);
    await f.currency.connect(f.alice).transfer(payer.address, 500n);
    await networkHelpers.setBalance(payer.address, 10n ** 18n);
    const wallet = await client(fast, payer);
    // The transaction is taken; the node then never answers for its receipt.
    for (const method of ["eth_getTransactionReceipt", "eth_getBlockReceipts"]) node.failAlways(method, 503);
    const error = await failure(pay(wallet, { to: f.bob.address, amount: 200n }));
    expect(error).to.be.instanceOf(RpcError);
    const { transaction, shortMessage } = error as RpcError;
    expect(transaction).to.match(/^0x[0-9a-f]{64}$/);
    expect(shortMessage).to.equal(
      `Payment: transaction ${transaction} was sent, but the node at ${node.url} stopped answering before it was ` +
        "confirmed; it may go through: check before doing it again.",
    );
    expect(node.count("eth_sendRawTransaction")).to.equal(1);
    await networkHelpers.mine();
    expect(await f.currency.balanceOf(payer.address)).to.equal(300n);
  });
});

describe("SDK read retry policy", function () {
  it("tells transport failures from answers", function () {
    const http = (status: number, text: string) =>
      makeError(`server response ${status} ${text}`, "SERVER_ERROR", {
        request: "unknown request" as never,
        info: { requestUrl: "http://node", responseBody: "", responseStatus: `${status} ${text}` },
      });
    const cases: [string, unknown, boolean][] = [
      ["a refused connection", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), true],
      ["a reset one, wrapped", { error: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }, true],
      ["a browser's failed fetch", new TypeError("Failed to fetch"), true],
      ["undici's cut socket, as a cause", new TypeError("terminated", { cause: { code: "UND_ERR_SOCKET" } }), true],
      ["ethers' timeout", makeError("timeout", "TIMEOUT", { operation: "request.send", reason: "timeout" }), true],
      ["HTTP 502", http(502, "Bad Gateway"), true],
      ["HTTP 429", http(429, "Too Many Requests"), true],
      ["ethers giving up on 429s (599)", http(599, "CLIENT ESCALATED SERVER ERROR"), true],
      ["HTTP 401", http(401, "Unauthorized"), false],
      ["HTTP 404", http(404, "Not Found"), false],
      ["a network that changed", makeError("network changed", "NETWORK_ERROR", { event: "changed" }), false],
      [
        "a revert",
        makeError("execution reverted", "CALL_EXCEPTION", {
          action: "call",
          data: "0x",
          reason: null,
          transaction: { to: null, data: "0x" },
          invocation: null,
          revert: null,
        }),
        false,
      ],
      ["a bad argument", makeError("invalid address", "INVALID_ARGUMENT", { argument: "to", value: "x" }), false],
      ["a nonce already used", makeError("nonce too low", "NONCE_EXPIRED", { transaction: {} }), false],
      ["a typed SDK error", new RpcError("Reading", undefined, new Error("ECONNREFUSED")), false],
      ["a JSON-RPC error", { code: -32000, message: "header not found" }, false],
    ];
    for (const [what, error, transient] of cases) {
      expect(isTransientTransportFailure(error), what).to.equal(transient);
    }
  });

  it("doubles the pause before each retry, up to a cap, with jitter in its upper half", function () {
    const policy = checkedReadRetryPolicy({ attempts: 10, baseDelayMs: 200 });
    expect(policy).to.deep.equal({ attempts: 10, baseDelayMs: 200, maxDelayMs: 2_000 });
    const bounds = [1, 2, 3, 4, 5].map((retry) => [
      backoffDelayMs(policy, retry, () => 0),
      backoffDelayMs(policy, retry, () => 1),
    ]);
    expect(bounds).to.deep.equal([
      [100, 200],
      [200, 400],
      [400, 800],
      [800, 1_600],
      [1_000, 2_000],
    ]);
  });

  it("refuses a policy that makes no sense", function () {
    expect(checkedReadRetryPolicy(undefined)).to.equal(DEFAULT_READ_RETRY);
    for (const [policy, field] of [
      [{ attempts: 0, baseDelayMs: 10 }, "retry.attempts"],
      [{ attempts: 1.5, baseDelayMs: 10 }, "retry.attempts"],
      [{ attempts: 11, baseDelayMs: 10 }, "retry.attempts"],
      [{ attempts: 2, baseDelayMs: -1 }, "retry.baseDelayMs"],
      [{ attempts: 2, baseDelayMs: 10, maxDelayMs: Infinity }, "retry.maxDelayMs"],
    ] as const) {
      let error: unknown;
      try {
        checkedReadRetryPolicy(policy);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).to.equal(field);
    }
  });
});

import { expect } from "chai";
import { BrowserProvider, Signature, Wallet, type Provider, type TypedDataDomain, type TypedDataField } from "ethers";
import { network } from "hardhat";

import { grantDelegation } from "../../sdk/actions/delegation/index.js";
import {
  cancelTransferAuthorization,
  getSigningDomain,
  relayTransferAuthorization,
  signPaymentAuthorization,
} from "../../sdk/actions/relay/index.js";
import { createKomunoClient, type KomunoClient } from "../../sdk/client.js";
import {
  ChainMismatchError,
  ContractRevertError,
  InvalidInputError,
  UnsupportedSigningDomainError,
} from "../../sdk/errors.js";
import { deployFundedCurrency, Kind, type CurrencyFixture } from "../helpers/fixtures.js";
import { failure, sdkClient } from "../helpers/sdk.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

type Domain = {
  fields: string;
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: string;
  salt: string;
  extensions: bigint[];
};

let signatures = 0;

/** A wallet key that counts what it signs, so a test can tell that nothing was signed. */
class CountingWallet extends Wallet {
  override async signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    signatures++;
    return super.signTypedData(domain, types, value);
  }
}

describe("SDK: signatures use the EIP-712 domain the currency reports (EIP-5267)", function () {
  let f: CurrencyFixture;
  let payer: Wallet;
  let domainReads: number;

  async function fundedCurrency() {
    return deployFundedCurrency(connection);
  }

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(fundedCurrency);
    // A member whose key lives outside the node, as in a wallet app.
    payer = new Wallet(Wallet.createRandom().privateKey);
    await f.currency.connect(f.manager).admit(payer.address, Kind.Person);
    await f.currency.connect(f.alice).transfer(payer.address, 1_000n);
    await networkHelpers.setBalance(payer.address, 10n ** 18n);
    domainReads = 0;
    signatures = 0;
  });

  /**
   * The payer's client, on the same chain through an EIP-1193 bridge that counts the currency's eip712Domain()
   * calls and lets a test change what it answers.
   */
  function payerClient(rewrite: (domain: Domain) => Partial<Domain> = () => ({})): KomunoClient {
    const currency = f.currency.interface;
    const selector = currency.getFunction("eip712Domain").selector;
    const bridge = new BrowserProvider({
      request: async ({ method, params }: { method: string; params?: unknown[] }) => {
        const result = await connection.provider.request({ method, params });
        const call = params?.[0] as { to?: string; data?: string } | undefined;
        if (method !== "eth_call" || call?.data?.slice(0, 10) !== selector) return result;
        domainReads++;
        const [fields, name, version, chainId, verifyingContract, salt, extensions] = currency.decodeFunctionResult(
          "eip712Domain",
          result as string,
        );
        const real: Domain = { fields, name, version, chainId, verifyingContract, salt, extensions: [...extensions] };
        const told = { ...real, ...rewrite(real) };
        return currency.encodeFunctionResult("eip712Domain", [
          told.fields,
          told.name,
          told.version,
          told.chainId,
          told.verifyingContract,
          told.salt,
          told.extensions,
        ]);
      },
    });
    return createKomunoClient({
      provider: bridge as unknown as Provider,
      signer: new CountingWallet(payer.privateKey, bridge),
      currency: f.currency.target as string,
      extensions: { delegations: f.delegations.target as string },
    });
  }

  it("reads the domain from the chain: name, version, chain id and address", async function () {
    expect(await getSigningDomain(payerClient())).to.deep.equal({
      currency: f.currency.target,
      chainId: 31337,
      name: await f.currency.name(),
      version: "1",
    });
    expect(domainReads).to.equal(1);
  });

  it("signs payments, cancellations and permits under it, and the chain accepts them", async function () {
    const wallet = payerClient();
    const relayer = sdkClient(f, f.bob);
    const authorization = await signPaymentAuthorization(wallet, { to: f.shop.address, amount: 250n });
    expect(authorization).to.include({ name: await f.currency.name(), version: "1", chainId: 31337 });
    await relayTransferAuthorization(relayer, { authorization });
    expect(await f.currency.balanceOf(payer.address)).to.equal(750n);

    const unused = await signPaymentAuthorization(wallet, { to: f.shop.address, amount: 100n });
    await cancelTransferAuthorization(wallet, { nonce: unused.nonce });
    expect(await f.currency.authorizationState(payer.address, unused.nonce)).to.equal(true);

    const granted = await grantDelegation(wallet, { delegate: f.bob.address, perPaymentCap: 100n });
    expect(granted.approved).to.equal(true);
    expect(await f.currency.allowance(payer.address, f.delegations.target)).to.equal(ethers.MaxUint256);
    // Each of the four signatures read the domain first.
    expect(signatures).to.equal(4);
    expect(domainReads).to.equal(4);
  });

  it("follows a domain whose version changed; a signature under a stale one is refused before sending", async function () {
    const upgraded = payerClient(() => ({ version: "2" }));
    const authorization = await signPaymentAuthorization(upgraded, { to: f.shop.address, amount: 250n });
    expect(authorization.version).to.equal("2");
    // This chain's currency still signs under "1": the relayer notices before paying for a transaction.
    const relayer = sdkClient(f, f.bob);
    const sent = await ethers.provider.getTransactionCount(f.bob.address);
    const error = await failure(relayTransferAuthorization(relayer, { authorization }));
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: "authorization.version" });
    expect((error as InvalidInputError).shortMessage).to.equal(
      'Invalid authorization.version: signed under domain version "2", but the currency signs under "1".',
    );
    expect(await ethers.provider.getTransactionCount(f.bob.address)).to.equal(sent);
    // And the contract agrees that this signature is not the payer's.
    const { v, r, s } = Signature.from(authorization.signature);
    await expect(
      f.currency
        .connect(f.bob)
        .transferWithAuthorization(
          authorization.from,
          authorization.to,
          authorization.value,
          authorization.validAfter,
          authorization.validBefore,
          authorization.nonce,
          v,
          r,
          s,
        ),
    ).to.be.revertedWithCustomError(f.currency, "InvalidAuthorizationSigner");
  });

  it("a permit signed under a domain the chain does not use is refused by the chain, with its error decoded", async function () {
    const error = await failure(
      grantDelegation(
        payerClient(() => ({ name: "Another currency" })),
        { delegate: f.bob.address, perPaymentCap: 1n },
      ),
    );
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("ERC2612InvalidSigner");
  });

  it("refuses to sign under a domain it cannot use, signing nothing", async function () {
    const stranger = "0x" + "ab".repeat(20);
    for (const [rewrite, reason] of [
      [() => ({ fields: "0x1f", salt: "0x" + "01".repeat(32) }), "its fields are 0x1f, not 0x0f"],
      [() => ({ fields: "0x0d" }), "its fields are 0x0d, not 0x0f"],
      [() => ({ extensions: [1n] }), "it declares EIP-712 extensions 1"],
      [() => ({ verifyingContract: stranger }), `its verifying contract is ${ethers.getAddress(stranger)}`],
    ] as const) {
      const error = await failure(signPaymentAuthorization(payerClient(rewrite), { to: f.shop.address, amount: 1n }));
      expect(error).to.be.instanceOf(UnsupportedSigningDomainError).and.include({ currency: f.currency.target });
      expect((error as UnsupportedSigningDomainError).reason).to.match(
        new RegExp(`^${reason.replace(/[()]/g, "\\$&")}`),
      );
    }
    const wrongChain = { ...payerClient(), chainId: 46330 };
    const error = await failure(cancelTransferAuthorization(wrongChain, { nonce: "0x" + "00".repeat(32) }));
    expect(error).to.be.instanceOf(ChainMismatchError).and.include({ expected: 46330, actual: 31337 });
    expect(signatures).to.equal(0);
  });
});

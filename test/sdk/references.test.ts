import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import { InvalidReferenceError } from "../../sdk/errors.js";
import { isBytes32, referenceFromText } from "../../sdk/references.js";

describe("SDK references: bank reference text to bytes32", function () {
  it("is keccak256 of the UTF-8 text, stable across versions", function () {
    expect(referenceFromText("VIR-2026-11-0001")).to.equal(keccak256(toUtf8Bytes("VIR-2026-11-0001")));
    // Pinned: changing the mapping would make every past mint unrecognisable to auditors.
    expect(referenceFromText("VIR-2026-11-0001")).to.equal(
      "0x281830dd3e07b1832ed1f120d9099d07848c3b38ffccd1559ef2a87bd82b9629",
    );
  });

  it("normalises Unicode so that the same text typed two ways gives one reference", function () {
    const composed = "Dépôt-12";
    const decomposed = "De\u0301po\u0302t-12";
    expect(referenceFromText(decomposed)).to.equal(referenceFromText(composed));
  });

  it("keeps case and inner spaces: they are part of the bank's reference", function () {
    expect(referenceFromText("vir 1")).to.not.equal(referenceFromText("VIR 1"));
    expect(referenceFromText("VIR 1")).to.not.equal(referenceFromText("VIR  1"));
  });

  for (const bad of ["", " VIR-1", "VIR-1 ", "VIR\n1", "\t"]) {
    it(`rejects ${JSON.stringify(bad)}`, function () {
      expect(() => referenceFromText(bad)).to.throw(InvalidReferenceError);
    });
  }

  it("recognises bytes32 values", function () {
    expect(isBytes32(referenceFromText("x"))).to.equal(true);
    expect(isBytes32("0x1234")).to.equal(false);
  });
});

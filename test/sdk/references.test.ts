import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import { InvalidReferenceError } from "../../sdk/errors.js";
import { canonicalReference, isBytes32, referenceFromText } from "../../sdk/references.js";

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
    expect(decomposed).to.not.equal(composed);
    expect(canonicalReference(decomposed)).to.equal(composed);
    expect(referenceFromText(decomposed)).to.equal(referenceFromText(composed));
    expect(referenceFromText(decomposed)).to.equal(keccak256(toUtf8Bytes(composed)));
  });

  it("trims surrounding whitespace: the same deposit, however it was padded", function () {
    for (const padded of [" VIR-1", "VIR-1 ", "\tVIR-1\r\n", "\u00a0VIR-1\u3000"]) {
      expect(canonicalReference(padded)).to.equal("VIR-1");
      expect(referenceFromText(padded)).to.equal(keccak256(toUtf8Bytes("VIR-1")));
    }
  });

  it("keeps case and inner spaces: they are part of the bank's reference", function () {
    expect(referenceFromText("vir 1")).to.not.equal(referenceFromText("VIR 1"));
    expect(referenceFromText("VIR 1")).to.not.equal(referenceFromText("VIR  1"));
    expect(canonicalReference(" VIR  1 ")).to.equal("VIR  1");
  });

  it("gives canonical text back unchanged", function () {
    for (const text of ["VIR-2026-11-0001", "Dépôt-12", "VIR,4", "VIR 2026 / 0002"]) {
      expect(canonicalReference(text)).to.equal(text);
      expect(canonicalReference(canonicalReference(` ${text} `))).to.equal(text);
    }
  });

  it("refuses a double quote, which only a misread spreadsheet field would leave in a reference", function () {
    for (const quoted of ['"VIR-Q-1"', 'VIR-"Q"-1', ' "VIR-Q-1" ']) {
      expect(() => referenceFromText(quoted))
        .to.throw(InvalidReferenceError)
        .with.property("shortMessage")
        .that.matches(/contains a double quote, which is never part of a reference\.$/);
    }
  });

  for (const [bad, what, reason] of [
    ["", "empty text", "it is empty"],
    [" \t ", "blank text", "it is empty"],
    ["VIR\n1", "a line break", "it has control characters"],
    ["VIR\u00851", "a C1 control character (U+0085)", "it has control characters"],
    ["VIR\u200b-1", "a zero-width space", "it has invisible formatting characters"],
    ["VIR-\u202e1", "a right-to-left override", "it has invisible formatting characters"],
    ["D\ufffdP\ufffdT-3", "text read from a file that was not UTF-8", "it has undecodable characters"],
  ]) {
    it(`rejects ${what}`, function () {
      expect(() => referenceFromText(bad))
        .to.throw(InvalidReferenceError)
        .with.property("shortMessage")
        .that.includes(reason);
    });
  }

  it("recognises bytes32 values", function () {
    expect(isBytes32(referenceFromText("x"))).to.equal(true);
    expect(isBytes32("0x1234")).to.equal(false);
  });
});

import { expect } from "chai";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { common } from "../../wallet/src/i18n/common.js";
import { errors } from "../../wallet/src/i18n/errors.js";
import { memberActivity } from "../../wallet/src/i18n/memberActivity.js";
import { memberWallet } from "../../wallet/src/i18n/memberWallet.js";
import { officeAudit } from "../../wallet/src/i18n/officeAudit.js";
import { officeTreasury } from "../../wallet/src/i18n/officeTreasury.js";

// Each page downloads only its own sections of the catalogue (member/main.tsx, office/main.tsx): a screen
// that names a key of the other page's sections would show the key itself.
const pages = {
  member: { folders: ["member", "shared"], sections: [common, errors, memberWallet, memberActivity] },
  office: { folders: ["office", "shared"], sections: [common, errors, officeTreasury, officeAudit] },
};
const allKeys = new Set(
  [common, errors, memberWallet, memberActivity, officeTreasury, officeAudit].flatMap((s) => Object.keys(s.fr)),
);

async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(path.join("wallet", "src", folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("web app catalogue", function () {
  for (const [page, { folders, sections }] of Object.entries(pages)) {
    it(`gives every message the ${page} page's screens name, in French and in English`, async function () {
      const fr = Object.assign({}, ...sections.map((s) => s.fr)) as Record<string, string>;
      const en = Object.assign({}, ...sections.map((s) => s.en)) as Record<string, string>;
      const missing: string[] = [];
      let named = 0;
      for (const file of (await Promise.all(folders.map(sources))).flat()) {
        const text = await readFile(file, "utf8");
        for (const [, key] of text.matchAll(/"([a-zA-Z][\w.-]*\.[\w.-]+)"/g)) {
          if (!allKeys.has(key)) continue;
          named++;
          if (!(key in fr) || !(key in en)) missing.push(`${file}: ${key}`);
        }
      }
      expect(named, "keys found in the sources").to.be.greaterThan(100);
      expect(missing).to.deep.equal([]);
    });
  }

  it("has the same keys in both languages, none empty, placeholders alike", function () {
    for (const section of [common, errors, memberWallet, memberActivity, officeTreasury, officeAudit]) {
      const fr = section.fr as Record<string, string>;
      const en = section.en as Record<string, string>;
      expect(Object.keys(en).sort()).to.deep.equal(Object.keys(fr).sort());
      for (const key of Object.keys(fr)) {
        expect(fr[key].trim(), key).to.not.equal("");
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(placeholders(en[key]), key).to.deep.equal(placeholders(fr[key]));
      }
    }
  });
});

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { BaseError } from "../errors.js";
import { repositoryRoot } from "./repository.js";

/**
 * The storage layout of an upgradeable contract whose state lives in ERC-7201 namespaces: for each namespace,
 * its fields in order with their slot (relative to the namespace's base), byte offset and type. Read from the
 * compiler's AST, since solc's own storageLayout output does not cover namespaced structs.
 */
export interface StorageField {
  label: string;
  type: string;
  slot: number;
  offset: number;
}
export type StorageLayout = Record<string, StorageField[]>;

/** An upgrade would move, retype or drop state: a balance could silently change. */
export class IncompatibleStorageLayoutError extends BaseError {
  override name = "IncompatibleStorageLayoutError";
  constructor(readonly problems: readonly string[]) {
    super(`The new implementation's storage layout is incompatible: ${problems.length} problem(s).`, {
      details: problems.map((p) => `- ${p}`).join("\n"),
    });
  }
}

interface AstStruct {
  name: string;
  scope: number;
  canonicalName: string;
  documentation?: { text?: string };
  members: { name: string; typeDescriptions: { typeString: string } }[];
}

/** The compiled artifact (ABI, bytecode) and namespaced storage layout of a contract of this project. */
/** Where solc left each external library's address blank in a bytecode: source → library → byte ranges. */
export type LinkReferences = Record<string, Record<string, { start: number; length: number }[]>>;

export async function readImplementation(
  contractName: string,
): Promise<{ abi: unknown[]; bytecode: string; layout: StorageLayout; linkReferences: LinkReferences }> {
  const root = repositoryRoot(`Reading the compiled ${contractName}`);
  const file = await findArtifact(path.join(root, "artifacts", "contracts"), `${contractName}.json`);
  if (file === undefined) throw new BaseError(`No compiled contract ${contractName}: run npm run build.`);
  const artifact = JSON.parse(await readFile(file, "utf8"));
  const output = JSON.parse(
    await readFile(path.join(root, "artifacts", "build-info", `${artifact.buildInfoId}.output.json`), "utf8"),
  );
  const structs: AstStruct[] = [];
  const contracts: { name: string; id: number; linearizedBaseContracts: number[] }[] = [];
  for (const source of Object.values(output.output.sources) as { ast: unknown }[]) {
    collectNodes(source.ast, "StructDefinition", structs);
    collectNodes(source.ast, "ContractDefinition", contracts);
  }
  // Only the namespaces of the contract, its bases and the external libraries it runs in its own storage: the
  // same build may hold other contracts.
  const contract = contracts.find((c) => c.name === contractName);
  if (contract === undefined) throw new BaseError(`No contract ${contractName} in its build.`);
  const linkReferences: LinkReferences = artifact.linkReferences ?? {};
  const libraries = Object.values(linkReferences).flatMap((byName) => Object.keys(byName));
  const scopes = new Set(contract.linearizedBaseContracts);
  for (const library of contracts.filter((c) => libraries.includes(c.name))) scopes.add(library.id);
  return { abi: artifact.abi, bytecode: artifact.bytecode, layout: namespacedLayout(structs, scopes), linkReferences };
}

/** Lays out every struct marked `@custom:storage-location erc7201:<id>`, as solc packs storage. */
export function namespacedLayout(structs: AstStruct[], contracts: Set<number>): StorageLayout {
  const byName = new Map(structs.map((s) => [s.canonicalName, s]));
  const layout: StorageLayout = {};
  for (const struct of structs.filter((s) => contracts.has(s.scope))) {
    const match = /@custom:storage-location erc7201:(\S+)/.exec(struct.documentation?.text ?? "");
    if (match) layout[match[1]] = layoutStruct(struct, byName).fields;
  }
  return layout;
}

/**
 * Compares the layout of the deployed implementation with a new one, byte position by byte position: every
 * old field (members of a struct stored inline included) must still be at its slot and offset with the same
 * type. Allowed: new namespaces, new fields in bytes no old field used (after the last one, or packed into
 * the free end of a slot, as the payment rules joined the pause flag), new members at the end of an inline
 * struct, and renaming. Everything else (a field moved, retyped, dropped; a namespace gone) is a problem.
 */
export function compareLayouts(deployed: StorageLayout, next: StorageLayout): string[] {
  const problems: string[] = [];
  const where = (f: StorageField) => `${f.type} at slot ${f.slot}, offset ${f.offset}`;
  for (const [namespace, fields] of Object.entries(deployed)) {
    if (next[namespace] === undefined) {
      problems.push(`${namespace}: the namespace is gone`);
      continue;
    }
    const nextFields = flattenInlineStructs(next[namespace]);
    for (const field of flattenInlineStructs(fields)) {
      const now = nextFields.find((f) => f.slot === field.slot && f.offset === field.offset);
      if (now === undefined) problems.push(`${namespace}.${field.label}: removed (was ${where(field)})`);
      else if (now.type !== field.type) {
        problems.push(`${namespace}.${field.label}: was ${where(field)}, now ${now.label}: ${where(now)}`);
      }
    }
  }
  return problems;
}

/** Replaces each struct stored inline by its members, at their absolute slots and offsets. */
function flattenInlineStructs(fields: StorageField[]): StorageField[] {
  return fields.flatMap((field) => {
    // Only a struct stored inline: an array or mapping of structs keeps its spelled-out type whole.
    if (!field.type.startsWith("struct ") || !field.type.endsWith("}")) return [field];
    const members = splitTopLevel(field.type.slice(field.type.indexOf("{") + 1, -1)).map((member, i) => {
      const at = member.lastIndexOf("@");
      const [slot, offset] = member
        .slice(at + 1)
        .split(":")
        .map(Number);
      return { label: `${field.label}[${i}]`, type: member.slice(0, at), slot: field.slot + slot, offset };
    });
    return flattenInlineStructs(members);
  });
}

/** Splits "a,b{c,d},e" at the commas outside braces and parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{" || text[i] === "(") depth++;
    else if (text[i] === "}" || text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.length > 0) parts.push(text.slice(start));
  return parts;
}

function layoutStruct(
  struct: AstStruct,
  byName: Map<string, AstStruct>,
): { fields: StorageField[]; slots: number; type: string } {
  const fields: StorageField[] = [];
  let slot = 0;
  let offset = 0;
  for (const member of struct.members) {
    const { size, wholeSlots, type } = sizeOf(member.typeDescriptions.typeString, byName);
    if (wholeSlots !== undefined) {
      if (offset > 0) slot++;
      fields.push({ label: member.name, type, slot, offset: 0 });
      slot += wholeSlots;
      offset = 0;
    } else {
      if (offset + size > 32) {
        slot++;
        offset = 0;
      }
      fields.push({ label: member.name, type, slot, offset });
      offset += size;
    }
  }
  const slots = slot + (offset > 0 ? 1 : 0);
  const type = `struct ${struct.canonicalName}{${fields.map((f) => `${f.type}@${f.slot}:${f.offset}`).join(",")}}`;
  return { fields, slots, type };
}

/** Bytes of a packed value type, or the whole slots a type takes (mappings, dynamic types, structs). */
function sizeOf(
  typeString: string,
  byName: Map<string, AstStruct>,
): { size: number; wholeSlots?: number; type: string } {
  const type = typeString.replace(/ storage ref$| storage pointer$/, "");
  if (type.startsWith("mapping(") || type === "string" || type === "bytes" || type.endsWith("[]")) {
    // A struct stored under a mapping or array must keep its own layout too: spell it out.
    const expanded = type.replace(/struct ([\w.]+)/g, (_, name: string) => sizeOf(`struct ${name}`, byName).type);
    return { size: 32, wholeSlots: 1, type: expanded };
  }
  if (type.startsWith("struct ")) {
    const struct = byName.get(type.slice("struct ".length));
    if (struct === undefined) throw new BaseError(`Unknown struct in a storage layout: ${type}`);
    const { slots, type: expanded } = layoutStruct(struct, byName);
    return { size: 32, wholeSlots: slots, type: expanded };
  }
  const bits = /^u?int(\d+)$/.exec(type);
  if (bits) return { size: Number(bits[1]) / 8, type };
  const fixedBytes = /^bytes(\d+)$/.exec(type);
  if (fixedBytes) return { size: Number(fixedBytes[1]), type };
  if (type === "address" || type === "address payable" || type.startsWith("contract ")) return { size: 20, type };
  if (type === "bool" || type.startsWith("enum ")) return { size: 1, type };
  throw new BaseError(`Unsupported type in a storage layout: ${type}`);
}

function collectNodes<T>(node: unknown, nodeType: string, into: T[]) {
  if (typeof node !== "object" || node === null) return;
  if ((node as { nodeType?: string }).nodeType === nodeType) into.push(node as T);
  for (const value of Object.values(node)) collectNodes(value, nodeType, into);
}

async function findArtifact(dir: string, fileName: string): Promise<string | undefined> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = await findArtifact(full, fileName);
      if (found) return found;
    } else if (entry.name === fileName) return full;
  }
  return undefined;
}

import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";

/** The JSON Schemas the package ships, by file name in schemas/. */
export type SchemaName = "currency" | "deployment-record";

// Strict: a misspelt keyword in a schema is an error, not a rule silently ignored. All errors, so a test sees
// every place one bad field is refused at.
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = {
  currency: ajv.compile(readSchema("currency")),
  "deployment-record": ajv.compile(readSchema("deployment-record")),
};

export function readSchema(name: SchemaName): Record<string, any> {
  return JSON.parse(readFileSync(`schemas/${name}.schema.json`, "utf8"));
}

/** What the schema refuses in `value`: nothing when it validates. */
export function schemaErrors(name: SchemaName, value: unknown): ErrorObject[] {
  const validate = validators[name];
  return validate(value) ? [] : [...validate.errors!];
}

/**
 * The JSON pointer of the field an error is about: for a missing or unknown field, the field itself rather than
 * the object holding it, as the TypeScript validators name it.
 */
export function fieldOf(error: ErrorObject): string {
  if (error.keyword === "required") return `${error.instancePath}/${error.params.missingProperty}`;
  if (error.keyword === "additionalProperties") return `${error.instancePath}/${error.params.additionalProperty}`;
  return error.instancePath;
}

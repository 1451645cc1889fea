import { readFile, writeFile } from "node:fs/promises";

import { parseCurrencyConfig, type CurrencyConfig } from "../currency/schema.js";
import { parseDeploymentRecord, type DeploymentRecord } from "../deployment.js";
import { BaseError } from "../errors.js";

export class FileError extends BaseError {
  override name = "FileError";
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new FileError(`Cannot read ${what} ${file}.`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileError(`${what} ${file} is not valid JSON.`, { details: (error as Error).message });
  }
}

/** Reads and validates a currency file (currencies/<code>.json). */
export async function readCurrencyConfig(file: string): Promise<CurrencyConfig> {
  return parseCurrencyConfig(await readJson(file, "currency file"), file);
}

/** Reads and validates a deployment record. */
export async function readDeploymentRecord(file: string): Promise<DeploymentRecord> {
  return parseDeploymentRecord(await readJson(file, "deployment record"), file);
}

export async function writeDeploymentRecord(file: string, record: DeploymentRecord): Promise<void> {
  await writeFile(file, JSON.stringify(record, null, 2) + "\n");
}

/** Schema validators for the report format tests: real published schemas where a package ships one. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import * as formatsNs from 'ajv-formats';
import * as draft04Ns from 'ajv-draft-04';

const require = createRequire(import.meta.url);

// CommonJS default exports, whichever way the loader wraps them.
function cjsDefault<T>(ns: unknown): T {
  let v = ns as { default?: unknown };
  while (v && typeof v !== 'function' && v.default) v = v.default as { default?: unknown };
  return v as T;
}
const addFormats = cjsDefault<(ajv: unknown) => void>(formatsNs);
const AjvDraft04 = cjsDefault<new (opts: object) => { compile(s: object): ValidateFunction }>(draft04Ns);

function readJson(path: string): object {
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

function ajv2020(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export function kenroReportValidator(): ValidateFunction {
  return ajv2020().compile(readJson(fileURLToPath(new URL('../../docs/schemas/kenro-report.schema.json', import.meta.url))));
}

export function testSchemaValidator(name: string): ValidateFunction {
  return ajv2020().compile(readJson(fileURLToPath(new URL(`./schemas/${name}`, import.meta.url))));
}

/** The SARIF 2.1.0 JSON schema (draft-04) as published by OASIS, shipped by @microsoft/jest-sarif. */
export const SARIF_SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

export function sarifValidator(): ValidateFunction {
  // The published schema's `language` pattern is not valid with the u flag (a stray `]`): compile patterns without it.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(readJson(SARIF_SCHEMA_PATH));
}

export function errorsOf(v: ValidateFunction): string {
  return JSON.stringify(v.errors?.slice(0, 5), null, 1);
}

import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describeJsonError } from '../util/json.js';
import { dataPath } from '../util/paths.js';
import { SCHEMA_VERSION, type Inventory } from './inventory.js';

/** A snapshot that cannot be used: the message names the file and the field or position. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`snapshot ${file}: ${detail}`);
    this.name = 'SnapshotError';
  }
}

let validator: ValidateFunction | undefined;

function inventoryValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(dataPath('schema', 'inventory.schema.json'), 'utf8')) as object;
  validator = new Ajv({ allErrors: false, strict: false }).compile(schema);
  return validator;
}

/** `/accounts/0/iam/users` -> `accounts[0].iam.users` */
function fieldName(instancePath: string): string {
  if (!instancePath) return '(top level)';
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** Of ajv's errors (unions produce several), the deepest one says most about what is wrong. */
function describeSchemaError(errors: ErrorObject[]): string {
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (!deepest) return 'does not match the inventory schema';
  let field = fieldName(deepest.instancePath);
  let message = deepest.message ?? 'is invalid';
  if (deepest.keyword === 'required') {
    const missing = (deepest.params as { missingProperty: string }).missingProperty;
    field = deepest.instancePath ? `${field}.${missing}` : missing;
    message = 'is missing';
  } else if (deepest.keyword === 'additionalProperties') {
    const extra = (deepest.params as { additionalProperty: string }).additionalProperty;
    field = deepest.instancePath ? `${field}.${extra}` : extra;
    message = 'is not part of the inventory model';
  }
  return `field ${field} ${message}`;
}

/** Parses and validates snapshot text; throws SnapshotError, never returns a partial inventory. */
export function parseSnapshot(text: string, file = '<snapshot>'): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(file, describeJsonError(text, (err as Error).message));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SnapshotError(file, 'not a kenro snapshot: the top level must be a JSON object');
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) throw new SnapshotError(file, 'field schemaVersion is missing: not a kenro snapshot');
  if (version !== SCHEMA_VERSION) {
    throw new SnapshotError(
      file,
      `field schemaVersion is ${JSON.stringify(version)}; this kenro reads version ${SCHEMA_VERSION}`,
    );
  }
  const validate = inventoryValidator();
  if (!validate(data)) throw new SnapshotError(file, describeSchemaError(validate.errors ?? []));
  const inventory = data as Inventory;
  inventory.accounts.forEach((a, i) => {
    const missing = a.regions.filter((r) => !a.regional[r]);
    if (missing.length) {
      throw new SnapshotError(file, `field accounts[${i}].regional has no entry for ${missing.join(', ')}, which accounts[${i}].regions lists as scanned`);
    }
  });
  return inventory;
}

export function loadSnapshot(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SnapshotError(file, `cannot read: ${(err as Error).message}`);
  }
  return parseSnapshot(text, file);
}

export function serializeSnapshot(inventory: Inventory): string {
  return JSON.stringify(inventory, null, 1) + '\n';
}

export function saveSnapshot(file: string, inventory: Inventory): void {
  writeFileSync(file, serializeSnapshot(inventory));
}

import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { packageRoot } from '../src/util/paths.js';

/** The JSON Schema of the Inventory type, generated from src/model/inventory.ts. */
export function generateInventorySchema(): string {
  const root = packageRoot();
  const schema = createGenerator({
    path: join(root, 'src/model/inventory.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'Inventory',
    expose: 'export',
    topRef: true,
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('Inventory');
  return JSON.stringify(schema, null, 1) + '\n';
}

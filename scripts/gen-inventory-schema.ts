/**
 * Writes data/schema/inventory.schema.json from src/model/inventory.ts, so snapshot validation
 * follows the TypeScript model exactly. Run after changing the model:
 *   npx tsx scripts/gen-inventory-schema.ts
 * test/model/snapshot.test.ts fails when the committed schema is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/util/paths.js';
import { generateInventorySchema } from './inventory-schema.js';

writeFileSync(join(packageRoot(), 'data/schema/inventory.schema.json'), generateInventorySchema());
console.log('wrote data/schema/inventory.schema.json');

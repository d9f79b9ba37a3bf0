/** Prints kenro's minimal read-only policy (for docs/permissions.md): `npx tsx src/sources/aws/printPolicy.ts`. */
import { minimalPolicy } from './permissions.js';

process.stdout.write(`${JSON.stringify(minimalPolicy(), null, 2)}\n`);

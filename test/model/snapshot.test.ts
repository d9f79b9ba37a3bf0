import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateInventorySchema } from '../../scripts/inventory-schema.js';
import { parseSnapshot, serializeSnapshot, SnapshotError } from '../../src/model/snapshot.js';
import { dataPath } from '../../src/util/paths.js';
import { account, denied, inventory, ok } from '../helpers/inventory.js';

const good = () => inventory([account({ iam: { users: denied('iam:GetAccountAuthorizationDetails') } })]);

function errorOf(text: string): string {
  try {
    parseSnapshot(text, 'snap.json');
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotError);
    return (err as Error).message;
  }
  throw new Error('expected the snapshot to be rejected');
}

describe('snapshot', () => {
  it('round-trips an inventory exactly, including failed reads', () => {
    const inv = good();
    const back = parseSnapshot(serializeSnapshot(inv), 'snap.json');
    expect(back).toEqual(inv);
    expect(back.accounts[0]!.iam.users.status).toBe('access_denied');
  });

  it('loads the bundled demo', () => {
    const demo = parseSnapshot(readFileSync(dataPath('demo', 'snapshot.json'), 'utf8'), 'demo');
    expect(demo.source.kind).toBe('demo');
    expect(demo.accounts[0]!.regions.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects malformed JSON with line and column', () => {
    const text = serializeSnapshot(good()).replace('"accounts"', '"accounts" x');
    expect(errorOf(text)).toMatch(/snap\.json: invalid JSON at line \d+, column \d+/);
  });

  it('rejects a truncated snapshot', () => {
    const text = serializeSnapshot(good());
    expect(errorOf(text.slice(0, Math.floor(text.length / 2)))).toMatch(/truncated|invalid JSON/);
  });

  it('rejects a wrong schema version, naming the field and both versions', () => {
    const inv = { ...good(), schemaVersion: 99 };
    expect(errorOf(JSON.stringify(inv))).toMatch(/field schemaVersion is 99; this kenro reads version 1/);
  });

  it('rejects a document without schemaVersion', () => {
    expect(errorOf('{"accounts": []}')).toMatch(/schemaVersion is missing/);
  });

  it('rejects a top level that is not an object', () => {
    expect(errorOf('[1,2]')).toMatch(/top level must be a JSON object/);
  });

  it('names a missing nested field', () => {
    const inv = good() as unknown as { accounts: { iam: Record<string, unknown> }[] };
    delete inv.accounts[0]!.iam.passwordPolicy;
    expect(errorOf(JSON.stringify(inv))).toMatch(/field accounts\[0\]\.iam\.passwordPolicy is missing/);
  });

  it('names a field of the wrong type', () => {
    const inv = good() as unknown as { accounts: { regions: unknown }[] };
    inv.accounts[0]!.regions = 'us-east-1';
    expect(errorOf(JSON.stringify(inv))).toMatch(/field accounts\[0\]\.regions must be array/);
  });

  it('names an invalid collection status', () => {
    const inv = good() as unknown as { accounts: { iam: { passwordPolicy: unknown } }[] };
    inv.accounts[0]!.iam.passwordPolicy = { status: 'maybe', value: null };
    expect(errorOf(JSON.stringify(inv))).toMatch(/accounts\[0\]\.iam\.passwordPolicy/);
  });

  it('names a field that is not part of the model', () => {
    const inv = good() as unknown as { accounts: Record<string, unknown>[] };
    inv.accounts[0]!.surprise = ok(1);
    expect(errorOf(JSON.stringify(inv))).toMatch(/field accounts\[0\]\.surprise is not part of the inventory model/);
  });

  it('keeps the committed inventory schema in step with src/model/inventory.ts', () => {
    const committed = readFileSync(join(dataPath('schema'), 'inventory.schema.json'), 'utf8');
    expect(committed, 'run: npx tsx scripts/gen-inventory-schema.ts').toBe(generateInventorySchema());
  });
});

describe('snapshot consistency', () => {
  it('refuses a snapshot whose scanned regions have no regional inventory', () => {
    const inv = inventory([account()]) as unknown as { accounts: { regional: Record<string, unknown> }[] };
    delete inv.accounts[0]!.regional['eu-west-1'];
    expect(() => parseSnapshot(JSON.stringify(inv), 'snap.json')).toThrow(/accounts\[0\]\.regional has no entry for eu-west-1/);
  });
});

/**
 * One template -> inventories, one per "world": each assignment of truth values to the condition
 * atoms that depend on unknown values (Fn::Equals over a parameter without a value...). With no
 * such atom there is exactly one world. Resources whose Condition is false in a world are absent
 * from it. The caller runs the checks in every world and keeps the worst outcome.
 */
import { basename } from 'node:path';
import { SCHEMA_VERSION, type Inventory } from '../../model/inventory.js';
import { KENRO_VERSION } from '../../version.js';
import { Builder } from './builder.js';
import { Res } from './context.js';
import { checkCircularDependencies } from './deps.js';
import type { MapperTable } from './mappers.js';
import { ec2Mappers } from './map-ec2.js';
import { addKnownAwsManagedPolicies, iamMappers } from './map-iam.js';
import { s3Mappers } from './map-s3.js';
import { appMappers } from './map-app.js';
import { dataMappers } from './map-data.js';
import { loggingMappers } from './map-logging.js';
import type { Pseudo } from './physical.js';
import { Resolver } from './resolve.js';
import { expandSam } from './sam.js';
import type { Template } from './template.js';

export const MAPPERS: MapperTable = { ...s3Mappers, ...iamMappers, ...ec2Mappers, ...appMappers, ...dataMappers, ...loggingMappers };

/** CloudFormation resource types that become inventory objects (documented in docs/iac.md). */
export const MAPPED_TYPES: readonly string[] = Object.keys(MAPPERS).sort();

/** At most 2^MAX_ATOMS worlds; further undecidable conditions make Fn::If values unknown. */
export const MAX_ATOMS = 6;

export interface InventoryOptions {
  region?: string;
  accountId?: string;
  /** Parameter values (from --parameters), by name. */
  parameters?: Record<string, string>;
  now?: Date;
}

export interface World {
  /** Human description of the assumptions, empty for the only world. */
  label: string;
  builder: Builder;
  inventory: Inventory;
}

export interface TemplateInventory {
  template: Template;
  worlds: World[];
}

export function pseudoFor(t: Template, opts: InventoryOptions): Pseudo {
  const stack = basename(t.file).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'stack';
  return {
    accountId: opts.accountId ?? '000000000000',
    region: opts.region ?? 'template',
    partition: 'aws',
    stackName: t.doc > 0 ? `${stack}-${t.doc}` : stack,
    urlSuffix: 'amazonaws.com',
  };
}

export function templateToInventory(raw: Template, opts: InventoryOptions = {}): TemplateInventory {
  const template = expandSam(raw);
  checkCircularDependencies(template);
  const pseudo = pseudoFor(template, opts);
  const base = new Resolver(template, pseudo, opts.parameters ?? {});
  base.evaluateAllConditions();
  const atoms = [...base.atoms.entries()].slice(0, MAX_ATOMS);
  const worlds: World[] = [];
  const n = 1 << atoms.length;
  for (let w = 0; w < n; w++) {
    const assignment = new Map<string, boolean>();
    const label: string[] = [];
    atoms.forEach(([key, desc], i) => {
      const v = ((w >> i) & 1) === 1;
      assignment.set(key, v);
      label.push(`${desc} is ${v}`);
    });
    const resolver = atoms.length ? new Resolver(template, pseudo, opts.parameters ?? {}, assignment) : base;
    worlds.push(buildWorld(template, resolver, pseudo, label.join('; '), opts.now ?? new Date()));
  }
  return { template, worlds };
}

function buildWorld(t: Template, resolver: Resolver, pseudo: Pseudo, label: string, now: Date): World {
  const b = new Builder(resolver, pseudo);
  const present = t.resources.filter((r) => !r.condition || resolver.conditionByName(r.condition, r.pos) !== false);
  const resOf = new Map(present.map((tr) => [tr, new Res(resolver, tr)] as const));
  b.all.push(...resOf.values());
  for (const phase of [1, 2] as const) {
    for (const tr of present) {
      const m = MAPPERS[tr.type];
      if (m && m.phase === phase) m.map(b, resOf.get(tr)!);
    }
  }
  addKnownAwsManagedPolicies(b);
  const inventory: Inventory = {
    schemaVersion: SCHEMA_VERSION,
    kenroVersion: KENRO_VERSION,
    source: { kind: 'template', description: t.file },
    collectedAt: now.toISOString(),
    accounts: [b.account()],
  };
  return { label, builder: b, inventory };
}

/**
 * The regional services and the shape of their inventory keys: which module collects each key,
 * and how to fill a key with errors when its collector is missing or crashed (never fake data).
 */
import type { Collected } from '../../model/collected.js';
import { notCollected } from '../../model/collected.js';
import type { RegionInventory } from '../../model/inventory.js';
import type { RegionContext } from './context.js';

export type RegionalKey = Exclude<keyof RegionInventory, 'region'>;

/** Every regional key with the Collected fields of its value. */
export const REGIONAL_FIELDS: { [K in RegionalKey]: readonly (keyof RegionInventory[K])[] } = {
  ec2: [
    'instances',
    'securityGroups',
    'networkAcls',
    'vpcs',
    'subnets',
    'routeTables',
    'internetGateways',
    'flowLogs',
    'vpcEndpoints',
    'volumes',
    'snapshots',
    'images',
    'ebsEncryptionByDefault',
    'ebsDefaultKmsKeyId',
    'keyPairs',
    'instanceMetadataDefaults',
  ],
  cloudtrail: ['trails'],
  config: ['recorders', 'deliveryChannels', 'rules'],
  cloudwatch: ['alarms'],
  logs: ['logGroups', 'metricFilters'],
  sns: ['topics'],
  sqs: ['queues'],
  kms: ['keys'],
  guardduty: ['detectors'],
  securityhub: ['hub', 'standards'],
  accessanalyzer: ['analyzers'],
  rds: ['instances', 'clusters', 'snapshots'],
  efs: ['fileSystems'],
  elbv2: ['loadBalancers'],
  lambda: ['functions'],
  ecr: ['repositories'],
  secretsmanager: ['secrets'],
};

export const REGIONAL_KEYS = Object.keys(REGIONAL_FIELDS) as RegionalKey[];

export interface RegionalCollector<K extends RegionalKey> {
  collect(ctx: RegionContext): Promise<RegionInventory[K]>;
}

/** A key whose every field says why it was not collected. */
export function notCollectedKey<K extends RegionalKey>(key: K, code: string, message: string): RegionInventory[K] {
  const error: Collected<never> = notCollected('failed', { code, message });
  const out: Record<string, Collected<never>> = {};
  for (const f of REGIONAL_FIELDS[key]) out[f as string] = error;
  return out as unknown as RegionInventory[K];
}

/** Loads `services/<key>.js`; undefined when the module does not exist or exports no `collect`. */
export async function loadCollector<K extends RegionalKey>(key: K): Promise<RegionalCollector<K> | { missing: string }> {
  try {
    const spec = `./services/${key}.js`;
    const mod = (await import(/* @vite-ignore */ spec)) as Partial<RegionalCollector<K>>;
    if (typeof mod.collect !== 'function') return { missing: `services/${key} exports no collect()` };
    return mod as RegionalCollector<K>;
  } catch (e) {
    return { missing: `services/${key} could not be loaded: ${(e as Error).message}` };
  }
}

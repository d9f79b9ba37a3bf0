import { notCollected, type Collected } from './collected.js';
import type { AccountInventory, RegionInventory } from './inventory.js';

/**
 * A region the scan covered but the inventory holds nothing for: every value is unread, so every
 * check reports ERROR for it instead of skipping it (a skipped region could let an "enabled in
 * every region" control pass).
 */
export function missingRegion(region: string): RegionInventory {
  const gone = <T>(): Collected<T> =>
    notCollected<T>('failed', { code: 'RegionMissing', message: `the inventory has no data for ${region}` });
  return {
    region,
    ec2: {
      instances: gone(),
      securityGroups: gone(),
      networkAcls: gone(),
      vpcs: gone(),
      subnets: gone(),
      routeTables: gone(),
      internetGateways: gone(),
      flowLogs: gone(),
      vpcEndpoints: gone(),
      volumes: gone(),
      snapshots: gone(),
      images: gone(),
      ebsEncryptionByDefault: gone(),
      ebsDefaultKmsKeyId: gone(),
      keyPairs: gone(),
      instanceMetadataDefaults: gone(),
    },
    cloudtrail: { trails: gone() },
    config: { recorders: gone(), deliveryChannels: gone(), rules: gone() },
    cloudwatch: { alarms: gone() },
    logs: { logGroups: gone(), metricFilters: gone() },
    sns: { topics: gone() },
    sqs: { queues: gone() },
    kms: { keys: gone() },
    guardduty: { detectors: gone() },
    securityhub: { hub: gone(), standards: gone() },
    accessanalyzer: { analyzers: gone() },
    rds: { instances: gone(), clusters: gone(), snapshots: gone() },
    efs: { fileSystems: gone() },
    elbv2: { loadBalancers: gone() },
    lambda: { functions: gone() },
    ecr: { repositories: gone(), registryScanning: gone() },
    secretsmanager: { secrets: gone() },
  };
}

/** The account with a `missingRegion` for every scanned region that has no regional inventory. */
export function withEveryRegion(account: AccountInventory): AccountInventory {
  const missing = account.regions.filter((r) => !account.regional[r]);
  if (missing.length === 0) return account;
  const regional = { ...account.regional };
  for (const r of missing) regional[r] = missingRegion(r);
  return { ...account, regional };
}

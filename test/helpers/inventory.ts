/**
 * Test inventory builder: a fully collected, empty ("ok", nothing configured) inventory that a
 * test overrides with just what it is about. Shared by every check test.
 *
 *   const acct = account({ iam: { passwordPolicy: ok({...}) } });
 *   const acct2 = account({}, { 'us-east-1': { cloudtrail: { trails: ok([trail()]) } } });
 *   const inv = inventory([acct]);
 *
 * Overrides merge one level deep into `iam`, `s3` and each region's service objects, so a test
 * replaces one collected field without restating its siblings.
 */
import { notCollected, ok, type Collected, type CollectionStatus } from '../../src/model/collected.js';
import type {
  AccountInventory,
  CredentialReportRow,
  IamInventory,
  Inventory,
  RegionInventory,
  S3Inventory,
} from '../../src/model/inventory.js';
import { SCHEMA_VERSION } from '../../src/model/inventory.js';

export const ACCOUNT_ID = '111122223333';
export const DEFAULT_REGIONS = ['us-east-1', 'eu-west-1'];
/** A fixed scan clock for age-based checks. */
export const NOW = new Date('2026-06-15T12:00:00Z');

/** A Collected that failed as access denied, naming the permission. */
export function denied<T>(permission = 'test:Read'): Collected<T> {
  return notCollected<T>('access_denied', { code: 'AccessDenied', message: 'not authorized', permission });
}

/** A Collected that failed with any non-ok status. */
export function failed<T>(status: Exclude<CollectionStatus, 'ok'> = 'failed', code = 'InternalError'): Collected<T> {
  return notCollected<T>(status, { code, message: `${code} in test` });
}

export { ok };

/** Every regional service collected and empty; nothing enabled. */
export function emptyRegion(region: string): RegionInventory {
  return {
    region,
    ec2: {
      instances: ok([]),
      securityGroups: ok([]),
      networkAcls: ok([]),
      vpcs: ok([]),
      subnets: ok([]),
      routeTables: ok([]),
      internetGateways: ok([]),
      flowLogs: ok([]),
      vpcEndpoints: ok([]),
      volumes: ok([]),
      snapshots: ok([]),
      images: ok([]),
      ebsEncryptionByDefault: ok(false),
      ebsDefaultKmsKeyId: ok(null),
      keyPairs: ok([]),
      instanceMetadataDefaults: ok(null),
    },
    cloudtrail: { trails: ok([]) },
    config: { recorders: ok([]), deliveryChannels: ok([]), rules: ok([]) },
    cloudwatch: { alarms: ok([]) },
    logs: { logGroups: ok([]), metricFilters: ok([]) },
    sns: { topics: ok([]) },
    sqs: { queues: ok([]) },
    kms: { keys: ok([]) },
    guardduty: { detectors: ok([]) },
    securityhub: { hub: ok(null), standards: ok([]) },
    accessanalyzer: { analyzers: ok([]) },
    rds: { instances: ok([]), clusters: ok([]), snapshots: ok([]) },
    efs: { fileSystems: ok([]) },
    elbv2: { loadBalancers: ok([]) },
    lambda: { functions: ok([]) },
    ecr: { repositories: ok([]) },
    secretsmanager: { secrets: ok([]) },
  };
}

export function emptyIam(): IamInventory {
  return {
    credentialReport: ok([]),
    accountSummary: ok({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }),
    passwordPolicy: ok(null),
    users: ok([]),
    groups: ok([]),
    roles: ok([]),
    policies: ok([]),
    virtualMfaDevices: ok([]),
    serverCertificates: ok([]),
    samlProviders: ok([]),
    oidcProviders: ok([]),
    instanceProfiles: ok([]),
  };
}

export function emptyS3(): S3Inventory {
  return { accountPublicAccessBlock: ok(null), buckets: ok([]) };
}

/** Region overrides: each service object is merged with the empty region's. */
export type RegionOverrides = { [K in keyof RegionInventory]?: Partial<RegionInventory[K]> };

export type AccountOverrides = Omit<Partial<AccountInventory>, 'iam' | 's3' | 'regional'> & {
  iam?: Partial<IamInventory>;
  s3?: Partial<S3Inventory>;
};

/** One region's inventory with overrides merged per service. */
export function region(name: string, overrides: RegionOverrides = {}): RegionInventory {
  const base = emptyRegion(name) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    const cur = base[k];
    base[k] =
      cur && typeof cur === 'object' && v && typeof v === 'object' && !('status' in (v as object))
        ? { ...(cur as object), ...(v as object) }
        : v;
  }
  return base as unknown as RegionInventory;
}

/**
 * A fully collected, empty account. `regionOverrides` adds to (or creates) regions by name; a
 * region named there but absent from `overrides.regions` is appended to the scanned regions.
 */
export function account(
  overrides: AccountOverrides = {},
  regionOverrides: Record<string, RegionOverrides> = {},
): AccountInventory {
  const regions = [...(overrides.regions ?? DEFAULT_REGIONS)];
  for (const r of Object.keys(regionOverrides)) if (!regions.includes(r)) regions.push(r);
  const regional: Record<string, RegionInventory> = {};
  for (const r of regions) regional[r] = region(r, regionOverrides[r]);
  const { iam, s3, ...rest } = overrides;
  return {
    accountId: ACCOUNT_ID,
    partition: 'aws',
    organization: ok(null),
    contacts: ok({ security: null, billing: null, operations: null }),
    budgets: ok([]),
    ...rest,
    regions,
    iam: { ...emptyIam(), ...iam },
    s3: { ...emptyS3(), ...s3 },
    regional,
  };
}

/** Wraps accounts into an Inventory. */
export function inventory(accounts: AccountInventory[] = [account()]): Inventory {
  return {
    schemaVersion: SCHEMA_VERSION,
    kenroVersion: 'test',
    source: { kind: 'generated', description: 'test builder' },
    collectedAt: NOW.toISOString(),
    accounts,
  };
}

/** A credential-report row for an IAM user with nothing set; override what matters. */
export function credentialRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  const user = overrides.user ?? 'alice';
  return {
    user,
    arn: user === '<root_account>' ? `arn:aws:iam::${ACCOUNT_ID}:root` : `arn:aws:iam::${ACCOUNT_ID}:user/${user}`,
    user_creation_time: '2025-01-01T00:00:00+00:00',
    password_enabled: 'false',
    password_last_used: 'N/A',
    password_last_changed: 'N/A',
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    access_key_1_active: 'false',
    access_key_1_last_rotated: 'N/A',
    access_key_1_last_used_date: 'N/A',
    access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: 'N/A',
    access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A',
    access_key_2_last_used_service: 'N/A',
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...overrides,
  };
}

/** The root row as AWS writes it (password_enabled not_supported, etc.). */
export function rootRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return credentialRow({
    user: '<root_account>',
    password_enabled: 'not_supported',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
    ...overrides,
  });
}

/** A multi-region, logging trail recording all management events (the CIS baseline); override what matters. */
export function trail(overrides: Partial<import('../../src/model/inventory.js').Trail> = {}): import('../../src/model/inventory.js').Trail {
  const name = overrides.name ?? 'baseline';
  return {
    name,
    arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/${name}`,
    homeRegion: 'us-east-1',
    isMultiRegion: true,
    isOrganizationTrail: false,
    s3BucketName: 'trail-bucket',
    kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1234`,
    logFileValidationEnabled: true,
    includeGlobalServiceEvents: true,
    status: ok({ isLogging: true }),
    eventSelectors: ok({ basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [] }] }),
    ...overrides,
  };
}

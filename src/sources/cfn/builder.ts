/**
 * Collects the inventory objects built from one template (one "world" of its conditions) and
 * assembles the AccountInventory. Resource lists a template can describe are `ok` (possibly
 * empty); account-level settings and runtime state a template cannot describe are
 * `not_available` with "not described by a template".
 */
import { ok } from '../../model/collected.js';
import type * as M from '../../model/inventory.js';
import { notInTemplate, Res } from './context.js';
import type { Pseudo } from './physical.js';
import type { Resolver } from './resolve.js';
import type { Unknown } from './values.js';

export interface Lists {
  users: M.IamUser[];
  groups: M.IamGroup[];
  roles: M.IamRole[];
  policies: M.ManagedPolicy[];
  instanceProfiles: { arn: string; name: string; roleNames: string[] }[];
  buckets: M.S3Bucket[];
  instances: M.Ec2Instance[];
  securityGroups: M.SecurityGroup[];
  networkAcls: M.NetworkAcl[];
  vpcs: M.Vpc[];
  subnets: M.Subnet[];
  routeTables: M.RouteTable[];
  internetGateways: { id: string; vpcIds: string[] }[];
  vpcEndpoints: { id: string; vpcId: string; serviceName: string; type: string; policy?: M.PolicyDocument }[];
  flowLogs: M.FlowLog[];
  volumes: M.EbsVolume[];
  trails: M.Trail[];
  recorders: M.ConfigRecorder[];
  deliveryChannels: { name: string; s3BucketName?: string; snsTopicArn?: string }[];
  alarms: M.MetricAlarm[];
  logGroups: M.LogGroup[];
  metricFilters: M.MetricFilter[];
  topics: M.SnsTopic[];
  queues: M.SqsQueue[];
  keys: M.KmsKey[];
  detectors: M.GuardDutyDetector[];
  analyzers: M.AccessAnalyzer[];
  rdsInstances: M.RdsInstance[];
  rdsClusters: M.RdsCluster[];
  fileSystems: M.EfsFileSystem[];
  loadBalancers: M.LoadBalancer[];
  functions: M.LambdaFunction[];
  repositories: M.EcrRepository[];
  secrets: M.Secret[];
}

export interface Built {
  res: Res;
  /** The inventory object made for it (buckets, roles...), for attachments. */
  model: unknown;
  type: string;
}

export class Builder {
  readonly lists: Lists = {
    users: [], groups: [], roles: [], policies: [], instanceProfiles: [], buckets: [], instances: [],
    securityGroups: [], networkAcls: [], vpcs: [], subnets: [], routeTables: [], internetGateways: [], vpcEndpoints: [], flowLogs: [], volumes: [], trails: [],
    recorders: [], deliveryChannels: [], alarms: [], logGroups: [], metricFilters: [], topics: [], queues: [],
    keys: [], detectors: [], analyzers: [], rdsInstances: [], rdsClusters: [], fileSystems: [], loadBalancers: [],
    functions: [], repositories: [], secrets: [],
  };
  readonly built = new Map<string, Built>();
  /** Resource id or ARN -> unresolved model fields (for turning PASS into ERROR). */
  readonly unresolvedByResource = new Map<string, { logicalId: string; fields: Map<string, Unknown> }>();
  /** Every Res made, for static checks and suppressions. */
  readonly all: Res[] = [];

  constructor(
    readonly resolver: Resolver,
    readonly pseudo: Pseudo,
  ) {}

  get region(): string {
    return this.pseudo.region;
  }

  arn(service: string, rest: string, regional = true): string {
    return `arn:${this.pseudo.partition}:${service}:${regional ? this.pseudo.region : ''}:${this.pseudo.accountId}:${rest}`;
  }

  /** Registers the model object made for a resource, under the ids checks will report. */
  add(res: Res, model: unknown, ids: (string | undefined)[]): void {
    this.built.set(res.logicalId, { res, model, type: res.tr.type });
    const entry = { logicalId: res.logicalId, fields: res.unresolved };
    for (const id of ids) if (id) this.unresolvedByResource.set(id, entry);
  }

  /** The model object of a template resource referred to by logical id, if of that type. */
  target<T>(logicalId: string | undefined, ...types: string[]): { model: T; res: Res } | undefined {
    if (!logicalId) return undefined;
    const b = this.built.get(logicalId);
    if (!b || (types.length > 0 && !types.includes(b.type))) return undefined;
    return { model: b.model as T, res: b.res };
  }

  /** Finds a model object by a name/ARN/id value (when a template names instead of refs). */
  findBy<T>(list: T[], pred: (x: T) => boolean): T | undefined {
    return list.find(pred);
  }

  /**
   * Which top-level fields of which model object checks read (filled while checks run on the
   * tracked inventory), so that a PASS turns into ERROR only when the check read a field the
   * template leaves unresolved.
   */
  readonly reads = new Map<object, Set<string>>();

  private tracked<T extends object>(list: T[]): T[] {
    const reads = this.reads;
    return list.map(
      (x) =>
        new Proxy(x, {
          get(target, prop, receiver) {
            if (typeof prop === 'string') {
              let set = reads.get(target);
              if (!set) reads.set(target, (set = new Set()));
              set.add(prop);
            }
            return Reflect.get(target, prop, receiver);
          },
        }),
    );
  }

  account(): M.AccountInventory {
    const l = this.lists;
    const region = this.region;
    const regional: M.RegionInventory = {
      region,
      ec2: {
        instances: ok(this.tracked(l.instances)),
        securityGroups: ok(this.tracked(l.securityGroups)),
        networkAcls: ok(this.tracked(l.networkAcls)),
        vpcs: ok(this.tracked(l.vpcs)),
        subnets: ok(this.tracked(l.subnets)),
        routeTables: ok(this.tracked(l.routeTables)),
        internetGateways: ok(this.tracked(l.internetGateways)),
        flowLogs: ok(this.tracked(l.flowLogs)),
        vpcEndpoints: ok(this.tracked(l.vpcEndpoints)),
        volumes: ok(this.tracked(l.volumes)),
        snapshots: ok([]),
        images: ok([]),
        ebsEncryptionByDefault: notInTemplate('EBS encryption by default (an account setting)'),
        ebsDefaultKmsKeyId: notInTemplate('the default EBS KMS key (an account setting)'),
        keyPairs: ok([]),
        instanceMetadataDefaults: notInTemplate('instance metadata defaults (an account setting)'),
      },
      cloudtrail: { trails: ok(this.tracked(l.trails)) },
      config: { recorders: ok(this.tracked(l.recorders)), deliveryChannels: ok(this.tracked(l.deliveryChannels)), rules: ok([]) },
      cloudwatch: { alarms: ok(this.tracked(l.alarms)) },
      logs: { logGroups: ok(this.tracked(l.logGroups)), metricFilters: ok(this.tracked(l.metricFilters)) },
      sns: { topics: ok(this.tracked(l.topics)) },
      sqs: { queues: ok(this.tracked(l.queues)) },
      kms: { keys: ok(this.tracked(l.keys)) },
      guardduty: { detectors: ok(this.tracked(l.detectors)) },
      securityhub: { hub: notInTemplate('Security Hub'), standards: notInTemplate('Security Hub standards') },
      accessanalyzer: { analyzers: ok(this.tracked(l.analyzers)) },
      rds: { instances: ok(this.tracked(l.rdsInstances)), clusters: ok(this.tracked(l.rdsClusters)), snapshots: ok([]) },
      efs: { fileSystems: ok(this.tracked(l.fileSystems)) },
      elbv2: { loadBalancers: ok(this.tracked(l.loadBalancers)) },
      lambda: { functions: ok(this.tracked(l.functions)) },
      ecr: { repositories: ok(this.tracked(l.repositories)) },
      secretsmanager: { secrets: ok(this.tracked(l.secrets)) },
    };
    return {
      accountId: this.pseudo.accountId,
      partition: this.pseudo.partition,
      regions: [region],
      organization: notInTemplate('AWS Organizations membership'),
      contacts: notInTemplate('account contacts'),
      iam: {
        credentialReport: notInTemplate('the IAM credential report'),
        accountSummary: notInTemplate('the IAM account summary'),
        passwordPolicy: notInTemplate('the IAM password policy'),
        users: ok(this.tracked(l.users)),
        groups: ok(this.tracked(l.groups)),
        roles: ok(this.tracked(l.roles)),
        policies: ok(this.tracked(l.policies)),
        virtualMfaDevices: notInTemplate('MFA devices'),
        serverCertificates: ok([]),
        samlProviders: ok([]),
        oidcProviders: ok([]),
        instanceProfiles: ok(this.tracked(l.instanceProfiles)),
      },
      s3: { accountPublicAccessBlock: notInTemplate('the account-level S3 Block Public Access'), buckets: ok(this.tracked(l.buckets)) },
      budgets: notInTemplate('budgets'),
      regional: { [region]: regional },
    };
  }
}

export { Res };

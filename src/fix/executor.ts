import * as accessanalyzer from '@aws-sdk/client-accessanalyzer';
import * as budgets from '@aws-sdk/client-budgets';
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as config from '@aws-sdk/client-config-service';
import * as ec2 from '@aws-sdk/client-ec2';
import * as guardduty from '@aws-sdk/client-guardduty';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as rds from '@aws-sdk/client-rds';
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';
import * as securityhub from '@aws-sdk/client-securityhub';
import * as sns from '@aws-sdk/client-sns';
import * as sts from '@aws-sdk/client-sts';
import { clientConfig, type AwsOptions } from '../sources/aws/clients.js';
import type { ApiCall, Executor } from './types.js';

type SdkModule = Record<string, unknown>;
interface Service {
  module: SdkModule;
  client: string;
  /** SDK service id, for endpoint overrides. */
  sdkId: string;
}

/** Every service a fixer may call, by kenro's key. */
export const SERVICES: Record<string, Service> = {
  accessanalyzer: { module: accessanalyzer, client: 'AccessAnalyzerClient', sdkId: 'AccessAnalyzer' },
  budgets: { module: budgets, client: 'BudgetsClient', sdkId: 'Budgets' },
  cloudtrail: { module: cloudtrail, client: 'CloudTrailClient', sdkId: 'CloudTrail' },
  cloudwatch: { module: cloudwatch, client: 'CloudWatchClient', sdkId: 'CloudWatch' },
  config: { module: config, client: 'ConfigServiceClient', sdkId: 'Config Service' },
  ec2: { module: ec2, client: 'EC2Client', sdkId: 'EC2' },
  guardduty: { module: guardduty, client: 'GuardDutyClient', sdkId: 'GuardDuty' },
  iam: { module: iam, client: 'IAMClient', sdkId: 'IAM' },
  kms: { module: kms, client: 'KMSClient', sdkId: 'KMS' },
  logs: { module: logs, client: 'CloudWatchLogsClient', sdkId: 'CloudWatch Logs' },
  rds: { module: rds, client: 'RDSClient', sdkId: 'RDS' },
  s3: { module: s3, client: 'S3Client', sdkId: 'S3' },
  s3control: { module: s3control, client: 'S3ControlClient', sdkId: 'S3 Control' },
  securityhub: { module: securityhub, client: 'SecurityHubClient', sdkId: 'SecurityHub' },
  sns: { module: sns, client: 'SNSClient', sdkId: 'SNS' },
  sts: { module: sts, client: 'STSClient', sdkId: 'STS' },
};

type SendingClient = { send(command: unknown): Promise<Record<string, unknown>> };
type Ctor<T> = new (arg: unknown) => T;

/** Sends ApiCalls through the AWS SDK v3 (one client per service and region). */
export class AwsExecutor implements Executor {
  private readonly clients = new Map<string, SendingClient>();
  /** Every call made, in order (the journal records them). */
  readonly made: ApiCall[] = [];

  constructor(private readonly opts: AwsOptions = {}) {}

  async call(call: ApiCall): Promise<Record<string, unknown>> {
    const service = SERVICES[call.service];
    if (!service) throw new Error(`fix: unknown service '${call.service}'`);
    const Command = service.module[`${call.operation}Command`] as Ctor<unknown> | undefined;
    if (!Command) throw new Error(`fix: ${call.service} has no operation ${call.operation}`);
    const key = `${call.service}:${call.region}`;
    let client = this.clients.get(key);
    if (!client) {
      const Client = service.module[service.client] as Ctor<SendingClient>;
      client = new Client(clientConfig(call.region, service.sdkId, this.opts));
      this.clients.set(key, client);
    }
    this.made.push(call);
    const params = resolveOutputRefs(call.params, this.outputs) as Record<string, unknown>;
    let out: Record<string, unknown>;
    try {
      out = (await client.send(new Command(params))) ?? {};
    } catch (err) {
      const code = (err as { name?: string }).name;
      if (!code || !call.ignoreErrors?.includes(code)) throw err;
      out = { $ignoredError: code };
    }
    const { $metadata: _metadata, ...rest } = out;
    this.outputs.push({ call, output: rest });
    return rest;
  }

  /** Outputs of the calls made, newest last (what `{ $output }` references resolve against). */
  private readonly outputs: { call: ApiCall; output: Record<string, unknown> }[] = [];
}

/**
 * A parameter value `{ $output: 'service:Operation', path: 'A.B' }` stands for a field of the
 * output of the most recent call of that operation made by this executor: how a change uses an
 * id AWS assigns (a new KMS key's id) in a later call of the same change.
 */
export interface OutputRef {
  $output: string;
  path: string;
}

export function isOutputRef(v: unknown): v is OutputRef {
  return !!v && typeof v === 'object' && typeof (v as OutputRef).$output === 'string' && typeof (v as OutputRef).path === 'string';
}

export function resolveOutputRefs(v: unknown, outputs: readonly { call: ApiCall; output: Record<string, unknown> }[]): unknown {
  if (isOutputRef(v)) {
    const made = [...outputs].reverse().find((o) => `${o.call.service}:${o.call.operation}` === v.$output);
    if (!made) throw new Error(`fix: ${v.$output} was not called before a call that needs its output ${v.path}`);
    let cur: unknown = made.output;
    for (const k of v.path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
    if (cur === undefined || cur === null) throw new Error(`fix: the output of ${v.$output} has no ${v.path}`);
    return cur;
  }
  if (Array.isArray(v)) return v.map((x) => resolveOutputRefs(x, outputs));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveOutputRefs(x, outputs)]));
  return v;
}

/**
 * Wraps an executor so that any mutating call throws before it is sent: the guard behind
 * "a dry run makes no mutating call at all", and what tests use to prove it.
 */
export class ReadOnlyExecutor implements Executor {
  constructor(private readonly inner: Executor) {}

  async call(call: ApiCall): Promise<Record<string, unknown>> {
    if (call.mutating) throw new Error(`refused: ${call.service}:${call.operation} changes AWS and this is a dry run`);
    return this.inner.call(call);
  }
}

/** Names of operations that only read, for a sanity check of fixers' `mutating` flags. */
export function looksReadOnly(operation: string): boolean {
  return /^(Get|List|Describe|Head|Lookup)/.test(operation);
}

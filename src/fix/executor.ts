import * as accessanalyzer from '@aws-sdk/client-accessanalyzer';
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as ec2 from '@aws-sdk/client-ec2';
import * as guardduty from '@aws-sdk/client-guardduty';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as rds from '@aws-sdk/client-rds';
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';
import * as securityhub from '@aws-sdk/client-securityhub';
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
  cloudtrail: { module: cloudtrail, client: 'CloudTrailClient', sdkId: 'CloudTrail' },
  ec2: { module: ec2, client: 'EC2Client', sdkId: 'EC2' },
  guardduty: { module: guardduty, client: 'GuardDutyClient', sdkId: 'GuardDuty' },
  iam: { module: iam, client: 'IAMClient', sdkId: 'IAM' },
  kms: { module: kms, client: 'KMSClient', sdkId: 'KMS' },
  rds: { module: rds, client: 'RDSClient', sdkId: 'RDS' },
  s3: { module: s3, client: 'S3Client', sdkId: 'S3' },
  s3control: { module: s3control, client: 'S3ControlClient', sdkId: 'S3 Control' },
  securityhub: { module: securityhub, client: 'SecurityHubClient', sdkId: 'SecurityHub' },
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
    const out = (await client.send(new Command(call.params))) ?? {};
    const { $metadata: _metadata, ...rest } = out;
    return rest;
  }
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

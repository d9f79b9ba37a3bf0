/** SQS checks: encryption at rest and queue-policy exposure (read through the IAM engine). */
import { fail, pass } from './helpers.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { perRegionRead, readError } from './readErrors.js';

const encrypted: Check = {
  meta: {
    id: 'sqs_queue_encrypted',
    title: 'SQS queues are encrypted at rest',
    severity: 'medium',
    service: 'sqs',
    resourceType: 'AWS::SQS::Queue',
    description: 'Each queue uses server-side encryption, either with SQS-managed keys (SSE-SQS) or with a KMS key (SSE-KMS).',
    risk: 'Queued messages, often carrying business data, are stored unencrypted.',
    remediation: {
      cli: 'aws sqs set-queue-attributes --queue-url <url> --attributes SqsManagedSseEnabled=true',
      cloudformation: 'Queue:\n  Type: AWS::SQS::Queue\n  Properties:\n    SqsManagedSseEnabled: true   # or KmsMasterKeyId: !Ref Key',
      console: 'SQS console > the queue > Edit > Encryption > Server-side encryption: Enabled.',
      docs: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    },
  },
  run(account) {
    return perRegionRead(account, (r) => r.sqs.queues, 'SQS queues (sqs:ListQueues, sqs:GetQueueAttributes)', (q, region) => {
      const r = { region, resourceId: q.name, resourceArn: q.arn, origin: q.origin };
      if (q.encryption && q.encryption.status !== 'ok') return [readError(r, q.encryption, `the attributes of queue ${q.name} (sqs:GetQueueAttributes)`)];
      const enc = q.encryption?.status === 'ok' ? q.encryption.value : {};
      const kmsKey = enc.kmsMasterKeyId ?? q.kmsMasterKeyId;
      const sqsManaged = enc.sqsManagedSseEnabled ?? q.sqsManagedSseEnabled;
      if (kmsKey) return [pass(r, `encrypted with KMS key ${kmsKey}`)];
      if (sqsManaged) return [pass(r, 'encrypted with SQS-managed keys (SSE-SQS)')];
      return [fail(r, 'server-side encryption is off', { kmsMasterKeyId: null, sqsManagedSseEnabled: sqsManaged ?? false }, 'encryption')];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'sqs_queue_policy_not_public',
    title: 'SQS queue access policies do not allow public access',
    severity: 'high',
    service: 'sqs',
    resourceType: 'AWS::SQS::Queue',
    description:
      'No statement of the queue policy lets anyone send, receive, delete or manage messages. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.',
    risk: 'A public queue lets anyone read or inject messages, and purge or delete the work of your application.',
    remediation: {
      cli: 'aws sqs set-queue-attributes --queue-url <url> --attributes Policy=file://policy.json   # restrict Principal or add aws:SourceArn / aws:PrincipalOrgID',
      console: 'SQS console > the queue > Access policy > Edit: replace "*" principals with specific accounts or add a restricting condition.',
      docs: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    },
    configRule: 'SQS_QUEUE_NO_PUBLIC_ACCESS',
  },
  run(account) {
    return perRegionRead(account, (r) => r.sqs.queues, 'SQS queues (sqs:ListQueues)', (q, region) => [
      judgePolicy({ account, ref: { region, resourceId: q.name, resourceArn: q.arn, origin: q.origin }, policy: q.policy, service: 'sqs', what: 'the queue policy', permission: 'sqs:GetQueueAttributes' }),
    ]);
  },
};

export const checks: Check[] = [encrypted, policyNotPublic];

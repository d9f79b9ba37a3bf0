/** SQS checks: encryption at rest. Queue-policy exposure lives in resourcePolicies.ts. */
import { fail, pass, perRegionList } from './helpers.js';
import type { Check } from './types.js';

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
    return perRegionList(account, (r) => r.sqs.queues, 'SQS queues (sqs:ListQueues, sqs:GetQueueAttributes)', (q, region) => {
      const r = { region, resourceId: q.name, resourceArn: q.arn, origin: q.origin };
      if (q.kmsMasterKeyId) return [pass(r, `encrypted with KMS key ${q.kmsMasterKeyId}`)];
      if (q.sqsManagedSseEnabled) return [pass(r, 'encrypted with SQS-managed keys (SSE-SQS)')];
      return [fail(r, 'server-side encryption is off', { kmsMasterKeyId: null, sqsManagedSseEnabled: q.sqsManagedSseEnabled ?? false }, 'encryption')];
    });
  },
};

export const checks: Check[] = [encrypted];

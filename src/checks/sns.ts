/** SNS checks: encryption at rest. Topic-policy exposure lives in resourcePolicies.ts. */
import { fail, pass, perRegionList } from './helpers.js';
import type { Check } from './types.js';

const encrypted: Check = {
  meta: {
    id: 'sns_topic_encrypted',
    title: 'SNS topics are encrypted at rest with AWS KMS',
    severity: 'medium',
    service: 'sns',
    resourceType: 'AWS::SNS::Topic',
    description: 'Each topic has a KMS key (KmsMasterKeyId) for server-side encryption of stored messages.',
    risk: 'Messages held by SNS for delivery are stored without encryption under a key you control.',
    remediation: {
      cli: 'aws sns set-topic-attributes --topic-arn <arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns',
      cloudformation: 'Topic:\n  Type: AWS::SNS::Topic\n  Properties:\n    KmsMasterKeyId: alias/aws/sns',
      console: 'SNS console > Topics > the topic > Edit > Encryption > Enable encryption, choose a key.',
      docs: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
    },
    configRule: 'SNS_ENCRYPTED_KMS',
  },
  run(account) {
    return perRegionList(account, (r) => r.sns.topics, 'SNS topics (sns:ListTopics, sns:GetTopicAttributes)', (t, region) => {
      const r = { region, resourceId: t.name, resourceArn: t.arn, origin: t.origin };
      return [t.kmsMasterKeyId ? pass(r, `encrypted with ${t.kmsMasterKeyId}`) : fail(r, 'no KMS key is set for the topic', { kmsMasterKeyId: null }, 'kmsMasterKeyId')];
    });
  },
};

export const checks: Check[] = [encrypted];

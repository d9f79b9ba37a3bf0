/** SNS checks: encryption at rest and topic-policy exposure (read through the IAM engine). */
import { fail, pass } from './helpers.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { perRegionRead, readError } from './readErrors.js';

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
    return perRegionRead(account, (r) => r.sns.topics, 'SNS topics (sns:ListTopics, sns:GetTopicAttributes)', (t, region) => {
      const r = { region, resourceId: t.name, resourceArn: t.arn, origin: t.origin };
      if (t.encryption && t.encryption.status !== 'ok') return [readError(r, t.encryption, `the attributes of topic ${t.name} (sns:GetTopicAttributes)`)];
      const key = t.encryption?.status === 'ok' ? (t.encryption.value.kmsMasterKeyId ?? t.kmsMasterKeyId) : t.kmsMasterKeyId;
      return [key ? pass(r, `encrypted with ${key}`) : fail(r, 'no KMS key is set for the topic', { kmsMasterKeyId: null }, 'kmsMasterKeyId')];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'sns_topic_policy_not_public',
    title: 'SNS topic access policies do not allow public access',
    severity: 'high',
    service: 'sns',
    resourceType: 'AWS::SNS::Topic',
    description:
      'No statement of the topic access policy lets anyone publish to, subscribe to or manage the topic. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.',
    risk: 'A public topic lets strangers publish messages that your subscribers trust, or subscribe and read everything sent.',
    remediation: {
      cli: 'aws sns set-topic-attributes --topic-arn <arn> --attribute-name Policy --attribute-value file://policy.json   # restrict Principal or add aws:SourceAccount / aws:PrincipalOrgID',
      console: 'SNS console > Topics > the topic > Edit > Access policy: replace "*" principals with specific accounts or add a restricting condition.',
      docs: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
    },
    configRule: 'SNS_TOPIC_NO_PUBLIC_ACCESS',
  },
  run(account) {
    return perRegionRead(account, (r) => r.sns.topics, 'SNS topics (sns:ListTopics)', (t, region) => [
      judgePolicy({ account, ref: { region, resourceId: t.name, resourceArn: t.arn, origin: t.origin }, policy: t.policy, service: 'sns', what: 'the topic access policy', permission: 'sns:GetTopicAttributes' }),
    ]);
  },
};

export const checks: Check[] = [encrypted, policyNotPublic];

/** Secrets Manager checks: automatic rotation and secret-policy exposure (read through the IAM engine). */
import { fail, pass } from './helpers.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { perRegionRead } from './readErrors.js';

const rotation: Check = {
  meta: {
    id: 'secretsmanager_rotation_enabled',
    title: 'Secrets Manager secrets have automatic rotation enabled',
    severity: 'medium',
    service: 'secretsmanager',
    resourceType: 'AWS::SecretsManager::Secret',
    description: 'Each secret has automatic rotation configured, so the credential it holds changes on a schedule.',
    risk: 'A secret that never changes stays valid for as long as a leaked copy exists.',
    remediation: {
      cli: 'aws secretsmanager rotate-secret --secret-id <name> --rotation-lambda-arn <arn> --rotation-rules AutomaticallyAfterDays=30',
      cloudformation:
        'Rotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref Secret\n    RotationLambdaARN: !GetAtt RotationFn.Arn\n    RotationRules:\n      AutomaticallyAfterDays: 30',
      console: 'Secrets Manager console > the secret > Rotation > Edit rotation > Automatic rotation: on.',
      docs: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    },
    configRule: 'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
  },
  run(account) {
    return perRegionRead(account, (r) => r.secretsmanager.secrets, 'secrets (secretsmanager:ListSecrets)', (s, region) => {
      const r = { region, resourceId: s.name, resourceArn: s.arn, origin: s.origin };
      return [s.rotationEnabled ? pass(r, 'automatic rotation is enabled') : fail(r, 'automatic rotation is not enabled', { rotationEnabled: false }, 'rotationEnabled')];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'secretsmanager_policy_not_public',
    title: 'Secrets Manager resource policies do not allow public access',
    severity: 'critical',
    service: 'secretsmanager',
    resourceType: 'AWS::SecretsManager::Secret',
    description:
      'No statement of the secret resource policy lets anyone read or change the secret. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.',
    risk: 'A public secret policy hands the credential to anyone whose request the policy admits.',
    remediation: {
      cli: 'aws secretsmanager put-resource-policy --secret-id <name> --resource-policy file://policy.json --block-public-policy',
      console: 'Secrets Manager console > the secret > Resource permissions > Edit: remove "*" principals or add a restricting condition.',
      docs: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html',
    },
  },
  run(account) {
    return perRegionRead(account, (r) => r.secretsmanager.secrets, 'secrets (secretsmanager:ListSecrets)', (s, region) => [
      judgePolicy({ account, ref: { region, resourceId: s.name, resourceArn: s.arn, origin: s.origin }, policy: s.policy, service: 'secretsmanager', what: 'the secret resource policy', permission: 'secretsmanager:GetResourcePolicy' }),
    ]);
  },
};

export const checks: Check[] = [rotation, policyNotPublic];

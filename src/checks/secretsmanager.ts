/** Secrets Manager checks: automatic rotation. Secret-policy exposure lives in resourcePolicies.ts. */
import { fail, pass, perRegionList } from './helpers.js';
import type { Check } from './types.js';

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
    return perRegionList(account, (r) => r.secretsmanager.secrets, 'secrets (secretsmanager:ListSecrets)', (s, region) => {
      const r = { region, resourceId: s.name, resourceArn: s.arn, origin: s.origin };
      return [s.rotationEnabled ? pass(r, 'automatic rotation is enabled') : fail(r, 'automatic rotation is not enabled', { rotationEnabled: false }, 'rotationEnabled')];
    });
  },
};

export const checks: Check[] = [rotation];

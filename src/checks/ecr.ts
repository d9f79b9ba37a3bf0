/** ECR checks: scan on push, tag immutability and repository-policy exposure (read through the IAM engine). */
import { fail, pass } from './helpers.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { perRegionRead } from './readErrors.js';

const REPOS = 'ECR repositories (ecr:DescribeRepositories)';

const scanOnPush: Check = {
  meta: {
    id: 'ecr_scan_on_push',
    title: 'ECR private repositories scan images on push',
    severity: 'high',
    service: 'ecr',
    resourceType: 'AWS::ECR::Repository',
    description:
      'The repository has scan on push enabled. kenro reads the repository setting only; a registry-level scanning ' +
      'configuration (enhanced scanning, or basic scanning with filters) that covers the repository is not yet taken into account.',
    risk: 'Images with known vulnerabilities reach production without anyone being told.',
    remediation: {
      cli: 'aws ecr put-image-scanning-configuration --repository-name <repo> --image-scanning-configuration scanOnPush=true',
      cloudformation: 'Repository:\n  Type: AWS::ECR::Repository\n  Properties:\n    ImageScanningConfiguration:\n      ScanOnPush: true',
      console: 'ECR console > Repositories > the repository > Edit > Scan on push: on (or configure registry scanning under Private registry > Scanning).',
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
    },
    configRule: 'ECR_PRIVATE_IMAGE_SCANNING_ENABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ecr.repositories, REPOS, (repo, region) => {
      const r = { region, resourceId: repo.name, resourceArn: repo.arn, origin: repo.origin };
      if (repo.imageScanOnPush === undefined) return [{ status: 'ERROR', ...r, reason: 'the image scanning configuration of the repository was not collected' }];
      return [repo.imageScanOnPush ? pass(r, 'scan on push is enabled') : fail(r, 'scan on push is disabled', { imageScanOnPush: false }, 'imageScanOnPush')];
    });
  },
};

const tagImmutability: Check = {
  meta: {
    id: 'ecr_tag_immutability',
    title: 'ECR private repositories have tag immutability',
    severity: 'medium',
    service: 'ecr',
    resourceType: 'AWS::ECR::Repository',
    description: 'Image tag mutability is IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION), so a pushed tag cannot be silently replaced.',
    risk: 'With mutable tags, whoever can push can swap the image behind a tag that deployments trust.',
    remediation: {
      cli: 'aws ecr put-image-tag-mutability --repository-name <repo> --image-tag-mutability IMMUTABLE',
      cloudformation: 'Repository:\n  Type: AWS::ECR::Repository\n  Properties:\n    ImageTagMutability: IMMUTABLE',
      console: 'ECR console > Repositories > the repository > Edit > Tag immutability: on.',
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
    },
    configRule: 'ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ecr.repositories, REPOS, (repo, region) => {
      const r = { region, resourceId: repo.name, resourceArn: repo.arn, origin: repo.origin };
      const m = repo.imageTagMutability;
      if (m === undefined) return [{ status: 'ERROR', ...r, reason: 'the tag mutability of the repository was not collected' }];
      return [m.startsWith('IMMUTABLE') ? pass(r, `tag mutability is ${m}`) : fail(r, `tag mutability is ${m}`, { imageTagMutability: m }, 'imageTagMutability')];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'ecr_repository_policy_not_public',
    title: 'ECR repository policies do not allow public access',
    severity: 'high',
    service: 'ecr',
    resourceType: 'AWS::ECR::Repository',
    description:
      'No statement of the repository policy lets anyone pull, push or manage images. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.',
    risk: 'A public repository exposes your images (code, embedded configuration) or lets strangers push images your deployments will run.',
    remediation: {
      cli: 'aws ecr set-repository-policy --repository-name <repo> --policy-text file://policy.json   # or: aws ecr delete-repository-policy --repository-name <repo>',
      console: 'ECR console > Repositories > the repository > Permissions > Edit policy JSON: remove "*" principals or add a restricting condition.',
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
    },
  },
  run(account) {
    return perRegionRead(account, (r) => r.ecr.repositories, REPOS, (repo, region) => [
      judgePolicy({ account, ref: { region, resourceId: repo.name, resourceArn: repo.arn, origin: repo.origin }, policy: repo.policy, service: 'ecr', what: 'the repository policy', permission: 'ecr:GetRepositoryPolicy' }),
    ]);
  },
};

export const checks: Check[] = [scanOnPush, tagImmutability, policyNotPublic];

/** ECR checks: scan on push and tag immutability. Repository-policy exposure lives in resourcePolicies.ts. */
import { fail, pass, perRegionList } from './helpers.js';
import type { Check } from './types.js';

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
    return perRegionList(account, (r) => r.ecr.repositories, REPOS, (repo, region) => {
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
    return perRegionList(account, (r) => r.ecr.repositories, REPOS, (repo, region) => {
      const r = { region, resourceId: repo.name, resourceArn: repo.arn, origin: repo.origin };
      const m = repo.imageTagMutability;
      if (m === undefined) return [{ status: 'ERROR', ...r, reason: 'the tag mutability of the repository was not collected' }];
      return [m.startsWith('IMMUTABLE') ? pass(r, `tag mutability is ${m}`) : fail(r, `tag mutability is ${m}`, { imageTagMutability: m }, 'imageTagMutability')];
    });
  },
};

export const checks: Check[] = [scanOnPush, tagImmutability];

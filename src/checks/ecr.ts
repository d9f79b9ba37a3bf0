/** ECR checks: scan on push, tag immutability and repository-policy exposure (read through the IAM engine). */
import { fail, pass } from './helpers.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { perRegionRead, readError } from './readErrors.js';
import type { EcrRegistryScanning } from '../model/inventory.js';
import { compileMatcher, encodeWildcards } from '../iam/wildcard.js';

const REPOS = 'ECR repositories (ecr:DescribeRepositories)';

/**
 * Whether registry-level scanning covers a repository: a rule whose frequency scans new images
 * (SCAN_ON_PUSH for basic; SCAN_ON_PUSH or CONTINUOUS_SCAN for enhanced) and whose wildcard filter
 * matches the repository name.
 */
export function registryRuleFor(reg: EcrRegistryScanning, repositoryName: string): string | undefined {
  const frequencies = reg.scanType === 'ENHANCED' ? ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'] : ['SCAN_ON_PUSH'];
  for (const rule of reg.rules) {
    if (!frequencies.includes(rule.scanFrequency)) continue;
    const hit = rule.repositoryFilters.find((f) => compileMatcher(encodeWildcards(f.filter), 'plain')(repositoryName));
    if (hit) return `${reg.scanType} ${rule.scanFrequency} (filter ${hit.filter})`;
  }
  return undefined;
}

const scanOnPush: Check = {
  meta: {
    id: 'ecr_scan_on_push',
    title: 'ECR private repositories scan images on push',
    severity: 'high',
    service: 'ecr',
    resourceType: 'AWS::ECR::Repository',
    description:
      'New images in the repository are scanned: a registry-level scanning rule (basic scan on push, or enhanced scan on ' +
      'push / continuous) whose filter matches the repository, or the repository\'s own scan-on-push setting. With enhanced ' +
      'scanning, only the registry rules count. When the registry configuration was not collected, only the repository ' +
      'setting is read.',
    risk: 'Images with known vulnerabilities reach production without anyone being told.',
    remediation: {
      cli:
        'aws ecr put-registry-scanning-configuration --scan-type ENHANCED --rules \'[{"scanFrequency":"CONTINUOUS_SCAN","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]\'\n' +
        'aws ecr put-image-scanning-configuration --repository-name <repo> --image-scanning-configuration scanOnPush=true   # basic scanning',
      cloudformation: 'Repository:\n  Type: AWS::ECR::Repository\n  Properties:\n    ImageScanningConfiguration:\n      ScanOnPush: true',
      console: 'ECR console > Private registry > Scanning: enhanced scanning with a filter covering the repository, or basic scan on push.',
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
    },
    configRule: 'ECR_PRIVATE_IMAGE_SCANNING_ENABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ecr.repositories, REPOS, (repo, region, r) => {
      const ref = { region, resourceId: repo.name, resourceArn: repo.arn, origin: repo.origin };
      const reg = r.ecr.registryScanning;
      const regValue = reg?.status === 'ok' ? reg.value : undefined;
      if (regValue) {
        const rule = registryRuleFor(regValue, repo.name);
        if (rule) return [pass(ref, `registry scanning covers the repository: ${rule}`)];
        if (regValue.scanType === 'ENHANCED')
          return [fail(ref, 'enhanced registry scanning has no rule whose filter covers this repository', { registryScanning: regValue }, 'imageScanOnPush')];
      }
      if (repo.imageScanOnPush === true) return [pass(ref, 'scan on push is enabled on the repository')];
      if (reg && reg.status !== 'ok') return [readError(ref, reg, `the registry scanning configuration in ${region} (ecr:GetRegistryScanningConfiguration)`)];
      if (repo.imageScanOnPush === undefined) return [{ status: 'ERROR', ...ref, reason: 'the image scanning configuration of the repository was not collected' }];
      return [fail(ref, 'scan on push is disabled and no registry scanning rule covers the repository', { imageScanOnPush: false, registryScanning: regValue ?? null }, 'imageScanOnPush')];
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

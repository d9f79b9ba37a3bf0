/**
 * iac_s3_public_canned_acl: the template asks S3 for a public canned ACL (AccessControl
 * PublicRead, PublicReadWrite or AuthenticatedRead). Whatever the account settings, the template
 * is wrong: either the bucket becomes public, or Block Public Access / disabled ACLs make the
 * deployment fail. (The live ACL checks judge the effective access, which also depends on the
 * account-level Block Public Access that a template does not describe.)
 */
import { asText, findUnknown } from '../../sources/cfn/values.js';
import type { Finding } from '../types.js';
import type { IacCheck, IacContext } from './types.js';

const PUBLIC = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

export const s3PublicCannedAcl: IacCheck = {
  meta: {
    id: 'iac_s3_public_canned_acl',
    title: 'Templates do not ask for public S3 canned ACLs',
    severity: 'high',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    description:
      'AccessControl: PublicRead, PublicReadWrite or AuthenticatedRead grants everyone (or every AWS account) access to the bucket through its ACL. ' +
      'Serve public content through CloudFront with origin access control instead, and keep ACLs disabled.',
    risk: 'Anyone can list or read the objects (and with PublicReadWrite, write them).',
    remediation: {
      cloudformation: 'OwnershipControls:\n  Rules: [{ObjectOwnership: BucketOwnerEnforced}]\n# and remove AccessControl',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
    },
    configRule: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
  },
  runTemplate({ world }: IacContext): Finding[] {
    const out: Finding[] = [];
    for (const res of world.builder.all) {
      if (res.tr.type !== 'AWS::S3::Bucket') continue;
      const v = res.get('AccessControl');
      if (v === undefined) continue;
      const ref = { region: world.builder.region, resourceId: res.logicalId, resourceType: res.tr.type };
      const u = findUnknown(v);
      const acl = asText(v);
      if (u) out.push({ status: 'ERROR', ...ref, origin: res.origin, reason: `AccessControl cannot be resolved: ${u.describe()}` });
      else if (acl && PUBLIC.has(acl)) {
        out.push({
          status: 'FAIL',
          ...ref,
          field: 'acl',
          origin: { ...res.origin, fields: { ...res.origin.fields, acl: res.locate('AccessControl') } },
          reason: `AccessControl ${acl} grants ${acl === 'AuthenticatedRead' ? 'every AWS account' : 'everyone'} ${acl === 'PublicReadWrite' ? 'read and write' : 'read'} access`,
        });
      } else out.push({ status: 'PASS', ...ref, origin: res.origin, reason: `AccessControl ${acl} is not public` });
    }
    return out;
  },
};

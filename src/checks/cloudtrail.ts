import type { AccountInventory, Inventory, S3Bucket, Trail } from '../model/inventory.js';
import type { Check, Finding } from './types.js';
import { accountRef, errorFinding, fail, GLOBAL, pass, type ResourceRef } from './helpers.js';
import { qualifiesAsBaselineTrail, s3DataEventsCover, trailsOf } from './trail-coverage.js';
import { exposureOf } from './policyExposure.js';

const TRAIL = 'AWS::CloudTrail::Trail';

function trailRef(t: Trail): ResourceRef {
  return { region: t.homeRegion, resourceId: t.name, resourceArn: t.arn, resourceType: TRAIL, origin: t.origin };
}

/** ERROR findings for regions whose trail list could not be read. */
function trailListErrors(account: AccountInventory): Finding[] {
  return trailsOf(account).failures.map((f) =>
    errorFinding(accountRef(account, f.region), f.collected, `CloudTrail trails in ${f.region}`),
  );
}

/** One finding per trail, or FAIL for the account when there is none (and no list failed). */
function perTrail(account: AccountInventory, judge: (t: Trail) => Finding): Finding[] {
  const view = trailsOf(account);
  const out = trailListErrors(account);
  for (const t of view.trails) {
    const f = judge(t);
    // The member account cannot change an organization trail; say who can.
    if (t.ownedByOtherAccount && f.status === 'FAIL') f.reason += ' (organization trail: fix it in the management account)';
    out.push(f);
  }
  if (view.trails.length === 0 && view.failures.length === 0) {
    out.push(fail(accountRef(account), 'no CloudTrail trail exists in any scanned region'));
  }
  return out;
}

const multiRegion: Check = {
  meta: {
    id: 'cloudtrail_multi_region_enabled',
    title: 'A multi-region CloudTrail trail is logging all management events',
    severity: 'high',
    service: 'cloudtrail',
    resourceType: 'AWS::::Account',
    description:
      'At least one trail that applies to the account must cover every region, be logging, and record both read ' +
      'and write management events with no event source excluded. An organization trail created by the management ' +
      'account counts for its member accounts.',
    risk: 'Without a complete trail, API activity in some regions or of some kinds leaves no record to investigate.',
    remediation: {
      cli: 'aws cloudtrail create-trail --name baseline --s3-bucket-name BUCKET --is-multi-region-trail --enable-log-file-validation\naws cloudtrail start-logging --name baseline',
      docs: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    },
    configRule: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  },
  run(account) {
    const ref = accountRef(account);
    const view = trailsOf(account);
    const judged = view.trails.map((t) => ({ t, q: qualifiesAsBaselineTrail(t) }));
    const good = judged.find((j) => j.q.ok);
    if (good) {
      const org = good.t.isOrganizationTrail ? ' (organization trail)' : '';
      return [pass(ref, `trail ${good.t.name}${org} is multi-region, logging, and records all management events`, { trail: good.t.arn })];
    }
    const evidence = judged.map((j) => ({ trail: j.t.arn, problems: j.q.problems, unreadable: j.q.unreadable }));
    const unreadable = judged.flatMap((j) => j.q.unreadable);
    if (view.failures.length > 0) return trailListErrors(account);
    if (unreadable.length > 0) {
      return [{ status: 'ERROR', ...ref, reason: `could not judge trails: could not read ${unreadable.join('; ')}`, evidence }];
    }
    if (view.trails.length === 0) return [fail(ref, 'no CloudTrail trail exists in any scanned region')];
    const why = judged.map((j) => `${j.t.name}: ${j.q.problems.join(', ')}`).join('; ');
    return [fail(ref, `no trail qualifies (${why})`, evidence)];
  },
};

const logFileValidation: Check = {
  meta: {
    id: 'cloudtrail_log_file_validation_enabled',
    title: 'CloudTrail log file integrity validation is enabled',
    severity: 'medium',
    service: 'cloudtrail',
    resourceType: TRAIL,
    description: 'Each trail should write signed digest files so that altered or deleted log files can be detected.',
    risk: 'Without digests, an intruder who can write to the log bucket can change the record of what they did unnoticed.',
    remediation: {
      cli: 'aws cloudtrail update-trail --name TRAIL --enable-log-file-validation',
      docs: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html',
    },
    configRule: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
  },
  run(account) {
    return perTrail(account, (t) =>
      t.logFileValidationEnabled
        ? pass(trailRef(t), 'log file validation is enabled')
        : fail(trailRef(t), 'log file validation is disabled', { logFileValidationEnabled: false }, 'logFileValidationEnabled'),
    );
  },
};

const kmsEncryption: Check = {
  meta: {
    id: 'cloudtrail_kms_encryption_enabled',
    title: 'CloudTrail logs are encrypted with a KMS key',
    severity: 'medium',
    service: 'cloudtrail',
    resourceType: TRAIL,
    description: 'Each trail should encrypt its log files with an AWS KMS key (SSE-KMS), so reading them needs kms:Decrypt as well as S3 access.',
    risk: 'With S3-managed encryption only, anyone who can read the bucket can read the full activity history.',
    remediation: {
      cli: 'aws cloudtrail update-trail --name TRAIL --kms-key-id KEY_ARN',
      docs: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
    },
    configRule: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
  },
  run(account) {
    return perTrail(account, (t) =>
      t.kmsKeyId
        ? pass(trailRef(t), 'log files are encrypted with a KMS key', { kmsKeyId: t.kmsKeyId })
        : fail(trailRef(t), 'log files are not encrypted with a KMS key', { kmsKeyId: null }, 'kmsKeyId'),
    );
  },
};

/** The trail's bucket, looked up in this account's inventory and then in the others scanned. */
function findBucket(inv: Inventory, account: AccountInventory, name: string): { bucket?: S3Bucket; errors: Finding[] } {
  const order = [account, ...inv.accounts.filter((a) => a !== account)];
  const errors: Finding[] = [];
  for (const a of order) {
    if (a.s3.buckets.status !== 'ok') {
      if (a === account) errors.push(errorFinding(accountRef(account), a.s3.buckets, 'S3 buckets'));
      continue;
    }
    const b = a.s3.buckets.value.find((x) => x.name === name);
    if (b) return { bucket: b, errors: [] };
  }
  return { errors };
}

function bucketRef(b: S3Bucket): ResourceRef {
  return { region: b.region, resourceId: b.name, resourceArn: b.arn, resourceType: 'AWS::S3::Bucket', origin: b.origin };
}

/** Per distinct trail bucket: judge the bucket, or ERROR when it is not in the inventory. */
function perTrailBucket(
  account: AccountInventory,
  inv: Inventory,
  judge: (t: Trail, b: S3Bucket, account: AccountInventory) => Finding,
): Finding[] {
  const view = trailsOf(account);
  const out = trailListErrors(account);
  if (view.trails.length === 0 && view.failures.length === 0) {
    return [fail(accountRef(account), 'no CloudTrail trail exists in any scanned region')];
  }
  const seen = new Set<string>();
  for (const t of view.trails) {
    if (!t.s3BucketName) {
      out.push(fail(trailRef(t), 'the trail has no S3 bucket'));
      continue;
    }
    if (seen.has(t.s3BucketName)) continue;
    seen.add(t.s3BucketName);
    const found = findBucket(inv, account, t.s3BucketName);
    if (found.bucket) out.push(judge(t, found.bucket, account));
    else
      out.push(
        found.errors[0] ?? {
          status: 'ERROR',
          ...trailRef(t),
          reason: `trail bucket ${t.s3BucketName} is not in the scanned inventory (it belongs to another account); scan that account to judge it`,
        },
      );
  }
  return out;
}

const bucketAccessLogging: Check = {
  meta: {
    id: 'cloudtrail_bucket_access_logging_enabled',
    title: 'The CloudTrail bucket has S3 server access logging enabled',
    severity: 'medium',
    service: 'cloudtrail',
    resourceType: 'AWS::S3::Bucket',
    description: 'The bucket that receives CloudTrail logs should itself log every request made to it, so access to the audit trail is traceable.',
    risk: 'Reads, deletions or policy changes on the audit log bucket would go unrecorded.',
    remediation: {
      cli: 'aws s3api put-bucket-logging --bucket TRAIL_BUCKET --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"trail-bucket/"}}\'',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    },
  },
  run(account, ctx) {
    return perTrailBucket(account, ctx.inventory, (_t, b) => {
      const ref = bucketRef(b);
      if (b.logging.status !== 'ok') return errorFinding(ref, b.logging, `logging configuration of bucket ${b.name}`);
      return b.logging.value
        ? pass(ref, `server access logging goes to ${b.logging.value.targetBucket}`, b.logging.value)
        : fail(ref, 'server access logging is disabled on the CloudTrail bucket', { logging: null }, 'logging');
    });
  },
};

const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];

const bucketNotPublic: Check = {
  meta: {
    id: 'cloudtrail_bucket_not_public',
    title: 'The CloudTrail bucket is not publicly accessible',
    severity: 'critical',
    service: 'cloudtrail',
    resourceType: 'AWS::S3::Bucket',
    description:
      'The bucket receiving CloudTrail logs must not be readable by everyone. When S3 Block Public Access (bucket or account) ' +
      'blocks every kind of public access, the bucket passes. Otherwise kenro reads the bucket policy with its IAM engine ' +
      '(statements, effects, principals and conditions: a "*" principal counts as public unless a condition such as ' +
      'aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn or aws:SourceVpce really restricts the caller), takes S3\'s own ' +
      'judgement (GetBucketPolicyStatus) as additional evidence — either one saying public fails — and reads the ACL for grants to ' +
      'AllUsers or AuthenticatedUsers (ignored when ACLs are disabled by BucketOwnerEnforced or IgnorePublicAcls).',
    risk: 'A public log bucket reveals the account\'s structure, users and activity to anyone.',
    remediation: {
      cli: 'aws s3api put-public-access-block --bucket TRAIL_BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      cloudformation:
        'TrailBucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n' +
        '      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true\n' +
        '    OwnershipControls:\n      Rules: [{ ObjectOwnership: BucketOwnerEnforced }]',
      console: 'S3 > the trail bucket > Permissions: turn on all four Block Public Access settings, and remove any bucket policy statement that allows Principal "*" without a restricting condition.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    },
  },
  run(account, ctx) {
    return perTrailBucket(account, ctx.inventory, (_t, b, acct) => {
      const ref = bucketRef(b);
      const pabs = [b.publicAccessBlock, acct.s3.accountPublicAccessBlock];
      const blocksAll = pabs.some(
        (p) => p.status === 'ok' && p.value && p.value.blockPublicPolicy && p.value.restrictPublicBuckets && p.value.ignorePublicAcls && p.value.blockPublicAcls,
      );
      const status = b.policyStatus.status === 'ok' ? (b.policyStatus.value ?? { isPublic: false }) : 'not read';
      if (blocksAll) return pass(ref, 'S3 Block Public Access blocks every kind of public access to the bucket', { blockPublicAccess: 'all four settings on', policyStatus: status });
      const ignoreAcls = pabs.some((p) => p.status === 'ok' && p.value?.ignorePublicAcls);
      const restrict = pabs.some((p) => p.status === 'ok' && p.value?.restrictPublicBuckets);
      const evidence: Record<string, unknown> = { restrictPublicBuckets: restrict, ignorePublicAcls: ignoreAcls, policyStatus: status };
      if (!restrict) {
        // The bucket policy, read by the IAM engine; S3's policy status is a second opinion.
        if (b.policy.status !== 'ok') return errorFinding(ref, b.policy, `policy of bucket ${b.name} (s3:GetBucketPolicy)`);
        if (b.policy.value) {
          const ex = exposureOf(b.policy.value, acct, b.arn, 's3');
          evidence.policyStatements = ex.statements.map((s) => ({ statement: s.index, access: s.access, principals: s.principals, restrictedBy: s.restrictedBy, notRestricting: s.notRestricting }));
          if (ex.public) {
            const s = ex.publicStatements[0]!;
            return fail(ref, `the bucket policy makes the bucket public: ${s.reason}`, { ...evidence, publicStatements: ex.publicStatements }, 'policy');
          }
          if (ex.errors.length && !(status !== 'not read' && status.isPublic)) {
            const e = ex.errors[0]!;
            return { status: 'ERROR', ...ref, reason: `the bucket policy is malformed (${e.code}: ${e.message})`, evidence: { ...evidence, errors: ex.errors } };
          }
        }
        if (status !== 'not read' && status.isPublic) return fail(ref, 'S3 reports the bucket policy as public (GetBucketPolicyStatus)', evidence, 'policy');
      }
      const aclsOff = b.ownershipControls.status === 'ok' && b.ownershipControls.value === 'BucketOwnerEnforced';
      if (!ignoreAcls && !aclsOff) {
        if (b.acl.status !== 'ok') return errorFinding(ref, b.acl, `ACL of bucket ${b.name} (s3:GetBucketAcl)`);
        const pub = b.acl.value.grants.filter((g) => g.granteeType === 'Group' && PUBLIC_GROUPS.includes(g.grantee));
        if (pub.length > 0) return fail(ref, 'the bucket ACL grants access to everyone or to any AWS user', { ...evidence, grants: pub }, 'acl');
      }
      const policyWhy = restrict ? 'RestrictPublicBuckets is on' : b.policy.status === 'ok' && b.policy.value ? 'no bucket policy statement is public' : 'the bucket has no policy';
      const aclWhy = ignoreAcls ? 'IgnorePublicAcls is on' : aclsOff ? 'ACLs are disabled (BucketOwnerEnforced)' : 'the ACL grants nothing to everyone';
      return pass(ref, `the bucket is not public: ${policyWhy}, and ${aclWhy}`, evidence);
    });
  },
};

function dataEventsCheck(kind: 'read' | 'write'): Check {
  return {
    meta: {
      id: `cloudtrail_s3_dataevents_${kind}_enabled`,
      title: `S3 object-level ${kind} events are logged by CloudTrail`,
      severity: 'low',
      service: 'cloudtrail',
      resourceType: 'AWS::S3::Bucket',
      description:
        `Every bucket's object-level ${kind === 'read' ? 'read (GetObject...)' : 'write (PutObject, DeleteObject...)'} ` +
        'API calls should be recorded as CloudTrail data events by a logging trail that covers the bucket\'s region ' +
        '(basic selectors with AWS::S3::Object, or advanced selectors on eventCategory Data and resources.type AWS::S3::Object).',
      risk: `Without data events, ${kind === 'read' ? 'who read or exfiltrated' : 'who changed or deleted'} an object cannot be established.`,
      remediation: {
        cli: `aws cloudtrail put-event-selectors --trail-name TRAIL --advanced-event-selectors '[{"Name":"S3 ${kind}","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["${kind === 'read'}"]}]}]'`,
        docs: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
      },
      configRule: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
    },
    run(account) {
      const view = trailsOf(account);
      const out = trailListErrors(account);
      const buckets = account.s3.buckets;
      if (buckets.status !== 'ok') return [...out, errorFinding(accountRef(account), buckets, 'S3 buckets')];
      if (buckets.value.length === 0) return [...out, pass(accountRef(account, GLOBAL), 'the account has no S3 buckets')];
      for (const b of buckets.value) {
        const ref = bucketRef(b);
        const unreadable: string[] = [];
        let covered: Trail | undefined;
        for (const t of view.trails) {
          if (!t.isMultiRegion && t.homeRegion !== b.region) continue;
          if (t.status.status !== 'ok' || t.eventSelectors.status !== 'ok') {
            unreadable.push(t.name);
            continue;
          }
          if (!t.status.value.isLogging) continue;
          if (s3DataEventsCover(t.eventSelectors.value, b.name, account.partition, kind)) {
            covered = t;
            break;
          }
        }
        if (covered) out.push(pass(ref, `trail ${covered.name} logs object-level ${kind} events for the bucket`, { trail: covered.arn }));
        else if (unreadable.length > 0 || view.failures.length > 0) {
          out.push({
            status: 'ERROR',
            ...ref,
            reason: `could not read the status or event selectors of trail(s) ${unreadable.join(', ') || '(trail list)'} (cloudtrail:GetTrailStatus, cloudtrail:GetEventSelectors)`,
          });
        } else out.push(fail(ref, `no logging trail records object-level ${kind} events for the bucket`));
      }
      return out;
    },
  };
}

export const checks: Check[] = [
  multiRegion,
  logFileValidation,
  kmsEncryption,
  bucketAccessLogging,
  bucketNotPublic,
  dataEventsCheck('write'),
  dataEventsCheck('read'),
];

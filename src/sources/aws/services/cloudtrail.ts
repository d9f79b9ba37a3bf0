/**
 * CloudTrail for one region: the `cloudtrail` key of RegionInventory.
 *
 * DescribeTrails(includeShadowTrails) lists the trails that apply to this region: its own, the
 * shadows of multi-Region trails created elsewhere, and organization trails of the management
 * account. Per trail, GetTrailStatus and GetEventSelectors are called with the trail ARN (AWS
 * requires the ARN for shadow trails and for organization trails seen from a member account).
 *
 * - GetTrailStatus is called in every region the trail is listed in: AWS documents that it
 *   "returns trail status from a single Region" and that all Regions' status needs a call in each.
 * - GetEventSelectors is called once per trail per scan, and every region's copy of the trail
 *   shares the answer: selectors are part of the trail's configuration, which AWS applies to all
 *   Regions of a multi-Region trail and lets change only in the home Region (PutEventSelectors
 *   elsewhere fails with InvalidHomeRegionException). The first region to ask makes the call (with
 *   the ARN, which any region answers for a shadow trail), so a scan that leaves out the home
 *   region still gets them; a failure is recorded once, not once per region.
 */
import type {
  AdvancedEventSelector,
  EventSelector,
  GetEventSelectorsCommandOutput,
  GetTrailStatusCommandOutput,
  Trail as SdkTrail,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import type { Collected } from '../../../model/collected.js';
import { notCollected, ok } from '../../../model/collected.js';
import type { RegionInventory, Trail, TrailEventSelectors } from '../../../model/inventory.js';
import { errorCode, mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { iso } from '../convert.js';
import { forService } from '../notInRegion.js';
import type { Permission } from '../permissions.js';

export async function collect(base: RegionContext): Promise<RegionInventory['cloudtrail']> {
  const ctx = forService(base, 'CloudTrail');
  const ct = ctx.client(CloudTrailClient);
  // DescribeTrails is not paginated: it returns every trail in one response.
  const listed = await ctx.call('cloudtrail:DescribeTrails', () => ct.send(new DescribeTrailsCommand({ includeShadowTrails: true })), {
    what: 'cloudtrail trails',
  });
  if (listed.status !== 'ok') return { trails: listed };
  const trails = await Promise.all((listed.value.trailList ?? []).map((t) => collectTrail(ctx, ct, t)));
  return { trails: ok(trails) };
}

async function collectTrail(ctx: RegionContext, ct: CloudTrailClient, t: SdkTrail): Promise<Trail> {
  const name = t.Name ?? t.TrailARN ?? '';
  const homeRegion = t.HomeRegion ?? ctx.region;
  const arn = t.TrailARN ?? `arn:${ctx.partition}:cloudtrail:${homeRegion}:${ctx.accountId}:trail/${name}`;
  const owner = accountOfArn(arn);
  const ownedByOtherAccount = owner !== undefined && owner !== ctx.accountId;

  const [status, selectors] = await Promise.all([
    readForTrail(ctx, 'cloudtrail:GetTrailStatus', `cloudtrail trail status (${name})`, ownedByOtherAccount, owner, () =>
      ct.send(new GetTrailStatusCommand({ Name: arn })),
    ),
    oncePerScan(ctx, homeRegion, arn, () =>
      readForTrail(ctx, 'cloudtrail:GetEventSelectors', `cloudtrail event selectors (${name})`, ownedByOtherAccount, owner, () =>
        ct.send(new GetEventSelectorsCommand({ TrailName: arn })),
      ),
    ),
  ]);

  const trail: Trail = {
    name,
    arn,
    homeRegion,
    isMultiRegion: t.IsMultiRegionTrail === true,
    isOrganizationTrail: t.IsOrganizationTrail === true,
    logFileValidationEnabled: t.LogFileValidationEnabled === true,
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents === true,
    status: mapOk(status, toStatus),
    // The read is shared by every region's copy of the trail: each copy gets its own objects.
    eventSelectors: selectors.status === 'ok' ? ok(toSelectors(selectors.value)) : { ...selectors, error: { ...selectors.error } },
  };
  if (ownedByOtherAccount) trail.ownedByOtherAccount = true;
  if (t.S3BucketName) trail.s3BucketName = t.S3BucketName;
  if (t.S3KeyPrefix) trail.s3KeyPrefix = t.S3KeyPrefix;
  if (t.KmsKeyId) trail.kmsKeyId = t.KmsKeyId;
  if (t.CloudWatchLogsLogGroupArn) trail.cloudWatchLogsLogGroupArn = t.CloudWatchLogsLogGroupArn;
  if (t.CloudWatchLogsRoleArn) trail.cloudWatchLogsRoleArn = t.CloudWatchLogsRoleArn;
  if (t.SnsTopicARN) trail.snsTopicArn = t.SnsTopicARN;
  return trail;
}

type SelectorsRead = Promise<Collected<GetEventSelectorsCommandOutput>>;

/**
 * GetEventSelectors reads already made or under way in this scan, by trail ARN. The key is the
 * scan itself, through an object every region's context of one scan shares and no other scan
 * does: the SDK client the context caches per region and client class (here the trail's home
 * region; creating it makes no call). Weakly held, so a finished scan's entries go with it.
 */
const selectorReads = new WeakMap<object, Map<string, SelectorsRead>>();

function oncePerScan(ctx: RegionContext, homeRegion: string, arn: string, read: () => SelectorsRead): SelectorsRead {
  const scan = ctx.forRegion(homeRegion).client(CloudTrailClient);
  let reads = selectorReads.get(scan);
  if (!reads) selectorReads.set(scan, (reads = new Map()));
  let got = reads.get(arn);
  if (!got) reads.set(arn, (got = read()));
  return got;
}

/**
 * One per-trail read. For a trail of another account (an organization trail seen from a member),
 * TrailNotFound / CloudTrailARNInvalid mean "only its owner can read this": not_available with
 * that reason, recorded as a collection issue, and the region's other trails are unaffected.
 */
async function readForTrail<T>(
  ctx: RegionContext,
  permission: Permission,
  what: string,
  ownedByOtherAccount: boolean,
  owner: string | undefined,
  fn: () => Promise<T>,
): Promise<Collected<T>> {
  if (!ownedByOtherAccount) return ctx.call(permission, fn, { what });
  let code = 'TrailNotFoundException';
  const remember = async (): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      code = errorCode(err).code;
      throw err;
    }
  };
  const got = await ctx.call(permission, remember, { what, absentCodes: ['TrailNotFoundException', 'CloudTrailARNInvalidException'] });
  if (got.status === 'ok' && got.value === null) {
    const message = `the trail belongs to account ${owner ?? 'unknown'} (an organization trail); only that account can read it`;
    ctx.issue({ what, status: 'not_available', code, message, permission });
    return notCollected('not_available', { code, message, permission });
  }
  return got as Collected<T>;
}

/** The account id field of an ARN (`arn:partition:service:region:account:resource`). */
function accountOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[4] ? parts[4] : undefined;
}

function toStatus(r: GetTrailStatusCommandOutput): Trail['status'] extends Collected<infer S> ? S : never {
  const out: { isLogging: boolean; latestDeliveryTime?: string; latestDeliveryError?: string } = { isLogging: r.IsLogging === true };
  const delivered = iso(r.LatestDeliveryTime);
  if (delivered) out.latestDeliveryTime = delivered;
  if (r.LatestDeliveryError) out.latestDeliveryError = r.LatestDeliveryError;
  return out;
}

function toSelectors(r: GetEventSelectorsCommandOutput): TrailEventSelectors {
  const out: TrailEventSelectors = {};
  if (r.EventSelectors) out.basic = r.EventSelectors.map(toBasic);
  if (r.AdvancedEventSelectors) out.advanced = r.AdvancedEventSelectors.map(toAdvanced);
  return out;
}

function toBasic(s: EventSelector): NonNullable<TrailEventSelectors['basic']>[number] {
  const out: NonNullable<TrailEventSelectors['basic']>[number] = {
    // AWS documents `All` as the default when ReadWriteType is not given.
    readWriteType: s.ReadWriteType ?? 'All',
    includeManagementEvents: s.IncludeManagementEvents === true,
    dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: [...(d.Values ?? [])] })),
  };
  if (s.ExcludeManagementEventSources?.length) out.excludeManagementEventSources = [...s.ExcludeManagementEventSources];
  return out;
}

function toAdvanced(s: AdvancedEventSelector): NonNullable<TrailEventSelectors['advanced']>[number] {
  const out: NonNullable<TrailEventSelectors['advanced']>[number] = {
    fieldSelectors: (s.FieldSelectors ?? []).map((f) => {
      const fs: NonNullable<TrailEventSelectors['advanced']>[number]['fieldSelectors'][number] = { field: f.Field ?? '' };
      if (f.Equals) fs.equals = [...f.Equals];
      if (f.StartsWith) fs.startsWith = [...f.StartsWith];
      if (f.EndsWith) fs.endsWith = [...f.EndsWith];
      if (f.NotEquals) fs.notEquals = [...f.NotEquals];
      if (f.NotStartsWith) fs.notStartsWith = [...f.NotStartsWith];
      if (f.NotEndsWith) fs.notEndsWith = [...f.NotEndsWith];
      return fs;
    }),
  };
  if (s.Name) out.name = s.Name;
  return out;
}

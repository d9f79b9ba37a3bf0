/**
 * What a CloudTrail trail records, read from its basic or advanced event selectors, and the list
 * of trails that apply to an account (its own, plus organization trails seen from members).
 * Shared by the CloudTrail, monitoring and S3 data-event checks.
 */
import type { Collected } from '../model/collected.js';
import type { AccountInventory, Trail, TrailEventSelectors } from '../model/inventory.js';
import { regionsOf } from './helpers.js';

export interface ManagementCoverage {
  read: boolean;
  write: boolean;
  /** Event sources excluded from management events (e.g. kms.amazonaws.com). */
  excludedSources: string[];
}

type AdvancedSelector = NonNullable<TrailEventSelectors['advanced']>[number];
type FieldSelector = AdvancedSelector['fieldSelectors'][number];

function field(sel: AdvancedSelector, name: string): FieldSelector | undefined {
  return sel.fieldSelectors.find((f) => f.field === name);
}

/** readOnly field of an advanced selector -> which of read/write it admits. */
function readOnlyScope(f: FieldSelector | undefined): { read: boolean; write: boolean } {
  if (!f) return { read: true, write: true };
  let read = true;
  let write = true;
  if (f.equals) {
    read = f.equals.includes('true');
    write = f.equals.includes('false');
  }
  if (f.notEquals) {
    if (f.notEquals.includes('true')) read = false;
    if (f.notEquals.includes('false')) write = false;
  }
  if (f.startsWith || f.endsWith || f.notStartsWith || f.notEndsWith) return { read: false, write: false };
  return { read, write };
}

/**
 * Management events a trail records. Basic selectors: includeManagementEvents with readWriteType.
 * Advanced: a selector with eventCategory = Management, optionally readOnly, and optionally an
 * eventSource notEquals list (exclusions). A management selector narrowed by any other field does
 * not count as recording all management events.
 */
export function managementCoverage(sel: TrailEventSelectors): ManagementCoverage {
  const out: ManagementCoverage = { read: false, write: false, excludedSources: [] };
  for (const b of sel.basic ?? []) {
    if (!b.includeManagementEvents) continue;
    if (b.readWriteType === 'All' || b.readWriteType === 'ReadOnly') out.read = true;
    if (b.readWriteType === 'All' || b.readWriteType === 'WriteOnly') out.write = true;
    out.excludedSources.push(...(b.excludeManagementEventSources ?? []));
  }
  for (const a of sel.advanced ?? []) {
    const cat = field(a, 'eventCategory');
    if (!cat?.equals?.includes('Management')) continue;
    const others = a.fieldSelectors.filter((f) => !['eventCategory', 'readOnly', 'eventSource'].includes(f.field));
    if (others.length > 0) continue;
    const src = field(a, 'eventSource');
    if (src && (src.equals || src.startsWith || src.endsWith || src.notStartsWith || src.notEndsWith)) continue;
    const scope = readOnlyScope(field(a, 'readOnly'));
    if (scope.read) out.read = true;
    if (scope.write) out.write = true;
    if (src?.notEquals) out.excludedSources.push(...src.notEquals);
  }
  out.excludedSources = [...new Set(out.excludedSources)];
  return out;
}

/**
 * Whether the trail records S3 object-level events of the given kind for `bucket`.
 * Basic: a data resource of type AWS::S3::Object whose value is `arn:aws:s3` / `arn:aws:s3:::`
 * (all buckets) or a prefix of the bucket's object ARN. Advanced: eventCategory = Data,
 * resources.type = AWS::S3::Object, optional resources.ARN equals/startsWith covering the bucket,
 * optional readOnly; any other narrowing field makes the selector not count.
 */
export function s3DataEventsCover(
  sel: TrailEventSelectors,
  bucket: string,
  partition: string,
  kind: 'read' | 'write',
): boolean {
  const objectArn = `arn:${partition}:s3:::${bucket}/`;
  const all = [`arn:${partition}:s3`, `arn:${partition}:s3:::`];
  const covers = (v: string) => all.includes(v) || objectArn.startsWith(v);
  for (const b of sel.basic ?? []) {
    const want = kind === 'read' ? ['All', 'ReadOnly'] : ['All', 'WriteOnly'];
    if (!want.includes(b.readWriteType)) continue;
    for (const d of b.dataResources) if (d.type === 'AWS::S3::Object' && d.values.some(covers)) return true;
  }
  for (const a of sel.advanced ?? []) {
    if (!field(a, 'eventCategory')?.equals?.includes('Data')) continue;
    if (!field(a, 'resources.type')?.equals?.includes('AWS::S3::Object')) continue;
    const known = ['eventCategory', 'resources.type', 'resources.ARN', 'readOnly'];
    if (a.fieldSelectors.some((f) => !known.includes(f.field))) continue;
    const scope = readOnlyScope(field(a, 'readOnly'));
    if (!(kind === 'read' ? scope.read : scope.write)) continue;
    const arnSel = field(a, 'resources.ARN');
    if (arnSel) {
      if (arnSel.notEquals || arnSel.notStartsWith || arnSel.notEndsWith || arnSel.endsWith) continue;
      const ok =
        (arnSel.startsWith ?? []).some((p) => objectArn.startsWith(p) || all.includes(p)) ||
        (arnSel.equals ?? []).some((v) => all.includes(v));
      if (!ok) continue;
    }
    return true;
  }
  return false;
}

export interface TrailsView {
  /** Trails that apply to the account, one per ARN, with the region they were listed in. */
  trails: Trail[];
  /** Regions whose trail list could not be read. */
  failures: { region: string; collected: Collected<Trail[]> }[];
}

/**
 * Every trail visible in any scanned region, de-duplicated by ARN (shadow trails of a
 * multi-region trail appear in each region). Organization trails owned by the management account
 * appear in member accounts' lists and count for them.
 */
export function trailsOf(account: AccountInventory): TrailsView {
  const byArn = new Map<string, Trail>();
  const failures: TrailsView['failures'] = [];
  for (const [region, r] of regionsOf(account)) {
    const c = r.cloudtrail.trails;
    if (c.status !== 'ok') {
      failures.push({ region, collected: c });
      continue;
    }
    for (const t of c.value) {
      const prev = byArn.get(t.arn);
      // Prefer the copy listed in the home region (status and selectors are read there).
      if (!prev || t.homeRegion === region) byArn.set(t.arn, t);
    }
  }
  return { trails: [...byArn.values()], failures };
}

export interface TrailQualification {
  ok: boolean;
  /** Why the trail does not qualify (empty when ok), or why it could not be judged. */
  problems: string[];
  /** Data that could not be read, making the judgement impossible. */
  unreadable: string[];
}

/**
 * Whether a trail counts as the account's CIS baseline trail: multi-region with global service
 * events, logging, recording management events both read and write with no excluded event sources
 * (AWS Config's MULTI_REGION_CLOUD_TRAIL_ENABLED also rejects any ExcludeManagementEventSources).
 */
export function qualifiesAsBaselineTrail(t: Trail): TrailQualification {
  const problems: string[] = [];
  const unreadable: string[] = [];
  if (!t.isMultiRegion) problems.push('not multi-region');
  // IAM, STS and CloudFront events are global service events (recorded in us-east-1).
  if (!t.includeGlobalServiceEvents) problems.push('does not include global service events (IAM, STS)');
  if (t.status.status !== 'ok') unreadable.push(`logging status of ${t.name} (cloudtrail:GetTrailStatus)`);
  else if (!t.status.value.isLogging) problems.push('not logging');
  if (t.eventSelectors.status !== 'ok') unreadable.push(`event selectors of ${t.name} (cloudtrail:GetEventSelectors)`);
  else {
    const cov = managementCoverage(t.eventSelectors.value);
    if (!cov.read || !cov.write) {
      const missing = [!cov.read && 'read', !cov.write && 'write'].filter(Boolean).join(' and ');
      problems.push(`does not record ${missing} management events`);
    }
    if (cov.excludedSources.length > 0) problems.push(`excludes management events from ${cov.excludedSources.join(', ')}`);
  }
  // A trail that already fails on what was read cannot qualify: what was not read does not matter.
  if (problems.length > 0) return { ok: false, problems, unreadable: [] };
  return { ok: unreadable.length === 0, problems, unreadable };
}

/**
 * A focused reader for one question: does a bucket policy refuse every request that does not use
 * TLS? AWS documents the compliant shape (AWS Config rule s3-bucket-ssl-requests-only, S3 user
 * guide): a statement with Effect Deny, Principal "*", Action s3:*, Resource the bucket and
 * bucket/*, and Condition {"Bool": {"aws:SecureTransport": "false"}}.
 *
 * Decisions, each following from how IAM evaluates a Deny:
 * - Conditions in a statement are ANDed, so a Deny that carries any further condition (a VPC
 *   endpoint, a source IP, a principal tag...) only denies HTTP for the requests matching all of
 *   them: it does not make the bucket TLS-only and is not counted.
 * - `BoolIfExists` is accepted like `Bool`: S3 always sets aws:SecureTransport, so the two match the
 *   same requests. The value may be the boolean false or the string "false" (any case), alone or
 *   as the only element of an array.
 * - `NumericLessThan s3:TlsVersion` is NOT accepted: a plain-HTTP request has no TLS version, the
 *   key is absent, the numeric operator does not match, and the Deny does not apply. It raises the
 *   minimum TLS version of HTTPS requests; it does not refuse HTTP.
 * - The Deny must cover every S3 action (`*`, `s3:*` or an equivalent wildcard) on both the bucket
 *   ARN and every object (`bucket/*`). Several statements may share the work (one for the bucket,
 *   one for the objects). A Deny that only names some actions (GetObject/PutObject) or only the
 *   objects leaves other requests possible over HTTP and fails, with the gap named.
 * - NotPrincipal / NotAction / NotResource statements are not counted: they deny "everything
 *   except", which this reader does not try to prove complete.
 */
import type { PolicyDocument } from '../model/inventory.js';
import { compileMatcher, encodeWildcards } from '../iam/wildcard.js';

export interface TlsOnlyVerdict {
  /** True when HTTP is denied for every S3 action on the bucket and all its objects. */
  tlsOnly: boolean;
  /** Statements (index, Sid) that deny non-TLS requests, fully or partly. */
  denyStatements: { index: number; sid?: string; covers: { bucket: boolean; objects: boolean; allActions: boolean } }[];
  /** Why a SecureTransport deny was not counted, per statement. */
  ignored: { index: number; sid?: string; why: string }[];
  /** Malformed policy input, named by field. */
  errors: string[];
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    const aws = (principal as Record<string, unknown>).AWS;
    return asList(aws).some((p) => p === '*');
  }
  return false;
}

/** A probe that no literal action name or resource path uses, to test "covers everything after". */
const PROBE = '\u0001kenro-probe';

function coversAllS3Actions(patterns: string[]): boolean {
  return patterns.some((p) => {
    const m = compileMatcher(encodeWildcards(p), 'plain-ci');
    return m('s3:') && m(`s3:${PROBE}`);
  });
}

function resourceMatchers(patterns: string[]): ((s: string) => boolean)[] {
  return patterns.map((p) => compileMatcher(encodeWildcards(p), 'arn'));
}

/** The condition block is exactly one SecureTransport=false test (Bool or BoolIfExists). */
function secureTransportOnly(condition: unknown): { ok: true } | { ok: false; why: string } | undefined {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return undefined;
  const ops = Object.entries(condition as Record<string, unknown>);
  let found = false;
  let other = false;
  for (const [op, block] of ops) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      other = true;
      continue;
    }
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (key.toLowerCase() === 'aws:securetransport') {
        const vals = asList(value);
        const isFalse = vals.length === 1 && (vals[0] === false || (typeof vals[0] === 'string' && vals[0].toLowerCase() === 'false'));
        if ((op === 'Bool' || op === 'BoolIfExists') && isFalse) found = true;
        else other = true;
      } else other = true;
    }
  }
  if (!found) return undefined;
  if (other) return { ok: false, why: 'the SecureTransport deny carries further conditions, so it denies HTTP only for some requests' };
  return { ok: true };
}

/** Reads a bucket policy: is every non-TLS request to the bucket and its objects denied? */
export function readTlsOnly(policy: PolicyDocument, bucketArn: string): TlsOnlyVerdict {
  const verdict: TlsOnlyVerdict = { tlsOnly: false, denyStatements: [], ignored: [], errors: [] };
  const statements = asList(policy.Statement);
  if (policy.Statement === undefined) verdict.errors.push('bucket policy has no Statement');
  const objectArnPrefix = `${bucketArn}/`;
  let bucket = false;
  let objects = false;
  statements.forEach((raw, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      verdict.errors.push(`Statement[${index}] is not an object`);
      return;
    }
    const st = raw as Record<string, unknown>;
    const sid = typeof st.Sid === 'string' ? st.Sid : undefined;
    if (st.Effect !== 'Deny') return;
    const cond = secureTransportOnly(st.Condition);
    if (!cond) return;
    if (!cond.ok) return void verdict.ignored.push({ index, sid, why: cond.why });
    if (st.NotPrincipal !== undefined || st.NotAction !== undefined || st.NotResource !== undefined) {
      return void verdict.ignored.push({ index, sid, why: 'uses NotPrincipal/NotAction/NotResource' });
    }
    if (!isEveryone(st.Principal)) return void verdict.ignored.push({ index, sid, why: 'Principal is not "*" (applies to some callers only)' });
    const actions = asList(st.Action).filter((a): a is string => typeof a === 'string');
    const resources = asList(st.Resource).filter((r): r is string => typeof r === 'string');
    const matchers = resourceMatchers(resources);
    const coversBucket = matchers.some((m) => m(bucketArn));
    const coversObjects = matchers.some((m) => m(objectArnPrefix) && m(objectArnPrefix + PROBE));
    const allActions = coversAllS3Actions(actions);
    if (!coversBucket && !coversObjects) return void verdict.ignored.push({ index, sid, why: 'Resource does not cover this bucket' });
    verdict.denyStatements.push({ index, sid, covers: { bucket: coversBucket, objects: coversObjects, allActions } });
    if (allActions && coversBucket) bucket = true;
    if (allActions && coversObjects) objects = true;
  });
  verdict.tlsOnly = bucket && objects;
  return verdict;
}

/** One line explaining a verdict that is not TLS-only. */
export function describeTlsGap(v: TlsOnlyVerdict): string {
  if (v.denyStatements.length === 0) {
    if (v.ignored.length > 0) return `no statement denies all non-TLS requests: ${v.ignored[0]!.why}`;
    return 'no statement denies requests where aws:SecureTransport is false';
  }
  const partialActions = v.denyStatements.some((d) => !d.covers.allActions);
  const bucket = v.denyStatements.some((d) => d.covers.bucket && d.covers.allActions);
  const objects = v.denyStatements.some((d) => d.covers.objects && d.covers.allActions);
  if (partialActions && !(bucket && objects)) return 'the SecureTransport deny names only some S3 actions; others are still allowed over HTTP';
  if (!bucket) return 'the SecureTransport deny covers only the objects, not the bucket itself (bucket-level requests are allowed over HTTP)';
  return 'the SecureTransport deny covers only the bucket, not its objects (object requests are allowed over HTTP)';
}

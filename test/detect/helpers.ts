import { loadRuleText, type Rule } from '../../src/detect/sigma/rule.js';
import { DetectionEngine, type EngineLimits, DEFAULT_LIMITS } from '../../src/detect/engine.js';
import type { Alert } from '../../src/detect/alert.js';
import type { CloudTrailEvent } from '../../src/detect/types.js';

let n = 0;
/** A realistic CloudTrail record; override any top-level field. */
export function ev(over: Record<string, unknown> = {}): CloudTrailEvent {
  n++;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE1',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLE',
      userName: 'alice',
    },
    eventTime: '2026-01-01T00:00:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `evt-${n}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...over,
  };
}

export const ROOT = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' };
export const ROLE = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:session',
  arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/session-1',
  accountId: '111122223333',
  sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: 'arn:aws:iam::111122223333:role/Deploy', accountId: '111122223333', userName: 'Deploy' } },
};

/** Compile a single-document rule from YAML text; throws with the load issue when it does not load. */
export function rule(yaml: string): Rule {
  const r = loadRuleText(yaml, 'inline.yml', 'sigma');
  if (r.issues.length) throw new Error(r.issues.map((i) => i.message).join('; '));
  if (r.rules.length !== 1) throw new Error(`expected one rule, got ${r.rules.length}`);
  return r.rules[0] as Rule;
}

/** Detection YAML around a `detection:` body (indented by 4). */
export function det(body: string): string {
  return `title: t\nid: 00000000-0000-0000-0000-000000000001\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n${body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\nlevel: medium\n`;
}

/** Does the detection fire on the event? */
export function fires(detectionBody: string, e: CloudTrailEvent): boolean {
  const r = rule(det(detectionBody));
  if (r.kind !== 'detection') throw new Error('not a detection');
  return r.match(e);
}

export function runEngine(rules: Rule[], events: CloudTrailEvent[], limits: EngineLimits = DEFAULT_LIMITS): { alerts: Alert[]; engine: DetectionEngine } {
  const alerts: Alert[] = [];
  const engine = new DetectionEngine(rules, (a) => alerts.push(a), limits);
  for (const e of events) engine.process(e, { source: 'test', line: 1 });
  return { alerts, engine };
}

/** ISO time `minutes` after 2026-01-01T00:00:00Z. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

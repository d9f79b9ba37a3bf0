import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { covers, FilterPatternError, parseFilterPattern, toDnf, valueSubsumed } from '../../src/checks/filter-pattern.js';
import { MONITORING_CONTROLS } from '../../src/checks/cis-monitoring-controls.js';
import { patternSatisfies } from '../../src/checks/monitoring.js';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';

const control = (id: string) => MONITORING_CONTROLS.find((c) => c.id === id)!;

describe('parseFilterPattern', () => {
  it('parses comparisons, unary operators, quoting and bare values with spaces', () => {
    const e = parseFilterPattern('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && ($.errorMessage = Failed authentication) }');
    expect(e).toEqual({
      kind: 'and',
      items: [
        { kind: 'atom', field: '$.userIdentity.type', op: '=', value: 'Root' },
        { kind: 'atom', field: '$.userIdentity.invokedBy', op: 'NOT EXISTS' },
        { kind: 'atom', field: '$.errorMessage', op: '=', value: 'Failed authentication' },
      ],
    });
  });

  it('parses array selectors, numeric comparisons and IS operators', () => {
    expect(toDnf(parseFilterPattern('{ $.resources[0].ARN = "arn:aws:s3:::b" && $.latency >= 10 && $.flag IS TRUE && $.x IS NULL }'))[0]!.map((a) => a.op)).toEqual(['=', '>=', 'IS TRUE', 'IS NULL']);
  });

  it('gives && precedence over ||', () => {
    const dnf = toDnf(parseFilterPattern('{ ($.a = 1) || ($.b = 2) && ($.c = 3) }'));
    expect(dnf.map((c) => c.map((a) => a.field))).toEqual([['$.a'], ['$.b', '$.c']]);
  });

  it('rejects malformed patterns with a position', () => {
    expect(() => parseFilterPattern('($.a = 1)')).toThrow(FilterPatternError);
    expect(() => parseFilterPattern('{ ($.a = 1 }')).toThrow(/expected \)/);
    expect(() => parseFilterPattern('{ $.a = "x }')).toThrow(/unterminated/);
    expect(() => parseFilterPattern('{ eventName = x }')).toThrow(/selector/);
  });
});

describe('valueSubsumed', () => {
  it('handles wildcards', () => {
    expect(valueSubsumed('AccessDenied', 'AccessDenied*')).toBe(true);
    expect(valueSubsumed('AccessDeniedException', 'Access*')).toBe(true);
    expect(valueSubsumed('AccessDenied*', 'Access*')).toBe(true);
    expect(valueSubsumed('Access*', 'AccessDenied*')).toBe(false);
    expect(valueSubsumed('x', 'y')).toBe(false);
  });
});

describe('covers', () => {
  it('is false when a reference alternative is missing', () => {
    const ref = toDnf(parseFilterPattern('{ ($.eventName = A) || ($.eventName = B) }'));
    const cand = toDnf(parseFilterPattern('{ $.eventName = A }'));
    expect(covers(ref, cand).covered).toBe(false);
    expect(covers(ref, toDnf(parseFilterPattern('{ ($.eventName = B) || ($.eventName = A) || ($.eventName = C) }'))).covered).toBe(true);
  });
});

describe('patternSatisfies: rewritten variants of the CIS patterns', () => {
  it('accepts the reference pattern of every control', () => {
    for (const c of MONITORING_CONTROLS) expect(patternSatisfies(c, c.pattern).ok, c.id).toBe(true);
  });

  it('accepts reordering, re-spacing, quoting and redundant parentheses', () => {
    const c = control('cloudwatch_alarm_cloudtrail_changes');
    expect(patternSatisfies(c, '{(($.eventName="StopLogging"))||($.eventName=DeleteTrail)||($.eventName = "UpdateTrail")||($.eventName=StartLogging)||($.eventName=CreateTrail)}').ok).toBe(true);
    const mfa = control('cloudwatch_alarm_console_signin_without_mfa');
    expect(patternSatisfies(mfa, '{ ($.additionalEventData.MFAUsed != "Yes") && ($.eventName = "ConsoleLogin") }').ok).toBe(true);
  });

  it('accepts an extra eventSource term for events that only come from that service', () => {
    const sg = control('cloudwatch_alarm_security_group_changes');
    const names = ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules'];
    const p = `{ ($.eventSource = ec2.amazonaws.com) && (${names.map((n) => `($.eventName = ${n})`).join(' || ')}) }`;
    expect(patternSatisfies(sg, p).ok).toBe(true);
    // ...but not an event source of another service.
    expect(patternSatisfies(sg, p.replace('ec2.amazonaws.com', 's3.amazonaws.com')).ok).toBe(false);
  });

  it('accepts a broader pattern (matches more events)', () => {
    const c = control('cloudwatch_alarm_unauthorized_api_calls');
    expect(patternSatisfies(c, '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }').ok).toBe(true);
    expect(patternSatisfies(c, '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "Access*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") }').ok).toBe(true);
  });

  it('rejects a narrower pattern or a missing event', () => {
    const c = control('cloudwatch_alarm_unauthorized_api_calls');
    expect(patternSatisfies(c, '{ ($.errorCode = "*UnauthorizedOperation") }').ok).toBe(false);
    expect(patternSatisfies(c, '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.awsRegion = "us-east-1") }').ok).toBe(false);
    const sg = control('cloudwatch_alarm_security_group_changes');
    expect(patternSatisfies(sg, '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }').ok).toBe(false);
    const mfa = control('cloudwatch_alarm_console_signin_without_mfa');
    expect(patternSatisfies(mfa, '{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.type = Root) }').ok).toBe(false);
    const root = control('cloudwatch_alarm_root_usage');
    expect(patternSatisfies(root, '{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent && $.eventName = ConsoleLogin }').ok).toBe(false);
  });

  it('reports an unparseable pattern as not satisfying, with the reason', () => {
    const r = patternSatisfies(control('cloudwatch_alarm_root_usage'), '{ $.userIdentity.type = Root &&');
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/not understood/);
  });
});

describe.skipIf(sharedDataMissing('cis-aws-monitoring'))('CIS patterns of every benchmark version (shared data)', () => {
  const file = join(sharedDataDir('cis-aws-monitoring') ?? '', 'cis_monitoring_metric_filters.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { versions: Record<string, { id: string; title: string; filterPattern: string }[]> };
  /** Control number within the monitoring section -> kenro check (same order in every version). */
  const byNumber = (id: string) => MONITORING_CONTROLS[Number(id.split('.')[1]) - 1]!;

  it('parses every pattern of every version', () => {
    let n = 0;
    for (const list of Object.values(data.versions)) {
      for (const c of list) {
        expect(() => toDnf(parseFilterPattern(c.filterPattern)), `${c.id} ${c.filterPattern}`).not.toThrow();
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(100);
  });

  it('kenro\'s reference patterns are equivalent (both ways) to the v5.0, v6.0 and v7.0 texts', () => {
    for (const v of ['5.0', '6.0', '7.0']) {
      for (const c of data.versions[v]!) {
        const mine = byNumber(c.id);
        const theirs = toDnf(parseFilterPattern(c.filterPattern));
        const ours = toDnf(parseFilterPattern(mine.pattern));
        expect(covers(theirs, ours).covered, `${v} ${c.id} vs ${mine.id}`).toBe(true);
        expect(covers(ours, theirs).covered, `${v} ${c.id} vs ${mine.id}`).toBe(true);
      }
    }
  });

  it('v4.0 patterns satisfy every control except the one v5.0 widened (security groups)', () => {
    for (const c of data.versions['4.0']!) {
      const mine = byNumber(c.id);
      expect(patternSatisfies(mine, c.filterPattern).ok, `${c.id}`).toBe(mine.id !== 'cloudwatch_alarm_security_group_changes');
    }
  });

  it('the v3.0 unauthorized-calls pattern (|| everywhere) matches nearly everything, so it covers the current one', () => {
    const v3 = data.versions['3.0']!.find((c) => c.id === '4.1')!;
    expect(patternSatisfies(control('cloudwatch_alarm_unauthorized_api_calls'), v3.filterPattern).ok).toBe(true);
  });
});

describe('alternatives the benchmark offers', () => {
  const control = MONITORING_CONTROLS.find((c) => c.id === 'cloudwatch_alarm_console_signin_without_mfa')!;

  it('accepts the CIS variant for SSO organisations (IAM users, successful sign-ins), however written', () => {
    expect(patternSatisfies(control, '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }').ok).toBe(true);
    expect(patternSatisfies(control, '{$.responseElements.ConsoleLogin=Success && $.userIdentity.type=IAMUser && $.additionalEventData.MFAUsed!=Yes && $.eventName=ConsoleLogin}').ok).toBe(true);
  });

  it('still rejects narrowings the benchmark does not offer', () => {
    expect(patternSatisfies(control, '{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.userName = alice) }').ok).toBe(false);
    expect(patternSatisfies(control, '{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.responseElements.ConsoleLogin = Failure) }').ok).toBe(false);
  });

  it('accepts filters broader than the alternative (they alarm on every event it would)', () => {
    expect(patternSatisfies(control, '{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.type = IAMUser) }').ok).toBe(true);
    expect(patternSatisfies(control, '{ ($.eventName = ConsoleLogin) && ($.userIdentity.type = IAMUser) && ($.responseElements.ConsoleLogin = Success) }').ok).toBe(true);
  });
});

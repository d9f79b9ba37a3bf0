import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/report/common.js';
import { FORMAT_IDS, FORMATS } from '../../src/report/index.js';
import { liveReport, SECRETS } from './fixtures.js';

describe('secrets in evidence', () => {
  it.each(FORMAT_IDS)('%s output carries no secret a check saw', (id) => {
    const out = FORMATS[id].render(liveReport(), { color: false });
    for (const s of SECRETS) expect(out).not.toContain(s);
  });

  it('redacts secret-looking keys, Name/Value pairs and PEM private keys; keeps metadata', () => {
    const red = redactSecrets({
      env: { DB_PASSWORD: 'p', LOG_LEVEL: 'debug', secretAccessKey: 'k', token: 't' },
      params: [{ ParameterKey: 'AdminPassword', ParameterValue: 'p' }, { Name: 'Region', Value: 'eu-west-1' }],
      passwordLastUsed: '2026-01-01',
      passwordEnabled: true,
      secretArn: 'arn:aws:secretsmanager:x',
      minimumPasswordLength: 14,
      pem: 'a\n-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\nb',
    }) as Record<string, any>;
    expect(red.env).toEqual({ DB_PASSWORD: REDACTED, LOG_LEVEL: 'debug', secretAccessKey: REDACTED, token: REDACTED });
    expect(red.params).toEqual([
      { ParameterKey: 'AdminPassword', ParameterValue: REDACTED },
      { Name: 'Region', Value: 'eu-west-1' },
    ]);
    expect(red.passwordLastUsed).toBe('2026-01-01');
    expect(red.passwordEnabled).toBe(true);
    expect(red.secretArn).toBe('arn:aws:secretsmanager:x');
    expect(red.minimumPasswordLength).toBe(14);
    expect(red.pem).toBe(`a\n${REDACTED}\nb`);
  });
});

import type { Check } from './types.js';
import { accountRef, fail, pass } from './helpers.js';
import { perRegion } from './regional.js';

/** Analyzer types that find external access (unused-access analyzers do not). */
const EXTERNAL_ACCESS_TYPES = ['ACCOUNT', 'ORGANIZATION'];

const enabled: Check = {
  meta: {
    id: 'accessanalyzer_enabled_all_regions',
    title: 'IAM Access Analyzer (external access) is active in every region',
    severity: 'medium',
    service: 'accessanalyzer',
    resourceType: 'AWS::::Account',
    description:
      'Each scanned region should have an ACTIVE external-access analyzer (type ACCOUNT or ORGANIZATION). ' +
      'Unused-access analyzers do not count: they do not report resources shared outside the zone of trust.',
    risk: 'Resources shared with other accounts or the public in an unwatched region go unnoticed.',
    remediation: {
      cli: 'aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region REGION',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
    },
  },
  run(account) {
    return perRegion(account, (r) => r.accessanalyzer.analyzers, 'IAM Access Analyzer analyzers (access-analyzer:ListAnalyzers)', (analyzers, region) => {
      const ref = accountRef(account, region);
      const active = analyzers.find((a) => a.status === 'ACTIVE' && EXTERNAL_ACCESS_TYPES.includes(a.type));
      if (active) return pass(ref, `analyzer ${active.name} (${active.type}) is active`, { analyzer: active.arn });
      return analyzers.length > 0
        ? fail(ref, 'no active external-access analyzer', { analyzers: analyzers.map((a) => ({ name: a.name, type: a.type, status: a.status })) })
        : fail(ref, 'no Access Analyzer analyzer exists in this region');
    });
  },
};

export const checks: Check[] = [enabled];

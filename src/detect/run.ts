import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Alert } from './alert.js';
import { DEFAULT_LIMITS, DetectionEngine, type EngineLimits } from './engine.js';
import { readSources } from './readers.js';
import type { Rule, RuleIssue } from './sigma/rule.js';
import { timeFilter } from './time.js';
import type { ReadIssue } from './types.js';

export interface DetectOptions {
  rules: Rule[];
  since?: Date;
  until?: Date;
  region?: string;
  profile?: string;
  s3?: S3Client;
  cloudtrail?: CloudTrailClient;
  limits?: EngineLimits;
  onAlert?: (a: Alert) => void;
  /** Keep alerts in the result (default true). Streaming callers pass false and use onAlert. */
  collect?: boolean;
  onIssue?: (i: ReadIssue) => void;
}

export interface DetectResult {
  alerts: Alert[];
  readIssues: ReadIssue[];
  ruleIssues: RuleIssue[];
  events: number;
  eventsInRange: number;
  bytes: number;
  correlationState: Array<{ ruleId: string; groups: number; evicted: number }>;
}

/** Read the sources through the engine; alerts are collected and also passed to onAlert as they come. */
export async function detect(sources: string[], o: DetectOptions): Promise<DetectResult> {
  const alerts: Alert[] = [];
  const readIssues: ReadIssue[] = [];
  const engine = new DetectionEngine(
    o.rules,
    o.collect === false
      ? (a) => o.onAlert?.(a)
      : (a) => {
          alerts.push(a);
          o.onAlert?.(a);
        },
    o.limits ?? DEFAULT_LIMITS,
  );
  const inRange = timeFilter(o.since, o.until);
  let events = 0;
  let bytes = 0;
  await readSources(sources, {
    onEvent: inRange
      ? (e, origin) => {
          events++;
          if (inRange(e.eventTime)) engine.process(e, origin);
        }
      : (e, origin) => {
          events++;
          engine.process(e, origin);
        },
    onIssue: (i) => {
      readIssues.push(i);
      o.onIssue?.(i);
    },
    onBytes: (n) => (bytes += n),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    ...(o.s3 ? { s3: o.s3 } : {}),
    ...(o.cloudtrail ? { cloudtrail: o.cloudtrail } : {}),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
  });
  return { alerts, readIssues, ruleIssues: engine.issues, events, eventsInRange: engine.stats.events, bytes, correlationState: engine.correlationState() };
}

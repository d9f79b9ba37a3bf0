import pc from 'picocolors';
import { KENRO_VERSION } from '../version.js';
import type { Alert } from './alert.js';
import type { DetectResult } from './run.js';
import type { Severity } from './types.js';
import { SEVERITIES } from './types.js';
import type { EventOrigin } from './types.js';

export type Format = 'text' | 'json' | 'ocsf' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'ocsf', 'sarif'];

function where(o: EventOrigin): string {
  return `${o.source}${o.line !== undefined ? `:${o.line}` : ''}${o.record !== undefined ? ` record ${o.record}` : ''}`;
}

function sevColor(s: Severity): (x: string) => string {
  return s === 'critical' || s === 'high' ? pc.red : s === 'medium' ? pc.yellow : s === 'low' ? pc.cyan : pc.dim;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** The description as one line: its first sentences, up to about 240 characters. */
function summary(d: string): string {
  const one = d.replace(/\s+/g, ' ').trim();
  if (one.length <= 240) return one;
  const cut = one.lastIndexOf('. ', 240);
  return cut > 60 ? one.slice(0, cut + 1) : `${one.slice(0, 237)}...`;
}

export function credit(a: Alert): string | undefined {
  if (!a.author) return undefined;
  return a.origin === 'sigma' ? `Sigma rule by ${a.author} (${a.license ?? 'DRL-1.1'})` : `rule by ${a.author}`;
}

function textAlert(a: Alert): string {
  const out: string[] = [];
  {
    const c = sevColor(a.severity);
    out.push(`${c(a.severity.toUpperCase().padEnd(8))} ${pc.bold(a.title)}  ${pc.dim(a.ruleId)}`);
    out.push(`  ${[a.time, a.eventName, a.principal && `by ${a.principal}`, a.sourceIPAddress && `from ${a.sourceIPAddress}`, a.region, a.accountId && `account ${a.accountId}`].filter(Boolean).join('  ')}`);
    out.push(`  why: ${a.reason}`);
    const ev = Object.entries(a.evidence)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}=${short(v)}`);
    if (ev.length) out.push(`  evidence: ${ev.join('; ')}`);
    const attack = [...a.mitre.tactics, ...a.mitre.techniques];
    if (attack.length) out.push(`  ATT&CK: ${attack.join(' ')}`);
    if (a.description) out.push(`  about: ${summary(a.description)}`);
    const cr = credit(a);
    if (cr) out.push(`  ${cr}`);
    if (a.locations.length) out.push(`  at: ${a.locations.map(where).join(', ')}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function textEnd(r: RunSummary): string {
  const out: string[] = [];
  for (const i of r.readIssues) out.push(pc.yellow(`input: ${where(i)}: ${i.message}`));
  for (const i of r.ruleIssues) out.push(pc.yellow(`rule not loaded: ${i.file}${i.title ? ` (${i.title})` : ''}: ${i.message}`));
  const bySev = SEVERITIES.map((s) => [s, r.bySeverity[s] ?? 0] as const).filter(([, n]) => n);
  out.push(
    `${r.events} events read (${r.eventsInRange} in range), ${r.alertCount} alert(s)${bySev.length ? `: ${bySev.map(([s, n]) => `${n} ${s}`).join(', ')}` : ''}` +
      `${r.readIssues.length ? `, ${r.readIssues.length} input problem(s)` : ''}`,
  );
  return `${out.join('\n')}\n`;
}


const OCSF_SEV: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };

/** OCSF 1.x Detection Finding (class_uid 2004), one per alert. */
export function toOcsf(a: Alert): Record<string, unknown> {
  const t = a.time ? Date.parse(a.time) : Date.now();
  const first = a.correlation?.firstTime ? Date.parse(a.correlation.firstTime) : t;
  return {
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: OCSF_SEV[a.severity],
    severity: a.severity[0]?.toUpperCase() + a.severity.slice(1),
    status_id: 1,
    status: 'New',
    time: t,
    message: a.reason,
    metadata: { version: '1.3.0', product: { name: 'kenro', vendor_name: 'kenro', version: KENRO_VERSION }, ...(a.eventIds[0] ? { correlation_uid: a.eventIds[0] } : {}) },
    finding_info: {
      uid: `${a.ruleUuid}:${a.eventIds.join(',') || a.time || ''}`,
      title: a.title,
      ...(a.description ? { desc: a.description } : {}),
      types: [a.correlation ? 'Correlation' : 'Detection'],
      first_seen_time: first,
      last_seen_time: t,
      analytic: { uid: a.ruleUuid, name: a.ruleId, type_id: a.correlation ? 5 : 1, type: a.correlation ? 'Correlation' : 'Rule', ...(credit(a) ? { desc: credit(a) } : {}) },
      attacks: a.mitre.techniques.map((tech) => ({ technique: { uid: tech }, ...(a.mitre.tactics[0] ? { tactic: { name: a.mitre.tactics[0] } } : {}) })),
      related_events: a.eventIds.map((uid) => ({ uid, product_uid: 'aws-cloudtrail' })),
    },
    cloud: { provider: 'AWS', ...(a.region ? { region: a.region } : {}), ...(a.accountId ? { account: { uid: a.accountId, type: 'AWS Account' } } : {}) },
    ...(a.principal ? { actor: { user: { uid: a.principal, name: a.principal } } } : {}),
    ...(a.sourceIPAddress ? { src_endpoint: { ip: a.sourceIPAddress } } : {}),
    ...(a.eventName ? { api: { operation: a.eventName, ...(a.eventSource ? { service: { name: a.eventSource } } : {}) } } : {}),
    evidences: a.events.map((data) => ({ data })),
    unmapped: { rule_author: a.author, rule_license: a.license, evidence: a.evidence, locations: a.locations, correlation: a.correlation },
  };
}


function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** What a run leaves to report once its alerts are written. */
export type RunSummary = Omit<DetectResult, 'alerts'> & { alertCount: number; bySeverity: Partial<Record<Severity, number>> };

/** Writes alerts as they come, so that a run of any size keeps flat memory; `end` closes the document. */
export interface AlertWriter {
  alert(a: Alert): void;
  end(r: RunSummary): void;
}

function sarifRule(a: Alert): Record<string, unknown> {
  return {
    id: a.ruleId,
    name: a.title,
    shortDescription: { text: a.title },
    ...(a.description ? { fullDescription: { text: a.description } } : {}),
    ...(a.references[0] ? { helpUri: a.references[0] } : {}),
    defaultConfiguration: { level: level(a.severity) },
    properties: { tags: a.tags, severity: a.severity, ...(a.author ? { author: a.author } : {}), ...(a.license ? { license: a.license } : {}), uuid: a.ruleUuid },
  };
}

function sarifResult(a: Alert, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: a.ruleId,
    ruleIndex,
    level: level(a.severity),
    message: { text: `${a.title}: ${a.reason}${credit(a) ? ` (${credit(a)})` : ''}` },
    locations: a.locations.map((o) => ({
      physicalLocation: { artifactLocation: { uri: o.source }, ...(o.line !== undefined ? { region: { startLine: o.line } } : {}) },
    })),
    partialFingerprints: { 'kenro/event': `${a.ruleUuid}:${a.eventIds.join(',')}` },
    properties: { principal: a.principal, sourceIPAddress: a.sourceIPAddress, region: a.region, accountId: a.accountId, time: a.time, eventName: a.eventName, evidence: a.evidence, mitre: a.mitre, correlation: a.correlation, author: a.author },
  };
}

export function createWriter(format: Format, write: (s: string) => void): AlertWriter {
  let n = 0;
  switch (format) {
    case 'text':
      return { alert: (a) => write(textAlert(a)), end: (r) => write(textEnd(r)) };
    case 'json':
      write(`{"kenro":${JSON.stringify(KENRO_VERSION)},"alerts":[`);
      return {
        alert: (a) => write(`${n++ ? ',' : ''}\n${JSON.stringify(a)}`),
        end: (r) =>
          write(
            `\n],\n"summary":${JSON.stringify({ events: r.events, eventsInRange: r.eventsInRange, alerts: r.alertCount, bySeverity: r.bySeverity, bytes: r.bytes })},\n` +
              `"inputProblems":${JSON.stringify(r.readIssues)},\n"rulesNotLoaded":${JSON.stringify(r.ruleIssues)},\n"correlationState":${JSON.stringify(r.correlationState)}}\n`,
          ),
      };
    case 'ocsf':
      write('[');
      return { alert: (a) => write(`${n++ ? ',' : ''}\n${JSON.stringify(toOcsf(a))}`), end: () => write('\n]\n') };
    case 'sarif': {
      const index = new Map<string, number>();
      const rules: Array<Record<string, unknown>> = [];
      write('{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[');
      return {
        alert: (a) => {
          let i = index.get(a.ruleId);
          if (i === undefined) {
            i = rules.length;
            index.set(a.ruleId, i);
            rules.push(sarifRule(a));
          }
          write(`${n++ ? ',' : ''}\n${JSON.stringify(sarifResult(a, i))}`);
        },
        end: () => write(`\n],\n"tool":${JSON.stringify({ driver: { name: 'kenro', version: KENRO_VERSION, informationUri: 'https://github.com/kenro', rules } })}}]}\n`),
      };
    }
  }
}

export function summarize(r: DetectResult): RunSummary {
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const a of r.alerts) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
  const { alerts, ...rest } = r;
  return { ...rest, alertCount: alerts.length, bySeverity };
}

/** Render a finished result (collected alerts) in one format. */
export function render(format: Format, r: DetectResult): string {
  const parts: string[] = [];
  const w = createWriter(format, (s) => parts.push(s));
  for (const a of r.alerts) w.alert(a);
  w.end(summarize(r));
  return parts.join('');
}

export const renderText = (r: DetectResult): string => render('text', r);

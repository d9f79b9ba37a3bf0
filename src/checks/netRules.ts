/**
 * Reading security-group and network-ACL rules: which protocol, which ports, which sources.
 * Shared by the EC2 checks so that "does this rule open port 22 to the internet" is decided once.
 */
import type { IpPermission, NetworkAclEntry } from '../model/inventory.js';

export type L4 = 'tcp' | 'udp';
export type Family = 'ipv4' | 'ipv6';

/** Protocol of a rule, normalised: `all`, `tcp`, `udp`, or `other` (ICMP, GRE, ...). */
export function ruleProtocol(p: string): 'all' | L4 | 'other' {
  const s = p.trim().toLowerCase();
  if (s === '-1' || s === 'all') return 'all';
  if (s === 'tcp' || s === '6') return 'tcp';
  if (s === 'udp' || s === '17') return 'udp';
  return 'other';
}

/** A CIDR block that is the whole address space of its family (`0.0.0.0/0`, `::/0`). */
export function isWholeSpace(cidr: string | undefined, family: Family): boolean {
  if (!cidr) return false;
  const s = cidr.trim();
  const slash = s.lastIndexOf('/');
  if (slash < 0 || s.slice(slash + 1) !== '0') return false;
  const addr = s.slice(0, slash);
  return family === 'ipv6' ? addr.includes(':') : /^\d{1,3}(\.\d{1,3}){3}$/.test(addr);
}

/** Port range of a rule; undefined or -1 bounds mean every port. */
function portRange(from: number | undefined, to: number | undefined): [number, number] {
  const lo = from === undefined || from < 0 ? 0 : from;
  const hi = to === undefined || to < 0 ? 65535 : to;
  return [lo, hi];
}

/** Whether a security-group permission admits `proto` traffic to `port` (protocol -1 admits all). */
export function permissionCoversPort(p: IpPermission, port: number, protos: readonly L4[]): boolean {
  const proto = ruleProtocol(p.ipProtocol);
  if (proto === 'all') return true;
  if (proto === 'other' || !protos.includes(proto)) return false;
  const [lo, hi] = portRange(p.fromPort, p.toPort);
  return lo <= port && port <= hi;
}

/** Address families for which the permission admits the whole internet. */
export function openFamilies(p: IpPermission): Family[] {
  const out: Family[] = [];
  if (p.ipv4Ranges.some((c) => isWholeSpace(c, 'ipv4'))) out.push('ipv4');
  if (p.ipv6Ranges.some((c) => isWholeSpace(c, 'ipv6'))) out.push('ipv6');
  return out;
}

/** One ingress rule that exposes a port to the internet, as evidence. */
export interface ExposedRule {
  /** Position of the permission in the group's ingress list. */
  index: number;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  source: string;
  ports: number[];
}

const SOURCE: Record<Family, string> = { ipv4: '0.0.0.0/0', ipv6: '::/0' };

/**
 * Ingress permissions that open any of `ports` (for `protos`) to the whole internet of the given
 * families. Protocol -1 and port ranges such as 0-65535 count: they cover the port.
 */
export function exposedIngress(
  ingress: readonly IpPermission[],
  ports: readonly number[],
  families: readonly Family[],
  protos: readonly L4[] = ['tcp'],
): ExposedRule[] {
  const out: ExposedRule[] = [];
  ingress.forEach((p, index) => {
    const fams = openFamilies(p).filter((f) => families.includes(f));
    if (fams.length === 0) return;
    const hit = ports.filter((port) => permissionCoversPort(p, port, protos));
    if (hit.length === 0) return;
    for (const f of fams) out.push({ index, ipProtocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort, source: SOURCE[f], ports: hit });
  });
  return out;
}

/**
 * Internet-open ingress permissions that admit anything beyond the authorised TCP/UDP ports
 * (FSBP EC2.18). ICMP and other non-TCP/UDP protocols are outside the control's scope.
 */
export function unauthorizedOpenIngress(
  ingress: readonly IpPermission[],
  authorized: { tcp: readonly number[]; udp: readonly number[] },
): { index: number; ipProtocol: string; fromPort?: number; toPort?: number; source: string }[] {
  const out: { index: number; ipProtocol: string; fromPort?: number; toPort?: number; source: string }[] = [];
  ingress.forEach((p, index) => {
    const fams = openFamilies(p);
    if (fams.length === 0) return;
    const proto = ruleProtocol(p.ipProtocol);
    if (proto === 'other') return;
    let bad: boolean;
    if (proto === 'all') bad = true;
    else {
      const [lo, hi] = portRange(p.fromPort, p.toPort);
      const allowed = new Set(authorized[proto]);
      bad = !rangeWithin(lo, hi, allowed);
    }
    if (bad) for (const f of fams) out.push({ index, ipProtocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort, source: SOURCE[f] });
  });
  return out;
}

function rangeWithin(lo: number, hi: number, allowed: Set<number>): boolean {
  if (hi - lo + 1 > allowed.size) return false;
  for (let port = lo; port <= hi; port++) if (!allowed.has(port)) return false;
  return true;
}

/** The deciding NACL entry for internet traffic of one family/protocol/port, per AWS's first-match order. */
export interface NaclDecision {
  port: number;
  protocol: L4;
  family: Family;
  action: 'allow' | 'deny';
  ruleNumber: number;
}

/**
 * Network ACL rules are evaluated in ascending rule-number order and the first rule that matches
 * the packet decides. For "traffic from any internet address", a rule matches only if its CIDR is
 * the whole family space (a narrower rule never decides for an arbitrary source). Returns the
 * decisions that allow the port; a lower-numbered deny for /0 closes it. With no matching rule the
 * implicit `*` rule denies.
 */
export function naclOpenings(
  entries: readonly NetworkAclEntry[],
  ports: readonly number[],
  families: readonly Family[],
  protos: readonly L4[] = ['tcp', 'udp'],
): NaclDecision[] {
  const ingress = entries.filter((e) => !e.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const out: NaclDecision[] = [];
  for (const family of families) {
    for (const protocol of protos) {
      for (const port of ports) {
        for (const e of ingress) {
          const cidr = family === 'ipv4' ? e.cidrBlock : e.ipv6CidrBlock;
          if (!isWholeSpace(cidr, family)) continue;
          const proto = ruleProtocol(e.protocol);
          if (proto !== 'all' && proto !== protocol) continue;
          if (proto !== 'all') {
            const [lo, hi] = portRange(e.portRange?.from, e.portRange?.to);
            if (port < lo || port > hi) continue;
          }
          if (e.ruleAction === 'allow') out.push({ port, protocol, family, action: 'allow', ruleNumber: e.ruleNumber });
          break;
        }
      }
    }
  }
  return out;
}

/** IPv4 / IPv6 CIDR parsing and matching for IpAddress / NotIpAddress. */

export interface Cidr {
  v6: boolean;
  net: bigint;
  bits: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  let str = s;
  // embedded IPv4 tail
  const lastColon = str.lastIndexOf(':');
  let tail: bigint[] = [];
  if (str.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(str.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [(v4 >> 16n) & 0xffffn, v4 & 0xffffn];
    str = str.slice(0, lastColon + 1);
    if (!str.endsWith('::')) str = str.slice(0, -1);
  }
  const dbl = str.split('::');
  if (dbl.length > 2) return undefined;
  const parseGroups = (x: string) => (x === '' ? [] : x.split(':'));
  const head = parseGroups(dbl[0] ?? '');
  const rear = dbl.length === 2 ? parseGroups(dbl[1] ?? '') : [];
  const want = 8 - tail.length;
  const groups: string[] = dbl.length === 2 ? [...head, ...Array<string>(want - head.length - rear.length).fill('0'), ...rear] : head;
  if (groups.length !== want) return undefined;
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  for (const t of tail) n = (n << 16n) | t;
  return n;
}

export function parseCidr(s: string): Cidr | undefined {
  const [addr = '', bitsStr] = s.trim().split('/');
  const v6 = addr.includes(':');
  const max = v6 ? 128 : 32;
  const bits = bitsStr === undefined ? max : Number(bitsStr);
  if (!Number.isInteger(bits) || bits < 0 || bits > max || (bitsStr !== undefined && !/^\d+$/.test(bitsStr))) return undefined;
  const n = v6 ? parseV6(addr) : parseV4(addr);
  if (n === undefined) return undefined;
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(max - bits);
  return { v6, net: n & mask, bits };
}

export function cidrContains(c: Cidr, ip: Cidr): boolean {
  if (c.v6 !== ip.v6) return false;
  const max = c.v6 ? 128 : 32;
  const mask = c.bits === 0 ? 0n : ((1n << BigInt(c.bits)) - 1n) << BigInt(max - c.bits);
  return (ip.net & mask) === c.net;
}

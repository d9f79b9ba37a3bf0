/** IPv4 and IPv6 CIDR matching for the Sigma `|cidr` modifier. */

function parseV4(s: string): number | undefined {
  const p = s.split('.');
  if (p.length !== 4) return undefined;
  let n = 0;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x)) return undefined;
    const v = Number(x);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!s.includes(':')) return undefined;
  let str = s;
  const zone = str.indexOf('%');
  if (zone >= 0) str = str.slice(0, zone);
  // embedded IPv4 tail
  const lastColon = str.lastIndexOf(':');
  const tail = str.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseV4(tail);
    if (v4 === undefined) return undefined;
    str = `${str.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = str.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : fill < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...rest];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

export type IpTest = (ip: string) => boolean;

/** Compile a list of CIDR ranges into one test; throws on an invalid range. */
export function compileCidrs(cidrs: string[]): IpTest {
  const v4: Array<[number, number]> = [];
  const v6: Array<[bigint, bigint]> = [];
  for (const c of cidrs) {
    const [addr, bitsStr] = c.split('/') as [string, string | undefined];
    const a4 = parseV4(addr);
    if (a4 !== undefined) {
      const bits = bitsStr === undefined ? 32 : Number(bitsStr);
      if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`invalid CIDR ${c}`);
      const size = 2 ** (32 - bits);
      const base = a4 - (a4 % size);
      v4.push([base, base + size]);
      continue;
    }
    const a6 = parseV6(addr);
    if (a6 === undefined) throw new Error(`invalid CIDR ${c}`);
    const bits = bitsStr === undefined ? 128 : Number(bitsStr);
    if (!Number.isInteger(bits) || bits < 0 || bits > 128) throw new Error(`invalid CIDR ${c}`);
    const shift = BigInt(128 - bits);
    v6.push([a6 >> shift, shift]);
  }
  return (ip: string) => {
    if (v4.length) {
      const n = parseV4(ip);
      if (n !== undefined) {
        for (const [lo, hi] of v4) if (n >= lo && n < hi) return true;
        return false;
      }
    }
    if (v6.length) {
      const n = parseV6(ip);
      if (n !== undefined) {
        for (const [pfx, shift] of v6) if (n >> shift === pfx) return true;
      }
    }
    return false;
  };
}

import * as ipaddr from 'ipaddr.js';

/**
 * CIDR blocks with IPv4 and IPv6 semantics. Parsing is ipaddr.js; a block is held as the inclusive integer range of
 * addresses it covers, so every spelling of the same block (`::/0`, `::0/0`, `0:0:0:0:0:0:0:0/0`, upper case, host
 * bits set) is the same value, and "the whole internet" is any set of blocks whose union covers a whole family.
 */

export type Family = 4 | 6;

export interface Cidr {
  family: Family;
  first: bigint;
  last: bigint;
  /** Canonical spelling: network address (RFC 5952 for IPv6) and prefix length. */
  text: string;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };
const ALL: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

function toBigInt(bytes: number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * Parses a CIDR block as AWS reads it: IPv4 in four-part decimal only (ipaddr.js would read `010.0.0.0` as octal),
 * IPv6 in any RFC 4291 spelling. Returns undefined for anything else (including interpolations).
 */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  // An estate repeats a few blocks thousands of times: parse each spelling once (results are frozen, so shareable).
  if (parsed.has(value)) return parsed.get(value);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  const cidr = parseCidrText(value.trim());
  parsed.set(value, cidr);
  return cidr;
}

const PARSED_LIMIT = 10_000;
const parsed = new Map<string, Readonly<Cidr> | undefined>();

function parseCidrText(s: string): Readonly<Cidr> | undefined {
  let family: Family;
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(s) && !/(^|\.)0\d/.test(s.split('/')[0])) family = 4;
  else if (ipaddr.IPv6.isValidCIDR(s)) family = 6;
  else return undefined;
  const [addr, prefix] = ipaddr.parseCIDR(s);
  const bits = BITS[family];
  const host = (1n << BigInt(bits - prefix)) - 1n;
  const first = toBigInt(addr.toByteArray()) & ~host & ALL[family];
  const network = family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(s) : ipaddr.IPv6.networkAddressFromCIDR(s);
  return Object.freeze({ family, first, last: first | host, text: `${network.toString()}/${prefix}` });
}

/** A set of address ranges of one family, kept merged and sorted. */
export class AddressSet {
  private ranges: Array<[bigint, bigint]> = [];

  constructor(readonly family: Family) {}

  add(first: bigint, last: bigint): void {
    const all = [...this.ranges, [first, last] as [bigint, bigint]].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: Array<[bigint, bigint]> = [];
    for (const r of all) {
      const top = merged[merged.length - 1];
      if (top && r[0] <= top[1] + 1n) top[1] = r[1] > top[1] ? r[1] : top[1];
      else merged.push([r[0], r[1]]);
    }
    this.ranges = merged;
  }

  /** The part of [first, last] not in this set. */
  outside(first: bigint, last: bigint): Array<[bigint, bigint]> {
    const out: Array<[bigint, bigint]> = [];
    let cur = first;
    for (const [a, b] of this.ranges) {
      if (b < cur || a > last) continue;
      if (a > cur) out.push([cur, a - 1n]);
      cur = b + 1n;
      if (cur > last) return out;
    }
    if (cur <= last) out.push([cur, last]);
    return out;
  }

  /** Whether the set holds every address of its family. */
  get isEverything(): boolean {
    return this.ranges.length === 1 && this.ranges[0][0] === 0n && this.ranges[0][1] === ALL[this.family];
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }
}

/** Families (`IPv4`, `IPv6`) whose every address the union of `cidrs` covers. */
export function worldFamilies(cidrs: readonly Cidr[]): Array<'IPv4' | 'IPv6'> {
  const out: Array<'IPv4' | 'IPv6'> = [];
  for (const family of [4, 6] as const) {
    const set = new AddressSet(family);
    for (let i = 0; i < cidrs.length; i++) if (cidrs[i].family === family) set.add(cidrs[i].first, cidrs[i].last);
    if (set.isEverything) out.push(family === 4 ? 'IPv4' : 'IPv6');
  }
  return out;
}

/** True when the block alone is a whole family (`0.0.0.0/0`, `::/0` in any spelling). */
export function isWorldCidr(value: unknown): boolean {
  const c = typeof value === 'string' ? parseCidr(value) : (value as Cidr | undefined);
  return c !== undefined && c.first === 0n && c.last === ALL[c.family];
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.first <= inner.first && outer.last >= inner.last;
}

/** Ranges not reachable from the internet: RFC 1918, CGNAT, loopback, link-local; IPv6 ULA, link-local, loopback. */
const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'].map((c) => parseCidr(c)!);

/** Whether any address of the block is reachable from the internet. */
export function isPublicCidr(c: Cidr): boolean {
  return !NON_PUBLIC.some((p) => cidrContains(p, c));
}

import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { asBool, asNumber, asString, blocks, strings, type Obj } from '../../model/values';

export const WORLD_CIDRS: readonly string[] = ['0.0.0.0/0', '::/0'];

/** Admin and database ports that must never be open to the world. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [21, 'FTP'], [22, 'SSH'], [23, 'Telnet'], [445, 'SMB'], [1433, 'MSSQL'], [1521, 'Oracle'], [2049, 'NFS'],
  [3306, 'MySQL'], [3389, 'RDP'], [5432, 'PostgreSQL'], [6379, 'Redis'], [9200, 'Elasticsearch'], [11211, 'Memcached'], [27017, 'MongoDB'],
]);

export function isWorld(cidr: unknown): boolean {
  return typeof cidr === 'string' && WORLD_CIDRS.includes(cidr.trim());
}

export type Protocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'other';

/** Normalises `-1`/`all`/`6`/`tcp`/`17`/`udp`/... (numbers or strings). Missing → `all` only when `missingIsAll`. */
export function protocolOf(value: unknown, missingIsAll = false): Protocol {
  if (value === undefined || value === null || value === '') return missingIsAll ? 'all' : 'other';
  const v = String(value).trim().toLowerCase();
  if (v === '-1' || v === 'all') return 'all';
  if (v === '6' || v === 'tcp') return 'tcp';
  if (v === '17' || v === 'udp') return 'udp';
  if (v === '1' || v === 'icmp' || v === '58' || v === 'icmpv6') return 'icmp';
  return 'other';
}

export interface PortSpan {
  protocol: Protocol;
  from: number;
  to: number;
}

/** Port span of a rule; unknown/missing bounds widen to the full range (conservative). */
export function portSpan(protocol: Protocol, fromPort: unknown, toPort: unknown): PortSpan {
  if (protocol === 'all') return { protocol, from: 0, to: 65535 };
  const f = asNumber(fromPort);
  const t = asNumber(toPort);
  const from = f === undefined || f < 0 ? 0 : f;
  const to = t === undefined || t < 0 ? 65535 : t;
  return { protocol, from, to };
}

/** True when the span opens every port (protocol all, or TCP/UDP 0–65535). */
export function isAllPorts(s: PortSpan): boolean {
  return s.protocol === 'all' || ((s.protocol === 'tcp' || s.protocol === 'udp') && s.from <= 0 && s.to >= 65535);
}

/** Admin ports (from {@link ADMIN_PORTS} or `ports`) reachable through the span. */
export function exposedPorts(s: PortSpan, ports: Iterable<number> = ADMIN_PORTS.keys()): number[] {
  if (s.protocol !== 'all' && s.protocol !== 'tcp' && s.protocol !== 'udp') return [];
  const out: number[] = [];
  for (const p of ports) if (p >= s.from && p <= s.to) out.push(p);
  return out;
}

export function describePorts(ports: number[]): string {
  return ports.map((p) => (ADMIN_PORTS.has(p) ? `${p}/${ADMIN_PORTS.get(p)}` : String(p))).join(', ');
}

/** One security-group permission, wherever it was written. */
export interface SgPermission {
  direction: 'ingress' | 'egress';
  /** Resource holding the permission (the SG for inline rules, else the rule resource). */
  holder: Resource;
  /** Human location: `ingress[0]` for inline blocks, or the rule resource's address. */
  where: string;
  span: PortSpan;
  /** CIDRs (IPv4 and IPv6) the permission applies to. */
  cidrs: string[];
  description?: string;
}

function inline(sg: Resource, direction: 'ingress' | 'egress'): SgPermission[] {
  return blocks(sg.values[direction]).map((b: Obj, i) => ({
    direction,
    holder: sg,
    where: `${direction}[${i}]`,
    span: portSpan(protocolOf(b.protocol, true), b.from_port, b.to_port),
    cidrs: [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)],
    description: asString(b.description),
  }));
}

/** Every SG permission of the model in one direction: inline blocks and the three rule resource types. */
export function sgPermissions(model: Model, direction: 'ingress' | 'egress'): SgPermission[] {
  const out: SgPermission[] = [];
  for (const type of ['aws_security_group', 'aws_default_security_group']) for (const sg of model.ofType(type)) out.push(...inline(sg, direction));
  for (const r of model.ofType('aws_security_group_rule')) {
    if (String(r.values.type ?? '').toLowerCase() !== direction) continue;
    out.push({
      direction,
      holder: r,
      where: r.address,
      span: portSpan(protocolOf(r.values.protocol, true), r.values.from_port, r.values.to_port),
      cidrs: [...strings(r.values.cidr_blocks), ...strings(r.values.ipv6_cidr_blocks)],
      description: asString(r.values.description),
    });
  }
  for (const r of model.ofType(`aws_vpc_security_group_${direction}_rule`)) {
    const cidrs = [asString(r.values.cidr_ipv4), asString(r.values.cidr_ipv6)].filter((c): c is string => c !== undefined);
    out.push({
      direction,
      holder: r,
      where: r.address,
      span: portSpan(protocolOf(r.values.ip_protocol, true), r.values.from_port, r.values.to_port),
      cidrs,
      description: asString(r.values.description),
    });
  }
  return out;
}

/** One network-ACL entry, inline or an `aws_network_acl_rule`. */
export interface NaclEntry {
  holder: Resource;
  where: string;
  egress: boolean;
  ruleNo: number;
  allow: boolean;
  cidr?: string;
  span: PortSpan;
}

/** Entries of a NACL: inline `ingress`/`egress` blocks plus `aws_network_acl_rule` resources referencing it. */
export function naclEntries(model: Model, nacl: Resource): NaclEntry[] {
  const out: NaclEntry[] = [];
  for (const dir of ['ingress', 'egress'] as const) {
    blocks(nacl.values[dir]).forEach((b, i) => {
      out.push({
        holder: nacl,
        where: `${dir}[${i}]`,
        egress: dir === 'egress',
        ruleNo: asNumber(b.rule_no) ?? 0,
        allow: String(b.action ?? '').toLowerCase() === 'allow',
        cidr: asString(b.cidr_block) ?? asString(b.ipv6_cidr_block),
        span: portSpan(protocolOf(b.protocol, true), b.from_port, b.to_port),
      });
    });
  }
  for (const r of model.referrers(nacl, 'aws_network_acl_rule', 'network_acl_id')) out.push(naclRuleEntry(r));
  return out;
}

export function naclRuleEntry(r: Resource): NaclEntry {
  return {
    holder: r,
    where: r.address,
    egress: asBool(r.values.egress) === true,
    ruleNo: asNumber(r.values.rule_number) ?? 0,
    allow: String(r.values.rule_action ?? '').toLowerCase() === 'allow',
    cidr: asString(r.values.cidr_block) ?? asString(r.values.ipv6_cidr_block),
    span: portSpan(protocolOf(r.values.protocol, true), r.values.from_port, r.values.to_port),
  };
}

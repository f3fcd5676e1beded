import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asBool, asNumber, asString, blocks, strings, type Obj } from '../model/values';
import { ADMIN_PORTS, describePorts, exposedPorts, isAllPorts, isWorld, portSpan, protocolOf, type PortSpan } from '../rules/lib/network';
import type { ChangeCategory, Impact, SecurityChange } from './types';

/** Where traffic may come from (ingress) or go to (egress). */
type Peer = { kind: 'cidr'; value: string } | { kind: 'security-group' | 'prefix-list' | 'self'; value: string };

/** One permission of a security group, a rule resource, or a network ACL entry. */
interface Permission {
  stack: string;
  category: 'ingress' | 'egress' | 'nacl';
  /** The SG or NACL the permission belongs to (its address, or the literal id). */
  target: string;
  /** The resource that declares it (the SG itself for inline blocks). */
  holder: string;
  span: PortSpan;
  peer: Peer;
  /** NACL only: rule number and whether it allows or denies. */
  ruleNo?: number;
  allow?: boolean;
  egress?: boolean;
}

function refTarget(model: Model, r: Resource, attribute: string, raw: unknown): string {
  const t = model.targets(r, attribute)[0];
  return t ? t.address : String(raw ?? '?');
}

function peersOf(model: Model, r: Resource, b: Obj, attrPrefix: string): Peer[] {
  const out: Peer[] = [];
  for (const c of [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)]) out.push({ kind: 'cidr', value: c });
  for (const k of ['cidr_ipv4', 'cidr_ipv6']) if (asString(b[k])) out.push({ kind: 'cidr', value: String(b[k]) });
  for (const p of [...strings(b.prefix_list_ids), ...(asString(b.prefix_list_id) ? [String(b.prefix_list_id)] : [])]) out.push({ kind: 'prefix-list', value: p });
  const sgs = [...strings(b.security_groups)];
  for (const k of ['source_security_group_id', 'referenced_security_group_id']) if (asString(b[k])) sgs.push(String(b[k]));
  for (const sg of sgs) {
    const m = /^\$\{(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.id\}$/.exec(sg);
    out.push({ kind: 'security-group', value: m ? m[1] : refTarget(model, r, `${attrPrefix}security_groups`, sg) });
  }
  if (asBool(b.self) === true) out.push({ kind: 'self', value: 'self' });
  return out;
}

function sgPermissions(model: Model): Permission[] {
  const out: Permission[] = [];
  for (const type of ['aws_security_group', 'aws_default_security_group']) {
    for (const sg of model.ofType(type)) {
      for (const dir of ['ingress', 'egress'] as const) {
        for (const b of blocks(sg.values[dir])) {
          const span = portSpan(protocolOf(b.protocol, true), b.from_port, b.to_port);
          for (const peer of peersOf(model, sg, b, '')) out.push({ stack: sg.stack, category: dir, target: sg.address, holder: sg.address, span, peer });
        }
      }
    }
  }
  for (const r of model.ofType('aws_security_group_rule')) {
    const dir = String(r.values.type ?? '').toLowerCase();
    if (dir !== 'ingress' && dir !== 'egress') continue;
    const span = portSpan(protocolOf(r.values.protocol, true), r.values.from_port, r.values.to_port);
    const target = refTarget(model, r, 'security_group_id', r.values.security_group_id);
    for (const peer of peersOf(model, r, r.values, '')) out.push({ stack: r.stack, category: dir, target, holder: r.address, span, peer });
  }
  for (const dir of ['ingress', 'egress'] as const) {
    for (const r of model.ofType(`aws_vpc_security_group_${dir}_rule`)) {
      const span = portSpan(protocolOf(r.values.ip_protocol, true), r.values.from_port, r.values.to_port);
      const target = refTarget(model, r, 'security_group_id', r.values.security_group_id);
      for (const peer of peersOf(model, r, r.values, '')) out.push({ stack: r.stack, category: dir, target, holder: r.address, span, peer });
    }
  }
  return out;
}

function naclPermissions(model: Model): Permission[] {
  const out: Permission[] = [];
  const entry = (stack: string, target: string, holder: string, egress: boolean, b: Obj, ruleNo: unknown, action: unknown, cidr: string | undefined) => {
    if (!cidr) return;
    out.push({
      stack,
      category: 'nacl',
      target,
      holder,
      egress,
      ruleNo: asNumber(ruleNo) ?? 0,
      allow: String(action ?? '').toLowerCase() === 'allow',
      span: portSpan(protocolOf(b.protocol, true), b.from_port, b.to_port),
      peer: { kind: 'cidr', value: cidr },
    });
  };
  for (const type of ['aws_network_acl', 'aws_default_network_acl']) {
    for (const n of model.ofType(type)) {
      for (const dir of ['ingress', 'egress'] as const) {
        for (const b of blocks(n.values[dir])) entry(n.stack, n.address, n.address, dir === 'egress', b, b.rule_no, b.action, asString(b.cidr_block) ?? asString(b.ipv6_cidr_block));
      }
    }
  }
  for (const r of model.ofType('aws_network_acl_rule')) {
    entry(r.stack, refTarget(model, r, 'network_acl_id', r.values.network_acl_id), r.address, asBool(r.values.egress) === true, r.values, r.values.rule_number, r.values.rule_action, asString(r.values.cidr_block) ?? asString(r.values.ipv6_cidr_block));
  }
  return out;
}

// ---- CIDR containment ------------------------------------------------------------------------

function ipv4(cidr: string): { net: number; bits: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { net: (ip & mask) >>> 0, bits };
}

/** Whether `outer` contains `inner` (IPv4 exactly; IPv6 only `::/0` or equality). */
function cidrContains(outer: string, inner: string): boolean {
  if (outer.trim() === inner.trim()) return true;
  if (outer.trim() === '::/0') return inner.includes(':');
  const o = ipv4(outer);
  const i = ipv4(inner);
  if (!o || !i || i.bits < o.bits) return false;
  const mask = o.bits === 0 ? 0 : (0xffffffff << (32 - o.bits)) >>> 0;
  return ((i.net & mask) >>> 0) === o.net;
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** Reachable from the internet: a world CIDR, or any IPv4 outside private ranges, or a non-ULA IPv6 range. */
function isPublic(cidr: string): boolean {
  if (isWorld(cidr)) return true;
  if (cidr.includes(':')) return !/^f[cd]/i.test(cidr.trim());
  if (!ipv4(cidr)) return false;
  return !PRIVATE_V4.some((p) => cidrContains(p, cidr));
}

function peerCovers(outer: Peer, inner: Peer): boolean {
  if (outer.kind !== inner.kind) return false;
  return outer.kind === 'cidr' ? cidrContains(outer.value, inner.value) : outer.value === inner.value;
}

function spanCovers(outer: PortSpan, inner: PortSpan): boolean {
  if (outer.protocol === 'all') return true;
  if (outer.protocol !== inner.protocol) return false;
  return outer.from <= inner.from && outer.to >= inner.to;
}

function spanOverlaps(a: PortSpan, b: PortSpan): boolean {
  if (a.protocol !== 'all' && b.protocol !== 'all' && a.protocol !== b.protocol) return false;
  return a.from <= b.to && b.from <= a.to;
}

function sameKind(a: Permission, b: Permission): boolean {
  return a.category === b.category && a.target === b.target && (a.category !== 'nacl' || (a.egress === b.egress && a.allow === b.allow));
}

function covers(base: Permission, head: Permission): boolean {
  return sameKind(base, head) && spanCovers(base.span, head.span) && peerCovers(base.peer, head.peer);
}

// ---- describing ------------------------------------------------------------------------------

function ports(s: PortSpan): string {
  if (isAllPorts(s)) return s.protocol === 'all' ? 'all traffic (every protocol and port)' : `every ${s.protocol.toUpperCase()} port`;
  if (s.protocol === 'icmp') return 'ICMP';
  if (s.protocol === 'other') return 'a non-TCP/UDP protocol';
  const range = s.from === s.to ? `port ${s.from}` : `ports ${s.from}-${s.to}`;
  const admin = exposedPorts(s);
  return `${s.protocol.toUpperCase()} ${range}${admin.length > 0 && admin.length <= 4 ? ` (${describePorts(admin)})` : admin.length > 4 ? ` (incl. ${admin.length} admin/database ports)` : ''}`;
}

function peer(p: Peer, dir: 'from' | 'to'): string {
  if (p.kind === 'cidr') return `${dir} ${p.value}${isWorld(p.value) ? ' (the whole internet)' : isPublic(p.value) ? ' (a public range)' : ''}`;
  if (p.kind === 'security-group') return `${dir} security group ${p.value}`;
  if (p.kind === 'prefix-list') return `${dir} prefix list ${p.value}`;
  return `${dir} members of the same group`;
}

function via(p: Permission): string {
  return p.holder === p.target ? '' : ` (via ${p.holder})`;
}

/** How bad a new or widened permission is. */
function impactOf(p: Permission): Impact {
  const publicPeer = p.peer.kind === 'cidr' && isPublic(p.peer.value);
  if (p.category === 'ingress') return publicPeer ? 'regression' : 'review';
  if (p.category === 'egress') return p.peer.kind === 'cidr' && isWorld(p.peer.value) && isAllPorts(p.span) ? 'regression' : 'review';
  // NACL: an allow from the internet to admin ports, or to every port, is a regression; other allows need a look.
  if (!p.egress && p.allow && publicPeer && (isAllPorts(p.span) || exposedPorts(p.span, ADMIN_PORTS.keys()).length > 0)) return 'regression';
  return 'review';
}

function change(category: ChangeCategory, impact: Impact, resource: string, message: string): SecurityChange {
  return { impact, category, resource, message };
}

/**
 * Ingress and egress opened, widened, narrowed or closed, per security group and network ACL: every permission of
 * HEAD not covered by a permission of BASE on the same group is new exposure (and vice versa).
 */
export function networkChanges(base: Model, head: Model, stack: { base: string | null; head: string }): SecurityChange[] {
  const all = (m: Model, s: string | null) => (s === null ? [] : [...sgPermissions(m), ...naclPermissions(m)].filter((p) => p.stack === s));
  const b = all(base, stack.base);
  const h = all(head, stack.head);
  const out: SecurityChange[] = [];
  for (const p of h) {
    if (b.some((q) => covers(q, p))) continue;
    if (p.category === 'nacl' && !p.allow) {
      out.push(change('nacl', 'improvement', p.target, `Network ACL ${p.target} gains deny rule #${p.ruleNo} for ${ports(p.span)} ${p.egress ? peer(p.peer, 'to') : peer(p.peer, 'from')}${via(p)}.`));
      continue;
    }
    // What it widens: an overlapping permission on the same group, preferably from the same peer.
    const overlapping = b.filter((q) => sameKind(q, p) && spanOverlaps(q.span, p.span) && (peerCovers(p.peer, q.peer) || q.peer.kind !== 'cidr' || p.peer.kind !== 'cidr'));
    const narrower = overlapping.find((q) => q.peer.kind === p.peer.kind && q.peer.value === p.peer.value) ?? overlapping[0];
    const verb = narrower ? 'widened' : 'opened';
    const impact = impactOf(p);
    if (p.category === 'nacl') {
      out.push(change('nacl', impact, p.target, `Network ACL ${p.target} ${p.egress ? 'egress' : 'ingress'} ${verb}: rule #${p.ruleNo} allows ${ports(p.span)} ${p.egress ? peer(p.peer, 'to') : peer(p.peer, 'from')}${via(p)}.`));
    } else {
      const was = narrower ? ` (was ${ports(narrower.span)} ${peer(narrower.peer, p.category === 'ingress' ? 'from' : 'to')})` : '';
      out.push(change(p.category, impact, p.holder, `${p.category === 'ingress' ? 'Ingress' : 'Egress'} ${verb} on ${p.target}: ${ports(p.span)} ${peer(p.peer, p.category === 'ingress' ? 'from' : 'to')}${was}${via(p)}.`));
    }
  }
  for (const q of b) {
    if (h.some((p) => covers(p, q))) continue;
    if (q.category === 'nacl') {
      const impact: Impact = q.allow ? 'improvement' : 'review';
      out.push(change('nacl', impact, q.target, `Network ACL ${q.target} ${q.allow ? 'no longer allows' : 'no longer denies'} (rule #${q.ruleNo}) ${ports(q.span)} ${q.egress ? peer(q.peer, 'to') : peer(q.peer, 'from')}${via(q)}.`));
    } else {
      out.push(change(q.category, 'improvement', q.holder, `${q.category === 'ingress' ? 'Ingress' : 'Egress'} closed or narrowed on ${q.target}: ${ports(q.span)} ${peer(q.peer, q.category === 'ingress' ? 'from' : 'to')} no longer allowed${via(q)}.`));
    }
  }
  return out;
}

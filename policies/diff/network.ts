import { ADMIN_PORTS } from '../facts';
import type { Model } from '../model/model';
import { cidrContains, isPublicCidr, isWorldCidr } from '../normal/cidr';
import { describePorts, exposedPorts, isAllPorts, networkPermissions, peerText, type NetPermission, type Peer, type PortSpan } from '../normal/network';
import type { ChangeCategory, Impact, SecurityChange } from './types';
import { groupBy } from '../model/group';

/** One permission of a security group, a rule resource, or a network ACL entry, as the diff compares it. */
interface Permission {
  stack: string;
  category: 'ingress' | 'egress' | 'nacl';
  /** The SG or NACL the permission belongs to (its address, a literal id, or the rule itself when unknown). */
  target: string;
  /** The resource that declares it (the SG itself for inline blocks). */
  holder: string;
  /** Protocol/ports known only after apply are compared as every port (the widest they could be). */
  span: PortSpan;
  peer: Peer;
  /** NACL only: rule number and whether it allows or denies. */
  ruleNo?: number;
  allow?: boolean;
  egress?: boolean;
}

const EVERYTHING: PortSpan = { protocol: 'all', from: 0, to: 65535 };

/** One literal shape for every permission (no spread): an estate has tens of thousands of them per side. */
function fromNormal(p: NetPermission): Permission {
  const nacl = p.kind !== 'security-group';
  return {
    stack: p.stack,
    category: nacl ? 'nacl' : p.direction,
    target: p.group.key,
    holder: p.holder.address,
    span: p.span ?? EVERYTHING,
    peer: p.peer,
    ruleNo: nacl ? (p.ruleNo ?? 0) : undefined,
    allow: nacl ? (p.allow ?? true) : undefined,
    egress: nacl ? p.direction === 'egress' : undefined,
  };
}

const permissionsByStack = new WeakMap<Model, Map<string, Permission[]>>();

/** The model's permissions per stack, from the shared normal form (computed once per model, not once per stack). */
function permissionsOf(model: Model, stack: string): Permission[] {
  let byStack = permissionsByStack.get(model);
  if (!byStack) permissionsByStack.set(model, (byStack = groupBy(networkPermissions(model).map(fromNormal), (p) => p.stack)));
  return byStack.get(stack) ?? [];
}

/** Permissions grouped by what {@link sameKind} compares, so a permission is only matched against its own group's. */
function byKind(list: readonly Permission[]): Map<string, Permission[]> {
  return groupBy(list, kindKey);
}

function kindKey(p: Permission): string {
  return p.category === 'nacl' ? `nacl\0${p.target}\0${p.egress}\0${p.allow}` : `${p.category}\0${p.target}`;
}

/** Reachable from the internet: any block with a public address, or a CIDR known only after apply. */
function isPublic(p: Peer): boolean {
  return (p.kind === 'cidr' && isPublicCidr(p.cidr)) || p.kind === 'unknown';
}

function isWorldPeer(p: Peer): boolean {
  return p.kind === 'cidr' && isWorldCidr(p.cidr);
}

function peerCovers(outer: Peer, inner: Peer): boolean {
  if (outer.kind === 'cidr' && inner.kind === 'cidr') return cidrContains(outer.cidr, inner.cidr);
  return outer.kind === inner.kind && peerText(outer) === peerText(inner);
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
  if (s.protocol === 'icmp' || s.protocol === 'icmpv6') return s.protocol.toUpperCase();
  if (s.protocol === 'other') return 'a non-TCP/UDP protocol';
  const range = s.from === s.to ? `port ${s.from}` : `ports ${s.from}-${s.to}`;
  const admin = exposedPorts(s);
  return `${s.protocol.toUpperCase()} ${range}${admin.length > 0 && admin.length <= 4 ? ` (${describePorts(admin)})` : admin.length > 4 ? ` (incl. ${admin.length} admin/database ports)` : ''}`;
}

function peer(p: Peer, dir: 'from' | 'to'): string {
  if (p.kind === 'cidr') return `${dir} ${p.cidr.text}${isWorldPeer(p) ? ' (the whole internet)' : isPublic(p) ? ' (a public range)' : ''}`;
  if (p.kind === 'unknown') return `${dir} ${p.text}${p.absent ? '' : ' (a CIDR known only after apply)'}`;
  if (p.kind === 'internal') return `${dir} ${p.text} (a VPC range)`;
  if (p.kind === 'self') return `${dir} members of the same group`;
  return `${dir} ${peerText(p)}`;
}

function via(p: Permission): string {
  return p.holder === p.target ? '' : ` (via ${p.holder})`;
}

/** How bad a new or widened permission is. */
function impactOf(p: Permission): Impact {
  const publicPeer = isPublic(p.peer);
  if (p.category === 'ingress') return publicPeer ? 'regression' : 'review';
  if (p.category === 'egress') return isWorldPeer(p.peer) && isAllPorts(p.span) ? 'regression' : 'review';
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
  const b = stack.base === null ? [] : permissionsOf(base, stack.base);
  const h = permissionsOf(head, stack.head);
  const [baseByKind, headByKind] = [byKind(b), byKind(h)];
  const out: SecurityChange[] = [];
  for (const p of h) {
    const sameKindInBase = baseByKind.get(kindKey(p)) ?? [];
    if (sameKindInBase.some((q) => covers(q, p))) continue;
    if (p.category === 'nacl' && !p.allow) {
      out.push(change('nacl', 'improvement', p.target, `Network ACL ${p.target} gains deny rule #${p.ruleNo} for ${ports(p.span)} ${p.egress ? peer(p.peer, 'to') : peer(p.peer, 'from')}${via(p)}.`));
      continue;
    }
    // What it widens: an overlapping permission on the same group, preferably from the same peer.
    const overlapping = sameKindInBase.filter((q) => spanOverlaps(q.span, p.span) && (peerCovers(p.peer, q.peer) || q.peer.kind !== 'cidr' || p.peer.kind !== 'cidr'));
    const narrower = overlapping.find((q) => q.peer.kind === p.peer.kind && peerText(q.peer) === peerText(p.peer)) ?? overlapping[0];
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
    if ((headByKind.get(kindKey(q)) ?? []).some((p) => covers(p, q))) continue;
    if (q.category === 'nacl') {
      const impact: Impact = q.allow ? 'improvement' : 'review';
      out.push(change('nacl', impact, q.target, `Network ACL ${q.target} ${q.allow ? 'no longer allows' : 'no longer denies'} (rule #${q.ruleNo}) ${ports(q.span)} ${q.egress ? peer(q.peer, 'to') : peer(q.peer, 'from')}${via(q)}.`));
    } else {
      out.push(change(q.category, 'improvement', q.holder, `${q.category === 'ingress' ? 'Ingress' : 'Egress'} closed or narrowed on ${q.target}: ${ports(q.span)} ${peer(q.peer, q.category === 'ingress' ? 'from' : 'to')} no longer allowed${via(q)}.`));
    }
  }
  return out;
}

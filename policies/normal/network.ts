import { ADMIN_PORTS } from '../facts';
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asBool, asNumber, asString, blocks, isComputed, isToken, isUnknownMarker, list, type Obj } from '../model/values';
import { AddressSet, isPublicCidr, parseCidr, worldFamilies, type Cidr } from './cidr';

/**
 * The one normal form of network permissions, read by the rules, the plan diff and the live drift. Every spelling —
 * inline `ingress`/`egress` blocks of (default) security groups and network ACLs, `aws_security_group_rule`,
 * `aws_vpc_security_group_ingress_rule`/`_egress_rule`, `aws_network_acl_rule`, rules on a VPC's default group or
 * ACL by `aws_vpc.x.default_security_group_id` — becomes a {@link NetPermission} with a normalised protocol, port
 * span and peer. What the input cannot show (a value known only after apply) stays visibly unknown.
 */

export type Protocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'other';

const PROTOCOLS: Record<string, Protocol> = { '-1': 'all', all: 'all', '6': 'tcp', tcp: 'tcp', '17': 'udp', udp: 'udp', '1': 'icmp', icmp: 'icmp', '58': 'icmpv6', icmpv6: 'icmpv6' };

/** `-1`/`all`/`6`/`tcp`/`"6"`/`17`/`udp`/... (numbers or strings, any case); undefined when unknown at plan time. */
export function protocolOf(value: unknown, missingIsAll = true): Protocol | undefined {
  if (value === undefined || value === null || value === '') return missingIsAll ? 'all' : undefined;
  if (isToken(value)) return undefined;
  const text = String(value).trim().toLowerCase();
  // The provider reads a numeric protocol as an integer (Go's strconv.Atoi): "06", "+6" and "006" are TCP, "-01" all.
  const numeric = /^[+-]?\d+$/.test(text) ? String(Number.parseInt(text, 10)) : text;
  return PROTOCOLS[numeric] ?? 'other';
}

export interface PortSpan {
  protocol: Protocol;
  from: number;
  to: number;
}

/** The span of a rule; undefined when protocol or a needed bound is unknown at plan time. */
export function portSpan(protocol: unknown, fromPort: unknown, toPort: unknown): PortSpan | undefined {
  const p = protocolOf(protocol);
  if (p === undefined) return undefined;
  if (p === 'all') return { protocol: p, from: 0, to: 65535 };
  if (p !== 'tcp' && p !== 'udp') return { protocol: p, from: asNumber(fromPort) ?? -1, to: asNumber(toPort) ?? -1 };
  const f = asNumber(fromPort);
  const t = asNumber(toPort);
  if (f === undefined || t === undefined) return fromPort === undefined && toPort === undefined ? { protocol: p, from: 0, to: 65535 } : undefined;
  return { protocol: p, from: f < 0 ? 0 : f, to: t < 0 ? 65535 : t };
}

/** Protocol all, or TCP/UDP 0–65535. */
export function isAllPorts(s: PortSpan): boolean {
  return s.protocol === 'all' || ((s.protocol === 'tcp' || s.protocol === 'udp') && s.from <= 0 && s.to >= 65535);
}

/** Whether traffic to TCP/UDP `port` passes the span. */
export function spanHasPort(s: PortSpan, port: number): boolean {
  return s.protocol === 'all' || ((s.protocol === 'tcp' || s.protocol === 'udp') && s.from <= port && port <= s.to);
}

/** Admin/database ports (or `ports`) reachable through the span. */
export function exposedPorts(s: PortSpan, ports: Iterable<number> = ADMIN_PORTS.keys()): number[] {
  return [...ports].filter((p) => spanHasPort(s, p));
}

export function describePorts(ports: readonly number[]): string {
  return ports.map((p) => (ADMIN_PORTS.has(p) ? `${p}/${ADMIN_PORTS.get(p)}` : String(p))).join(', ');
}

/** Where traffic may come from (ingress) or go to (egress). */
export type Peer =
  | { kind: 'cidr'; cidr: Cidr }
  /** The range of a VPC or subnet of the configuration: never the internet, exact block maybe unknown. */
  | { kind: 'internal'; text: string }
  /** A CIDR known only after apply; `absent` when the permission names no peer at all (invalid, yet not safe to pass). */
  | { kind: 'unknown'; text: string; absent?: true }
  /** `at`: where the reference is written in the holder (`ingress[0].security_groups[1]`), to follow it across stacks. */
  | { kind: 'security-group'; ref: string; at: { path: string; value: unknown } }
  | { kind: 'prefix-list'; ref: string }
  | { kind: 'self' };

/** The security group or network ACL a permission belongs to. */
export interface GroupRef {
  /** Stable key within the stack: the group's address, `<vpc>.default_*`, a literal id, or the holder when unknown. */
  key: string;
  resource?: Resource;
  /** The VPC whose default group/ACL this is. */
  defaultOf?: Resource;
  /** True when the group id is known only after apply and resolves to nothing in the input. */
  unresolved: boolean;
}

export interface NetPermission {
  kind: 'security-group' | 'network-acl';
  direction: 'ingress' | 'egress';
  stack: string;
  /** The resource that declares it (the group itself for inline blocks). */
  holder: Resource;
  /** `ingress[0]` for inline blocks, else the holder's address. */
  where: string;
  group: GroupRef;
  /** Undefined when the protocol or ports are known only after apply. */
  span?: PortSpan;
  peer: Peer;
  description?: string;
  /** Network ACL entries: rule number and action (undefined when unknown). */
  ruleNo?: number;
  allow?: boolean;
  /** The holder's whole `ingress`/`egress` list is one expression decided at apply: its entries cannot be shown. */
  wholeListUndecided?: true;
}

const TOKEN = /^\$\{((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The resource and attribute a whole-value reference (`${aws_vpc.main.cidr_block}`) points at, within the stack. */
export function referenced(model: Model, from: Resource, value: unknown): { target: Resource; attribute: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TOKEN.exec(value.trim());
  if (!m) return undefined;
  const target = model.get(from.stack, m[1]) ?? model.targets(from).find((t) => t.address.replace(/\[[^\]]*\]$/, '') === m[1]);
  return target ? { target, attribute: m[2] } : undefined;
}

/** A literal value, following one whole-value reference to a literal attribute of another resource. */
export function literalValue(model: Model, from: Resource, value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  if (!isToken(value)) return value;
  const ref = referenced(model, from, value);
  const v = ref?.target.values[ref.attribute];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && !isToken(v) ? v : undefined;
}

const INTERNAL_RANGES = new Set(['aws_vpc.cidr_block', 'aws_vpc.ipv6_cidr_block', 'aws_subnet.cidr_block', 'aws_subnet.ipv6_cidr_block', 'aws_vpc_ipv4_cidr_block_association.cidr_block']);

function cidrPeer(model: Model, holder: Resource, value: unknown): Peer {
  const lit = literalValue(model, holder, value);
  const cidr = lit === undefined ? undefined : parseCidr(lit);
  if (cidr) return { kind: 'cidr', cidr };
  const ref = referenced(model, holder, value);
  if (ref && INTERNAL_RANGES.has(`${ref.target.type}.${ref.attribute}`)) return { kind: 'internal', text: `${ref.target.address}.${ref.attribute}` };
  return { kind: 'unknown', text: String(value) };
}

function refPeer(model: Model, holder: Resource, value: unknown): string {
  const ref = referenced(model, holder, value);
  return ref ? ref.target.address : String(value);
}

/** The CIDRs of a managed prefix list of the configuration: its inline `entry` blocks and its entry resources. */
function prefixListCidrs(model: Model, list: Resource): unknown[] {
  const inline = blocks(list.values.entry).map((e) => e.cidr);
  const separate = model.referrers(list, 'aws_ec2_managed_prefix_list_entry', 'prefix_list_id').map((e) => e.values.cidr);
  return [...inline, ...separate].filter((c) => c !== undefined && c !== null && c !== '');
}

const CIDR_KEYS = ['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6', 'cidr_block', 'ipv6_cidr_block'];
const PREFIX_LIST_KEYS = ['prefix_list_ids', 'prefix_list_id'];
const GROUP_KEYS = ['security_groups', 'source_security_group_id', 'referenced_security_group_id'];

/**
 * Peers of one permission body (inline block or rule resource); `at` is the block's path in the holder (`ingress[0].`).
 * Indexed loops that skip unset keys: this runs once per permission of the estate in cold code, where `for…of`
 * allocates a step result per element.
 */
function peersOf(model: Model, holder: Resource, b: Obj, at = ''): Peer[] {
  const out: Peer[] = [];
  for (let k = 0; k < CIDR_KEYS.length; k++) {
    const raw = b[CIDR_KEYS[k]];
    if (raw === undefined || raw === null) continue;
    const values = list(raw);
    for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== '') out.push(cidrPeer(model, holder, values[i]));
  }
  for (let k = 0; k < PREFIX_LIST_KEYS.length; k++) {
    const raw = b[PREFIX_LIST_KEYS[k]];
    if (raw === undefined || raw === null) continue;
    const values = list(raw);
    for (let i = 0; i < values.length; i++) {
      if (!asString(values[i])) continue;
      out.push({ kind: 'prefix-list', ref: refPeer(model, holder, values[i]) });
      // A prefix list of the configuration admits what its entries name: judged as those CIDRs.
      const list = referenced(model, holder, values[i])?.target;
      if (list?.type === 'aws_ec2_managed_prefix_list') for (const cidr of prefixListCidrs(model, list)) out.push(cidrPeer(model, list, cidr));
    }
  }
  for (let k = 0; k < GROUP_KEYS.length; k++) {
    const key = GROUP_KEYS[k];
    const raw = b[key];
    if (raw === undefined || raw === null) continue;
    const values = list(raw);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (asString(v)) out.push({ kind: 'security-group', ref: refPeer(model, holder, v), at: { path: `${at}${key}${Array.isArray(raw) ? `[${i}]` : ''}`, value: v } });
    }
  }
  if (asBool(b.self) === true) out.push({ kind: 'self' });
  return out;
}

const DEFAULT_ATTR: Record<string, { vpcAttr: string; type: string; link: string }> = {
  'security-group': { vpcAttr: 'default_security_group_id', type: 'aws_default_security_group', link: 'vpc_id' },
  'network-acl': { vpcAttr: 'default_network_acl_id', type: 'aws_default_network_acl', link: 'default_network_acl_id' },
};

function vpcOfDefault(model: Model, r: Resource): Resource | undefined {
  return model.targets(r, r.type === 'aws_default_security_group' ? 'vpc_id' : 'default_network_acl_id', 'aws_vpc')[0];
}

/** The group an attribute (`security_group_id`, `network_acl_id`) of a rule resource points at. */
function groupOf(model: Model, holder: Resource, attribute: string, kind: NetPermission['kind']): GroupRef {
  const d = DEFAULT_ATTR[kind];
  for (const e of model.outgoing(holder, attribute)) {
    if (e.to.type === 'aws_vpc' && (e.targetAttribute === d.vpcAttr || e.targetAttribute === undefined)) {
      const adopted = model.referrers(e.to, d.type, d.link)[0];
      return adopted ? { key: adopted.address, resource: adopted, defaultOf: e.to, unresolved: false } : { key: `${e.to.address}.${d.vpcAttr}`, defaultOf: e.to, unresolved: false };
    }
    if (e.to.type !== 'aws_vpc') return { key: e.to.address, resource: e.to, defaultOf: e.to.type === d.type ? vpcOfDefault(model, e.to) : undefined, unresolved: false };
  }
  const raw = holder.values[attribute];
  if (typeof raw === 'string' && raw !== '' && !isToken(raw)) return { key: raw, unresolved: false };
  // The same expression decided at apply (`${var.sg_id}`) is the same group: its rules are judged together.
  if (typeof raw === 'string' && raw !== '' && !isUnknownMarker(raw) && !isComputed(raw)) return { key: raw, unresolved: true };
  return { key: holder.address, unresolved: true };
}

function ownGroup(model: Model, r: Resource): GroupRef {
  const isDefault = r.type === 'aws_default_security_group' || r.type === 'aws_default_network_acl';
  return { key: r.address, resource: r, defaultOf: isDefault ? vpcOfDefault(model, r) : undefined, unresolved: false };
}

/** Adds one permission per peer; a body naming no peer becomes one permission with an absent (unknown) peer. */
function push(out: NetPermission[], base: Omit<NetPermission, 'peer'>, peers: Peer[], none: string): void {
  for (const peer of peers.length > 0 ? peers : [{ kind: 'unknown', text: none, absent: true } as const]) out.push({ ...base, peer });
}

const NO_SOURCE = 'no source (no CIDR, prefix list, security group or self)';

/**
 * The peer of a whole `ingress`/`egress` list written as one expression (`ingress = var.rules`, `"${local.rules}"` in
 * Terraform JSON), decided at apply: what it admits is unknown, not nothing. Undefined for blocks or nothing.
 */
function undecidedBlocks(value: unknown): Peer | undefined {
  // A plan's computed list (no inline blocks written: the provider lists the rule resources' permissions) is none.
  return isToken(value) && !isComputed(value) ? { kind: 'unknown', text: String(value) } : undefined;
}

/**
 * Memoized per model: the SG and NACL rules, PAL-RDS-010, PAL-VPC-002 and the diff all read the same normal form, and
 * a model never changes once loaded. The lists are frozen so no reader can change what the others see.
 */
function oncePerModel(compute: (model: Model) => NetPermission[]): (model: Model) => readonly NetPermission[] {
  const memo = new WeakMap<Model, readonly NetPermission[]>();
  return (model) => {
    let found = memo.get(model);
    if (!found) memo.set(model, (found = Object.freeze(compute(model))));
    return found;
  };
}

/** Every security-group permission of the model, both directions. */
export const securityGroupPermissions = oncePerModel((model) => {
  const out: NetPermission[] = [];
  for (const type of ['aws_security_group', 'aws_default_security_group']) {
    for (const sg of model.ofType(type)) {
      const group = ownGroup(model, sg);
      for (const direction of ['ingress', 'egress'] as const) {
        const undecided = undecidedBlocks(sg.values[direction]);
        if (undecided) push(out, { kind: 'security-group', direction, stack: sg.stack, holder: sg, where: direction, group, span: undefined, wholeListUndecided: true }, [undecided], NO_SOURCE);
        blocks(sg.values[direction]).forEach((b, i) => {
          push(out, { kind: 'security-group', direction, stack: sg.stack, holder: sg, where: `${direction}[${i}]`, group, span: portSpan(b.protocol, b.from_port, b.to_port), description: asString(b.description) }, peersOf(model, sg, b, `${direction}[${i}].`), NO_SOURCE);
        });
      }
    }
  }
  for (const r of model.ofType('aws_security_group_rule')) {
    const direction = String(r.values.type ?? '').toLowerCase();
    if (direction !== 'ingress' && direction !== 'egress') continue;
    const v = r.values;
    push(out, { kind: 'security-group', direction, stack: r.stack, holder: r, where: r.address, group: groupOf(model, r, 'security_group_id', 'security-group'), span: portSpan(v.protocol, v.from_port, v.to_port), description: asString(v.description) }, peersOf(model, r, v), NO_SOURCE);
  }
  for (const direction of ['ingress', 'egress'] as const) {
    for (const r of model.ofType(`aws_vpc_security_group_${direction}_rule`)) {
      const v = r.values;
      push(out, { kind: 'security-group', direction, stack: r.stack, holder: r, where: r.address, group: groupOf(model, r, 'security_group_id', 'security-group'), span: portSpan(v.ip_protocol, v.from_port, v.to_port), description: asString(v.description) }, peersOf(model, r, v), NO_SOURCE);
    }
  }
  return out;
});

function naclSpan(v: Obj): PortSpan | undefined {
  const span = portSpan(v.protocol, v.from_port, v.to_port);
  // ICMP entries carry type/code, not ports.
  if (span && (span.protocol === 'icmp' || span.protocol === 'icmpv6')) return { protocol: span.protocol, from: asNumber(v.icmp_type) ?? -1, to: asNumber(v.icmp_code) ?? -1 };
  return span;
}

function actionOf(v: unknown): boolean | undefined {
  const a = typeof v === 'string' && !isToken(v) ? v.toLowerCase() : undefined;
  return a === 'allow' ? true : a === 'deny' ? false : undefined;
}

/** Every network-ACL entry of the model: inline blocks and `aws_network_acl_rule` resources. */
export const networkAclPermissions = oncePerModel((model) => {
  const out: NetPermission[] = [];
  const entry = (holder: Resource, where: string, group: GroupRef, direction: 'ingress' | 'egress', v: Obj, ruleNo: unknown, action: unknown) => {
    const peers = peersOf(model, holder, { cidr_block: v.cidr_block, ipv6_cidr_block: v.ipv6_cidr_block });
    push(out, { kind: 'network-acl', direction, stack: holder.stack, holder, where, group, span: naclSpan(v), ruleNo: asNumber(ruleNo), allow: actionOf(action) }, peers, 'no CIDR');
  };
  for (const type of ['aws_network_acl', 'aws_default_network_acl']) {
    for (const n of model.ofType(type)) {
      const group = ownGroup(model, n);
      for (const direction of ['ingress', 'egress'] as const) {
        const undecided = undecidedBlocks(n.values[direction]);
        if (undecided) push(out, { kind: 'network-acl', direction, stack: n.stack, holder: n, where: direction, group, span: undefined, ruleNo: undefined, allow: undefined, wholeListUndecided: true }, [undecided], 'no CIDR');
        blocks(n.values[direction]).forEach((b, i) => entry(n, `${direction}[${i}]`, group, direction, b, b.rule_no, b.action));
      }
    }
  }
  for (const r of model.ofType('aws_network_acl_rule')) {
    const egress = asBool(r.values.egress);
    entry(r, r.address, groupOf(model, r, 'network_acl_id', 'network-acl'), egress === true ? 'egress' : 'ingress', r.values, r.values.rule_number, r.values.rule_action);
  }
  return out;
});

/** Security-group and network-ACL permissions together. */
export function networkPermissions(model: Model): readonly NetPermission[] {
  return [...securityGroupPermissions(model), ...networkAclPermissions(model)];
}

/** Canonical text of a peer (CIDRs in canonical spelling), for comparisons and messages. */
export function peerText(p: Peer): string {
  switch (p.kind) {
    case 'cidr':
      return p.cidr.text;
    case 'internal':
    case 'unknown':
      return p.text;
    case 'security-group':
      return `security group ${p.ref}`;
    case 'prefix-list':
      return `prefix list ${p.ref}`;
    case 'self':
      return 'self';
  }
}

/** Groups permissions by stack and group key. */
export function byGroup(perms: readonly NetPermission[]): Map<string, NetPermission[]> {
  const out = new Map<string, NetPermission[]>();
  for (const p of perms) {
    const k = `${p.stack}\u0000${p.group.key}`;
    const l = out.get(k);
    if (l) l.push(p);
    else out.set(k, [p]);
  }
  return out;
}

/** Ports of one group that the union of its permissions opens to a whole address family. */
export interface WorldExposure {
  /** `22/SSH, 3389/RDP` or `all ports`. */
  ports: string;
  families: Array<'IPv4' | 'IPv6'>;
  /** The permissions whose blocks together make up the world. */
  via: NetPermission[];
}

function worldOver(perms: readonly NetPermission[], passes: (s: PortSpan) => boolean): { families: Array<'IPv4' | 'IPv6'>; via: NetPermission[] } {
  const hits = perms.filter((p) => p.span !== undefined && passes(p.span) && p.peer.kind === 'cidr');
  const families = worldFamilies(hits.map((p) => (p.peer as { cidr: Cidr }).cidr));
  const fam = families.map((f) => (f === 'IPv4' ? 4 : 6));
  return { families, via: hits.filter((p) => fam.includes((p.peer as { cidr: Cidr }).cidr.family)) };
}

/**
 * World exposure of one security group in one direction (allow-only semantics: the union of every permission's
 * blocks counts): each port of `ports` and, with `allPorts`, every port at once. `unknown` lists the permissions the
 * plan cannot show (protocol/ports or CIDR known only after apply) that could add to it.
 */
export function worldExposures(perms: readonly NetPermission[], ports: readonly number[], allPorts: boolean): { exposures: WorldExposure[]; unknown: NetPermission[] } {
  const exposures: WorldExposure[] = [];
  if (allPorts) {
    const all = worldOver(perms, isAllPorts);
    if (all.families.length > 0) exposures.push({ ports: 'all ports', ...all });
  }
  const byVia = new Map<string, WorldExposure & { list: number[] }>();
  for (const port of ports) {
    const w = worldOver(perms, (s) => spanHasPort(s, port));
    if (w.families.length === 0) continue;
    const k = `${w.families.join()}|${w.via.map((p) => `${p.holder.key}#${p.where}`).join()}`;
    const e = byVia.get(k);
    if (e) e.list.push(port);
    else byVia.set(k, { ports: '', list: [port], ...w });
  }
  for (const e of byVia.values()) exposures.push({ ports: describePorts(e.list), families: e.families, via: e.via });
  const matters = (s: PortSpan | undefined) => s === undefined || (allPorts && isAllPorts(s)) || ports.some((p) => spanHasPort(s, p));
  const unknown = perms.filter((p) => (p.peer.kind === 'unknown' && matters(p.span)) || (p.span === undefined && p.peer.kind === 'cidr' && isPublicCidr(p.peer.cidr)));
  return { exposures, unknown };
}

/** `0.0.0.0/0` for one block, else `the whole IPv4 internet (0.0.0.0/1 + 128.0.0.0/1)`. */
export function describeWorld(e: WorldExposure): string {
  const blocksText = [...new Set(e.via.map((p) => peerText(p.peer)))];
  return blocksText.length === 1 ? blocksText[0] : `the whole ${e.families.join(' and ')} internet (${blocksText.join(' + ')})`;
}

/**
 * What a network ACL admits from (ingress) / to (egress) the world, evaluated as AWS does: entries by ascending rule
 * number, first match wins, per address. For `port` (or every port at once with `'all'`), returns the allowing
 * entries that together let a whole address family through; `unknown` lists entries the plan cannot show.
 */
export function naclWorldAdmits(entries: readonly NetPermission[], direction: 'ingress' | 'egress', port: number | 'all'): { families: Array<'IPv4' | 'IPv6'>; via: NetPermission[]; unknown: NetPermission[] } {
  const mine = entries.filter((e) => e.direction === direction);
  const unknown = mine.filter((e) => e.span === undefined || e.ruleNo === undefined || e.allow === undefined || e.peer.kind === 'unknown');
  const unknownSet = new Set(unknown);
  const known = mine.filter((e) => !unknownSet.has(e) && e.peer.kind === 'cidr').sort((a, b) => a.ruleNo! - b.ruleNo!);
  const families = new Set<'IPv4' | 'IPv6'>();
  const via = new Set<NetPermission>();
  // An entry matches packets of its own protocol only: a UDP deny lets TCP through to the entries after it. The
  // administration and database services listen on TCP; "every port" means every TCP or every UDP port.
  for (const traffic of port === 'all' ? (['tcp', 'udp'] as const) : (['tcp'] as const)) {
    const matches = (s: PortSpan) => (s.protocol === 'all' || s.protocol === traffic) && (port === 'all' ? isAllPorts(s) : spanHasPort(s, port));
    const ordered = known.filter((e) => matches(e.span!));
    for (const family of [4, 6] as const) {
      const contributors = entriesAdmittingFamily(ordered, family);
      if (contributors === undefined) continue;
      families.add(family === 4 ? 'IPv4' : 'IPv6');
      for (const e of contributors) via.add(e);
    }
  }
  return { families: (['IPv4', 'IPv6'] as const).filter((f) => families.has(f)), via: [...via], unknown };
}

/** First match wins, per address: the allowing entries that together admit every address of `family`, if they do. */
function entriesAdmittingFamily(ordered: readonly NetPermission[], family: 4 | 6): NetPermission[] | undefined {
  const decided = new AddressSet(family);
  const allowed = new AddressSet(family);
  const contributors: NetPermission[] = [];
  for (const e of ordered) {
    const c = (e.peer as { cidr: Cidr }).cidr;
    if (c.family !== family) continue;
    const fresh = decided.outside(c.first, c.last);
    if (e.allow && fresh.length > 0) {
      for (const [a, b] of fresh) allowed.add(a, b);
      contributors.push(e);
    }
    decided.add(c.first, c.last);
  }
  return allowed.isEverything ? contributors : undefined;
}

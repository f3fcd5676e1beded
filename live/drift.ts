import type { Model } from '../policies/model/model';
import { groupBy } from '../policies/model/group';
import { knownRegion } from '../policies/model/region';
import type { Resource } from '../policies/model/types';
import { asBool, isToken, strings } from '../policies/model/values';
import { literalValue, networkPermissions, type NetPermission, type PortSpan } from '../policies/normal/network';
import type { LiveDocument } from './to-terraform';

/**
 * Drift between the deployed account (the live model) and the synthesized intent (`cdktf.out`).
 * Every item says why it was classified the way it was, so an auditor can check the reasoning.
 */
export type DriftKind =
  /** In AWS, and nothing in the code for the region claims it. */
  | 'unmanaged'
  /** A security-group rule or NACL entry in AWS that the code does not declare. */
  | 'rule-not-in-code'
  /** Declared in code (resource, SG rule, NACL entry), absent from AWS. */
  | 'missing-in-aws'
  /** Both exist, but a compared setting differs. */
  | 'changed';

export interface DriftItem {
  kind: DriftKind;
  region: string;
  /** Where to report it: the live resource (`live:<region>`) or the intended one (its stack). */
  stack: string;
  address: string;
  /** The intended resource, when the item is about code (for file/jsonPath in reports). */
  intended?: Resource;
  /** The live resource, when the item is about AWS. */
  live?: Resource;
  message: string;
}

/** A live resource paired with the resource of the code that declares it. */
export interface DriftMatch {
  region: string;
  live: Resource;
  intended: Resource;
  /** How they were matched, e.g. `type aws_subnet and Name tag "production-app-a"`. */
  reason: string;
}

export interface DriftResult {
  items: DriftItem[];
  matches: DriftMatch[];
  /** Regions and the intended stacks they were compared with. */
  scopes: Array<{ region: string; stacks: string[] }>;
}

/** Resource types matched one by one between AWS and code. */
export const MATCHED_TYPES = ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_security_group', 'aws_network_acl', 'aws_flow_log', 'aws_instance', 'aws_launch_template', 'aws_ebs_volume'] as const;

/** Tag the estate's provider default tags write on every resource. */
export const MANAGED_BY_TAG = { key: 'ManagedBy', value: 'palisade' } as const;

/** The literal value of an attribute, following one `${type.name.attr}` reference inside the stack. */
const literal = literalValue;

function nameOf(model: Model, r: Resource): string | undefined {
  return literal(model, r, model.effectiveTags(r).Name);
}

function providerRegion(r: Resource): string | undefined {
  return knownRegion(r.provider);
}

function accountAllowed(r: Resource, accountId: string | undefined): boolean {
  if (!accountId) return true;
  const ids = strings(r.provider?.allowedAccountIds);
  return ids.length === 0 || ids.includes(accountId);
}

// ---- firewall rules, from the shared normal form ---------------------------------------------

/** A firewall permission reduced to what decides traffic, as a comparable key and a readable text. */
interface Permission {
  key: string;
  text: string;
  holder: Resource;
}

function ports(span: PortSpan): string {
  if (span.protocol === 'all') return 'all ports';
  if (span.protocol === 'icmp' || span.protocol === 'icmpv6') return `type ${span.from} code ${span.to}`;
  return span.from === span.to ? `port ${span.from}` : `ports ${span.from}-${span.to}`;
}

class PermissionSet {
  readonly perms: Permission[] = [];
  /** Declared permissions whose values are only known after apply (cannot be compared). */
  readonly unresolved: string[] = [];
}

function groupName(model: Model, sg: Resource): string {
  if (sg.type === 'aws_default_security_group') return 'default';
  return literal(model, sg, sg.values.name) ?? nameOf(model, sg) ?? sg.address;
}

/** The peer as both sides can name it: a canonical CIDR, a prefix list id, or a group by name. */
function peerLabel(model: Model, p: NetPermission, own: Resource): string | undefined {
  switch (p.peer.kind) {
    case 'cidr':
      return p.peer.cidr.text;
    case 'prefix-list':
      return isToken(p.peer.ref) ? undefined : `prefix list ${literal(model, p.holder, p.peer.ref) ?? p.peer.ref}`;
    case 'self':
      return `group ${groupName(model, own)}`;
    case 'security-group': {
      const target = model.get(p.holder.stack, p.peer.ref);
      if (target) return `group ${groupName(model, target)}`;
      if (isToken(p.peer.ref)) return undefined;
      return p.peer.ref === own.values.id ? `group ${groupName(model, own)}` : `group ${p.peer.ref}`;
    }
    default:
      return undefined;
  }
}

const byGroupCache = new WeakMap<Model, Map<Resource, NetPermission[]>>();

/** Every permission of a security group or network ACL: inline blocks plus the rule resources on it. */
function permissionsOf(model: Model, group: Resource): PermissionSet {
  let byGroup = byGroupCache.get(model);
  if (!byGroup) byGroupCache.set(model, (byGroup = groupBy(networkPermissions(model), (p) => p.group.resource)));
  const set = new PermissionSet();
  for (const p of byGroup.get(group) ?? []) {
    const where = p.holder === group ? `${group.address} ${p.where}` : p.holder.address;
    const peer = peerLabel(model, p, group);
    const nacl = p.kind === 'network-acl';
    if (p.span === undefined || peer === undefined || (nacl && (p.ruleNo === undefined || p.allow === undefined))) {
      set.unresolved.push(where);
      continue;
    }
    const label = nacl ? `${p.direction} rule #${p.ruleNo} ${p.allow ? 'allow' : 'deny'}` : p.direction;
    const traffic = p.span.protocol === 'all' ? 'all traffic' : `${p.span.protocol} ${ports(p.span)}`;
    const text = `${label} ${traffic} ${p.direction === 'ingress' ? 'from' : 'to'} ${peer}`;
    set.perms.push({ key: text, text, holder: p.holder });
  }
  return set;
}

// ---- matching --------------------------------------------------------------------------------

interface RegionInput {
  doc: LiveDocument;
  live: Model;
  intent: Model;
}

function vpcOf(model: Model, r: Resource): Resource | undefined {
  if (r.type === 'aws_vpc') return r;
  return model.targets(r, 'vpc_id', 'aws_vpc')[0] ?? model.targets(r, 'default_network_acl_id', 'aws_vpc')[0];
}

/** Compares one region. */
function compareRegion({ doc, live, intent }: RegionInput, result: DriftResult): void {
  const region = doc.region;
  const inScope = (r: Resource) => r.mode === 'managed' && providerRegion(r) === region && accountAllowed(r, doc.accountId);
  const intended = intent.resources.filter(inScope);
  const stacks = [...new Set(intended.map((r) => r.stack))];
  result.scopes.push({ region, stacks });
  const stackList = stacks.length > 0 ? stacks.join(', ') : `none (no stack in the code targets ${region}${doc.accountId ? ` for account ${doc.accountId}` : ''})`;
  const liveRes = live.resources.filter((r) => r.stack === doc.stack);

  const pairs = new Map<Resource, Resource>(); // live → intended
  const claimed = new Set<Resource>();
  const pair = (l: Resource, i: Resource, reason: string) => {
    pairs.set(l, i);
    claimed.add(i);
    result.matches.push({ region, live: l, intended: i, reason });
  };
  const vpcConsistent = (l: Resource, i: Resource) => {
    if (l.type === 'aws_vpc') return true;
    const lv = vpcOf(live, l);
    const iv = vpcOf(intent, i);
    if (!lv || !iv) return true;
    const mapped = pairs.get(lv);
    return mapped === undefined || mapped === iv;
  };

  for (const type of MATCHED_TYPES) {
    const candidates = intended.filter((r) => r.type === type);
    for (const l of liveRes.filter((r) => r.type === type)) {
      if (doc.awsCreated.has(l.address) && l.type !== 'aws_vpc') continue;
      const free = candidates.filter((i) => !claimed.has(i) && vpcConsistent(l, i));
      const lName = nameOf(live, l);
      let hit = lName ? free.find((i) => nameOf(intent, i) === lName) : undefined;
      if (hit) {
        pair(l, hit, `type ${type} and Name tag "${lName}"`);
        continue;
      }
      if (type === 'aws_security_group' || type === 'aws_launch_template') {
        const n = literal(live, l, l.values.name);
        hit = n ? free.find((i) => literal(intent, i, i.values.name) === n) : undefined;
        if (hit) {
          pair(l, hit, `type ${type} and name "${n}"`);
          continue;
        }
      }
      if (type === 'aws_flow_log') {
        const lv = live.targets(l, 'vpc_id', 'aws_vpc')[0];
        const iv = lv ? pairs.get(lv) : undefined;
        hit = iv ? free.find((i) => intent.refersTo(i, iv, 'vpc_id') && String(i.values.traffic_type ?? '') === String(l.values.traffic_type ?? '')) : undefined;
        if (hit) {
          pair(l, hit, `type aws_flow_log on the matched VPC ${iv!.address} with traffic_type ${String(l.values.traffic_type)}`);
          continue;
        }
      }
    }
  }

  // AWS-created companions of a matched VPC that the code adopts (aws_default_*).
  const adopted: Array<[string, string, string]> = [
    ['aws_default_security_group', 'aws_default_security_group', 'vpc_id'],
    ['aws_default_network_acl', 'aws_default_network_acl', 'default_network_acl_id'],
    ['aws_route_table', 'aws_default_route_table', 'default_route_table_id'],
  ];
  for (const [liveType, intentType, attr] of adopted) {
    for (const l of liveRes.filter((r) => r.type === liveType && doc.awsCreated.has(r.address))) {
      const lv = vpcOf(live, l) ?? live.referrers(l, 'aws_main_route_table_association', 'route_table_id').flatMap((a) => live.targets(a, 'vpc_id', 'aws_vpc'))[0];
      const iv = lv ? pairs.get(lv) : undefined;
      if (!iv) continue;
      const hit = intended.find((i) => i.type === intentType && !claimed.has(i) && intent.targets(i, attr).includes(iv));
      if (hit) pair(l, hit, `${intentType} of the matched VPC ${iv.address} (${lv!.address})`);
    }
  }

  const push = (item: Omit<DriftItem, 'region'>) => result.items.push({ region, ...item });
  // An instance an auto scaling group launched from a launch template that the code declares for that group.
  const launchedByManagedFleet = (instance: Resource): boolean => {
    if (typeof instance.values.auto_scaling_group_name !== 'string') return false;
    return live.targets(instance, 'launch_template', 'aws_launch_template').some((lt) => {
      const declared = pairs.get(lt);
      return declared !== undefined && intent.referrers(declared, 'aws_autoscaling_group').length > 0;
    });
  };

  // Live resources nobody claims.
  for (const type of MATCHED_TYPES) {
    for (const l of liveRes.filter((r) => r.type === type)) {
      if (pairs.has(l)) continue;
      const created = doc.awsCreated.has(l.address);
      if (created && type !== 'aws_vpc') continue; // AWS-made companions: judged by the baseline rules, not as drift
      if (type === 'aws_ebs_volume' && live.referrers(l).some((r) => r.type === 'aws_instance')) continue; // managed through its instance
      if (type === 'aws_instance' && launchedByManagedFleet(l)) continue; // managed through its auto scaling group
      const tags = live.effectiveTags(l);
      const lName = tags.Name;
      const id = typeof l.values.id === 'string' ? l.values.id : l.name;
      const what = `${type} ${id}${lName ? ` (Name "${lName}")` : ''}`;
      const codeSays = `no ${type} ${lName ? `with Name "${lName}"` : 'matches it (it has no Name tag)'} in the stacks for ${region}: ${stackList}`;
      if (created) {
        push({ kind: 'unmanaged', stack: l.stack, address: l.address, live: l, message: `${what} is the default VPC created by AWS and is not in the code; delete it (or adopt it) so nothing lands in it by accident. Matching: ${codeSays}.` });
      } else if (tags[MANAGED_BY_TAG.key] === MANAGED_BY_TAG.value) {
        push({
          kind: 'unmanaged',
          stack: l.stack,
          address: l.address,
          live: l,
          message: `${what} is tagged ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value}${tags.Stack ? `, Stack=${tags.Stack}` : ''} but ${codeSays}; it was removed or renamed in code without being destroyed, or the tags were copied by hand.`,
        });
      } else {
        push({ kind: 'unmanaged', stack: l.stack, address: l.address, live: l, message: `${what} is not managed by Terraform: it has no ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value} tag and ${codeSays}.` });
      }
    }
  }

  // Code that AWS does not have.
  for (const i of intended.filter((r) => (MATCHED_TYPES as readonly string[]).includes(r.type))) {
    if (claimed.has(i)) continue;
    const n = nameOf(intent, i) ?? (i.type === 'aws_security_group' || i.type === 'aws_launch_template' ? literal(intent, i, i.values.name) : undefined);
    push({
      kind: 'missing-in-aws',
      stack: i.stack,
      address: i.address,
      intended: i,
      message: n
        ? `${i.stack}/${i.address} (${i.type} "${n}") is in the code but nothing of that type and name exists in ${region}: not deployed yet, destroyed, or renamed outside Terraform.`
        : `${i.stack}/${i.address} is in the code but has no literal Name tag, so it cannot be matched to anything in ${region}.`,
    });
  }

  // Firewall rules of matched groups and ACLs.
  for (const [l, i] of pairs) {
    let ls: PermissionSet;
    let is: PermissionSet;
    let noun: string;
    if (l.type === 'aws_security_group' || l.type === 'aws_default_security_group') {
      ls = permissionsOf(live, l);
      is = permissionsOf(intent, i);
      noun = 'security-group rule';
    } else if (l.type === 'aws_network_acl' || l.type === 'aws_default_network_acl') {
      ls = permissionsOf(live, l);
      is = permissionsOf(intent, i);
      noun = 'network ACL entry';
    } else continue;
    const liveKeys = new Set(ls.perms.map((p) => p.key));
    const codeKeys = new Set(is.perms.map((p) => p.key));
    const caveat = is.unresolved.length > 0 ? ` (${is.unresolved.length} declared rule(s) of ${i.address} are only known after apply and were not compared: ${is.unresolved.join(', ')})` : '';
    for (const p of ls.perms) {
      if (codeKeys.has(p.key)) continue;
      push({
        kind: 'rule-not-in-code',
        stack: l.stack,
        address: p.holder.address,
        live: p.holder,
        message: `${noun} "${p.text}" of ${l.address} (${String(l.values.id ?? '')}) exists in AWS but not in ${i.stack}/${i.address}: added by hand or by another tool${caveat}.`,
      });
    }
    for (const p of is.perms) {
      if (liveKeys.has(p.key)) continue;
      push({
        kind: 'missing-in-aws',
        stack: p.holder.stack,
        address: p.holder.address,
        intended: p.holder,
        message: `${noun} "${p.text}" declared by ${i.stack}/${p.holder.address} is missing from ${l.address} (${String(l.values.id ?? '')}) in ${region}: removed by hand or never applied.`,
      });
    }
  }

  // Region-wide EBS encryption settings.
  const liveEbs = liveRes.find((r) => r.type === 'aws_ebs_encryption_by_default');
  const codeEbs = intended.find((r) => r.type === 'aws_ebs_encryption_by_default');
  if (liveEbs && codeEbs) {
    const want = asBool(codeEbs.values.enabled);
    const have = asBool(liveEbs.values.enabled);
    if (want !== undefined && want !== have) {
      push({ kind: 'changed', stack: liveEbs.stack, address: liveEbs.address, live: liveEbs, message: `EBS encryption by default is ${have ? 'enabled' : 'disabled'} in ${region}, but ${codeEbs.stack}/${codeEbs.address} sets enabled = ${want}.` });
    }
    const codeKey = intended.find((r) => r.type === 'aws_ebs_default_kms_key');
    if (codeKey && !liveRes.some((r) => r.type === 'aws_ebs_default_kms_key')) {
      push({ kind: 'changed', stack: liveEbs.stack, address: liveEbs.address, live: liveEbs, message: `The default EBS KMS key in ${region} is the AWS-managed alias/aws/ebs, but ${codeKey.stack}/${codeKey.address} sets a customer-managed key.` });
    }
  }
}

/** Drift of every live region against the synthesized intent. */
export function computeDrift(documents: readonly LiveDocument[], live: Model, intent: Model): DriftResult {
  const result: DriftResult = { items: [], matches: [], scopes: [] };
  for (const doc of documents) compareRegion({ doc, live, intent }, result);
  return result;
}


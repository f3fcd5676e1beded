import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { byGroup, securityGroupPermissions, worldExposures, describeWorld, type NetPermission } from '../../normal/network';
import { fail, pass, unproven, type RuleResult } from '../types';

/**
 * The security-group world check both SG rules share: per group (inline blocks and rule resources together, so
 * `0.0.0.0/1` + `128.0.0.0/1` on two rules is the world), every holder contributing to a world exposure fails,
 * a holder whose values are known only after apply is unproven, the others pass.
 */
export function judgeWorldSecurityGroups(model: Model, direction: 'ingress' | 'egress', ports: readonly number[], noun: string): RuleResult[] {
  const holders = new Map<Resource, { issues: string[]; unknown: string[] }>();
  const entry = (r: Resource) => {
    let e = holders.get(r);
    if (!e) holders.set(r, (e = { issues: [], unknown: [] }));
    return e;
  };
  for (const sg of [...model.ofType('aws_security_group'), ...model.ofType('aws_default_security_group')]) entry(sg);
  const perms = securityGroupPermissions(model).filter((p) => p.direction === direction);
  for (const p of perms) entry(p.holder);
  const word = direction === 'ingress' ? 'from' : 'to';
  for (const group of byGroup(perms).values()) {
    const { exposures, unknown } = worldExposures(group, ports, true);
    for (const e of exposures) {
      for (const p of new Set(e.via.map((v) => v.holder))) {
        const others = [...new Set(e.via.filter((v) => v.holder !== p).map((v) => v.holder.address))];
        const where = e.via.filter((v) => v.holder === p).map((v) => v.where)[0];
        entry(p).issues.push(`${where} allows ${e.ports} ${word} ${describeWorld(e)}${others.length > 0 ? ` together with ${others.join(', ')}` : ''}`);
      }
    }
    for (const p of unknown) entry(p.holder).unknown.push(unknownText(p));
  }
  const out: RuleResult[] = [];
  for (const [r, { issues, unknown }] of holders) {
    if (issues.length > 0) out.push(fail(r, `${r.address}: ${[...new Set(issues)].join('; ')}.`));
    else if (unknown.length > 0) out.push(unproven(r, `Whether ${r.address} opens ${noun} to the world`, [...new Set(unknown)].join('; ')));
    else out.push(pass(r, `${r.address} opens ${noun} to no world CIDR.`));
  }
  return out;
}

function unknownText(p: NetPermission): string {
  if (p.peer.kind === 'unknown' && p.peer.absent) return `${p.where} names ${p.peer.text}, so what it admits is not in the configuration`;
  if (p.peer.kind === 'unknown') return `the CIDR of ${p.where} (${p.peer.text}) is known only after apply`;
  return `the protocol or ports of ${p.where} are known only after apply`;
}

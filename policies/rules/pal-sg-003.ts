import type { Resource } from '../model/types';
import { asString } from '../model/values';
import { peerText, securityGroupPermissions } from '../normal/network';
import { fail, notApplicable, pass, unprovenAs, type Rule, type RuleResult } from './types';

/** Source: checkov CKV_AWS_23 (every security group and rule has a description). */
export const sgDescriptions: Rule = {
  id: 'PAL-SG-003',
  title: 'Every security group and security group rule has a description.',
  rationale: 'Descriptions document why a path is open, which makes firewall reviews and change testing possible.',
  severity: 'low',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_23'], fsbp: [], cis: [], ccm: ['IVS-08'] },
  fixHint: 'Set description on the aws_security_group and on each ingress/egress block or rule resource.',
  evaluate(model) {
    const holders = new Map<Resource, string[]>();
    const undecided = new Map<Resource, string[]>();
    for (const sg of model.ofType('aws_security_group')) holders.set(sg, asString(sg.values.description) ? [] : ['the group has no description']);
    for (const p of securityGroupPermissions(model)) {
      if (p.holder.type === 'aws_default_security_group') continue;
      if (!holders.has(p.holder)) holders.set(p.holder, []);
      if (p.wholeListUndecided) {
        undecided.set(p.holder, [...(undecided.get(p.holder) ?? []), `${p.where} (${peerText(p.peer)})`]);
        continue;
      }
      const issue = `${p.where} has no description`;
      if (!p.description && !holders.get(p.holder)!.includes(issue)) holders.get(p.holder)!.push(issue);
    }
    if (holders.size === 0) return [notApplicable('No security group or security group rule in scope.')];
    const out: RuleResult[] = [];
    for (const [r, issues] of holders) {
      const unknown = undecided.get(r);
      if (issues.length > 0) out.push(fail(r, `${r.address}: ${issues.join('; ')}.`));
      else if (unknown) out.push(unprovenAs(r, `Whether the rules of ${r.address} are described cannot be shown: ${unknown.join(' and ')} is decided at apply.`));
      else out.push(pass(r, `${r.address} and its rules are described.`));
    }
    return out;
  },
};

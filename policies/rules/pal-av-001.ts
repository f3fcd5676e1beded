import { ANTIVIRUS_TAG } from '../facts';
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, blocks, sameName, strings } from '../model/values';
import { decodeUserData, instanceTags, launchResources, tierOf } from './lib/ec2';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Tiers whose hosts handle application data and so must run the antivirus agent. */
export const ANTIVIRUS_TIERS: readonly string[] = ['app', 'data'];
/** Tag marking an SSM document as the antivirus self-check (set by HardenedHostFleet). */
export const ANTIVIRUS_DOCUMENT_TAG = ANTIVIRUS_TAG;
/** The self-check script the Palisade document runs; a document whose content runs it counts too. */
export const ANTIVIRUS_SELFCHECK_MARKER = 'palisade-av-selfcheck';

/**
 * The evidence this rule accepts (documented in policies/README.md terms):
 * an `aws_ssm_association` whose document is the antivirus self-check (an `aws_ssm_document` tagged
 * `Antivirus = clamav` or whose content runs `palisade-av-selfcheck`) and whose `targets` select the host — a
 * `tag:<Key>` target whose values include the tag the host is launched with (launch template `instance` tag
 * specifications, tags its Auto Scaling groups propagate, or the instance's own tags), or `InstanceIds` naming it.
 * Installing ClamAV in user data alone does not count: nothing would notice the agent breaking or its signatures
 * going stale. No other tool checks this (controls.md, "Gaps").
 */
export const antivirusAgent: Rule = {
  id: 'PAL-AV-001',
  title: 'Every launch template and instance in an app or data tier is covered by the daily antivirus self-check association.',
  rationale: 'Hosts that accept uploads or hold data need malware protection with current signatures (CCM TVM-02, TVM-04); the State Manager association proves the agent daily and marks a host without it non-compliant.',
  severity: 'high',
  routine: 'antivirus',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['TVM-02', 'TVM-04', 'IVS-04'] },
  fixHint: 'Use HardenedHostFleet, or add an aws_ssm_association running the antivirus self-check document (tag Antivirus = clamav) with targets { key = "tag:PalisadeFleet", values = [<the tag the hosts are launched with>] }.',
  evaluate(model) {
    const hosts = launchResources(model, ['aws_launch_template', 'aws_instance']);
    if (hosts.length === 0) return [notApplicable('No launch template or instance in scope.')];
    const associations = model.ofType('aws_ssm_association').filter((a) => isAntivirusAssociation(model, a));
    const out: RuleResult[] = [];
    for (const host of hosts) {
      const tier = tierOf(model, host);
      if (!tier || !ANTIVIRUS_TIERS.includes(tier)) {
        out.push(notApplicable(`${host.address} is ${tier ? `in tier ${tier}` : 'not tagged with a Tier'}; the antivirus requirement covers ${ANTIVIRUS_TIERS.join(' and ')}.`, host));
        continue;
      }
      const tags = instanceTags(model, host);
      const covering = associations.find((a) => targetsHost(model, a, host, tags));
      if (covering) {
        out.push(pass(host, `${host.address} (${tier} tier) is checked by antivirus association ${covering.address}.`));
        continue;
      }
      const installs = /\bclamav\b/i.test(decodeUserData(host)?.text ?? '');
      const why = associations.length === 0
        ? 'no aws_ssm_association runs the antivirus self-check document'
        : `none of the antivirus associations (${associations.map((a) => a.address).join(', ')}) targets it (instance tags: ${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'})`;
      out.push(fail(host, `${host.address} (${tier} tier): ${why}${installs ? '; its user data installs ClamAV, but nothing verifies the agent or its signatures' : ''}.`));
    }
    return out;
  },
};

/** Whether an association runs the antivirus self-check document. */
export function isAntivirusAssociation(model: Model, association: Resource): boolean {
  const documents = model.targets(association, 'name', 'aws_ssm_document');
  const literal = asString(association.values.name);
  if (documents.length === 0 && literal) documents.push(...model.ofType('aws_ssm_document').filter((d) => sameName(d.values.name, literal)));
  return documents.some((d) => model.effectiveTags(d)[ANTIVIRUS_DOCUMENT_TAG.key] === ANTIVIRUS_DOCUMENT_TAG.value
    || (typeof d.values.content === 'string' && d.values.content.includes(ANTIVIRUS_SELFCHECK_MARKER)));
}

function targetsHost(model: Model, association: Resource, host: Resource, tags: Record<string, string>): boolean {
  if (host.type === 'aws_instance' && model.refersTo(association, host)) return true;
  return blocks(association.values.targets).some((t) => {
    const key = asString(t.key) ?? '';
    const values = strings(t.values);
    if (key.startsWith('tag:')) {
      const value = tags[key.slice(4)];
      return value !== undefined && values.includes(value);
    }
    return key === 'InstanceIds' && values.includes('*');
  });
}

import { isToken } from '../model/values';
import { decodeUserData, launchResources } from './lib/ec2';
import { READS_FILE, SECRET_ATTRIBUTES, secretIn } from './pal-secret-001';
import { fail, notApplicable, pass, unprovenAs, type Rule, type RuleResult } from './types';

/**
 * Source: checkov CKV_AWS_46 (no secrets in EC2 user data); CSA CCM DSP-17. Goes beyond PAL-SECRET-001 by reading
 * user data as EC2 receives it: base64 and gzip literals are decoded, and `${base64gzip("…")}` /
 * `${base64encode("…")}` calls on a string literal are inspected through that literal.
 */
export const ec2UserDataNoSecrets: Rule = {
  id: 'PAL-EC2-005',
  title: 'Decoded user data of launch templates, launch configurations and instances holds no secrets.',
  rationale: 'User data is readable by anyone with ec2:DescribeLaunchTemplateVersions or DescribeInstanceAttribute, by every process on the host through the metadata service, and is stored in state; compressing or encoding it hides nothing.',
  severity: 'critical',
  routine: 'passwords',
  controls: { checkov: ['CKV_AWS_46'], fsbp: [], cis: [], ccm: ['DSP-17', 'IVS-04'] },
  fixHint: 'Keep secrets in Secrets Manager or SSM Parameter Store (SecureString) and fetch them at boot with the instance role.',
  evaluate(model) {
    const out: RuleResult[] = [];
    for (const r of launchResources(model)) {
      const userData = decodeUserData(r);
      if (!userData) continue;
      // Only an expression can reference a secret attribute or read a file (a literal, even encoded, reads nothing).
      const raw = r.values[userData.attribute] as string;
      const expression = isToken(raw) && !userData.how.endsWith('() literal');
      const what = secretIn(userData.text) ?? (expression && SECRET_ATTRIBUTES.test(raw) ? 'a reference to a secret attribute' : undefined);
      if (!what && expression && READS_FILE.test(raw)) {
        out.push(unprovenAs(r, `Whether ${r.address}: ${userData.attribute} holds a secret cannot be shown: it is read from a file (${raw.length > 120 ? `${raw.slice(0, 120)}…` : raw}) this input does not include.`));
        continue;
      }
      out.push(what
        ? fail(r, `${r.address}: ${userData.attribute} (${userData.how}) contains ${what}.`)
        : pass(r, `${r.address}: ${userData.attribute} (${userData.how}, ${userData.text.length} characters) holds no secret-looking value.`));
    }
    return out.length > 0 ? out : [notApplicable('No user data in scope.')];
  },
};

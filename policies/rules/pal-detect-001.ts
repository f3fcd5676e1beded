import type { Resource } from '../model/types';
import { asString, blocks, boolSettingOr } from '../model/values';
import { fail, notApplicable, pass, unprovenAs, type Rule, type RuleResult } from './types';

/** Protection plans the baseline expects on every detector. */
export const REQUIRED_GUARDDUTY_FEATURES = ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RUNTIME_MONITORING', 'RDS_LOGIN_EVENTS', 'EKS_AUDIT_LOGS', 'LAMBDA_NETWORK_LOGS'] as const;

const enabled = (v: unknown) => (asString(v) ?? '').toUpperCase() === 'ENABLED';

/** Source: checkov CKV_AWS_238; AWS FSBP GuardDuty.1 (enabled), GuardDuty.8 (Malware Protection for EC2), GuardDuty.11/.13 (Runtime Monitoring). */
export const guardDutyEnabled: Rule = {
  id: 'PAL-DETECT-001',
  title: 'GuardDuty detectors are enabled with every protection plan on (one result per plan).',
  rationale: 'GuardDuty is how the security team learns of compromised credentials, instances and data access; a plan switched off is a blind spot (S3 data events, EBS malware scans, runtime, RDS logins, EKS audit logs, Lambda network activity).',
  severity: 'high',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_238'], fsbp: ['GuardDuty.1', 'GuardDuty.8', 'GuardDuty.11', 'GuardDuty.13'], cis: [], ccm: ['LOG-03', 'LOG-05', 'TVM-02'] },
  fixHint: 'Set enable = true on aws_guardduty_detector and add an aws_guardduty_detector_feature with status = "ENABLED" for each plan (RUNTIME_MONITORING with additional_configuration EC2_AGENT_MANAGEMENT = ENABLED).',
  evaluate(model) {
    const detectors = model.ofType('aws_guardduty_detector');
    const features = model.ofType('aws_guardduty_detector_feature');
    if (detectors.length === 0 && features.length === 0) return [notApplicable('No aws_guardduty_detector in scope.')];
    const out: RuleResult[] = [];
    const attached = new Set<Resource>();
    for (const d of detectors) {
      const enable = boolSettingOr(d.values.enable, true);
      if (enable === 'unknown') out.push(unprovenAs(d, `Whether detector ${d.address} is enabled cannot be shown: enable is ${String(d.values.enable)}, decided at apply.`));
      else if (!enable) out.push(fail(d, `Detector ${d.address} is disabled (enable = false).`));
      else out.push(pass(d, `Detector ${d.address} is enabled.`));
      const mine = model.referrers(d, 'aws_guardduty_detector_feature', 'detector_id');
      mine.forEach((f) => attached.add(f));
      for (const name of REQUIRED_GUARDDUTY_FEATURES) {
        const f = mine.find((x) => asString(x.values.name) === name);
        if (!f) {
          out.push(fail(d, `Detector ${d.address} does not configure ${name} (no aws_guardduty_detector_feature).`));
          continue;
        }
        if (!enabled(f.values.status)) {
          out.push(fail(f, `${name} of ${d.address} is ${String(f.values.status ?? 'unset')}.`));
          continue;
        }
        if (name === 'RUNTIME_MONITORING') {
          const agent = blocks(f.values.additional_configuration).find((c) => c.name === 'EC2_AGENT_MANAGEMENT');
          if (!agent || !enabled(agent.status)) {
            out.push(fail(f, `RUNTIME_MONITORING of ${d.address} does not manage the EC2 agent (EC2_AGENT_MANAGEMENT ${agent ? String(agent.status) : 'missing'}): EC2 instances are not monitored.`, 'medium'));
            continue;
          }
        }
        out.push(pass(f, `${name} of ${d.address} is enabled.`));
      }
    }
    for (const f of features) {
      if (!attached.has(f)) out.push(fail(f, `Feature ${f.address} belongs to no detector in scope (detector removed or disabled?).`));
    }
    return out;
  },
};

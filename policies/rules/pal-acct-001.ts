import { boolSettingOr } from '../model/values';
import { fail, notApplicable, pass, unprovenAs, type Rule, type RuleResult } from './types';

/** Source: checkov CKV_AWS_106; AWS FSBP EC2.7; CIS v3.0.0 2.2.1. */
export const ebsDefaultEncryption: Rule = {
  id: 'PAL-ACCT-001',
  title: 'EBS encryption by default is enabled, with a customer-managed default key.',
  rationale: 'With default encryption no volume or snapshot of the region can be created unencrypted by mistake; a CMK keeps key policy, audit and crypto-shredding in the account\'s hands.',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_106'], fsbp: ['EC2.7'], cis: ['2.2.1'], ccm: ['CEK-03'] },
  fixHint: 'Add aws_ebs_encryption_by_default { enabled = true } and aws_ebs_default_kms_key { key_arn = <aws_kms_key>.arn }.',
  evaluate(model) {
    const settings = model.ofType('aws_ebs_encryption_by_default');
    if (settings.length === 0) return [notApplicable('No aws_ebs_encryption_by_default in scope.')];
    const keys = model.ofType('aws_ebs_default_kms_key');
    return settings.map((s): RuleResult => {
      const enabled = boolSettingOr(s.values.enabled, true);
      if (enabled === 'unknown') return unprovenAs(s, `Whether ${s.address} turns EBS default encryption on cannot be shown: enabled is ${String(s.values.enabled)}, decided at apply.`);
      if (!enabled) return fail(s, `EBS default encryption is disabled by ${s.address}.`);
      const sameStack = keys.filter((k) => k.stack === s.stack && k.values.key_arn);
      if (sameStack.length === 0) return fail(s, `EBS default encryption is on but uses the AWS-managed aws/ebs key (no aws_ebs_default_kms_key).`, 'low');
      return pass(s, `EBS default encryption is on with ${sameStack[0].address}.`);
    });
  },
};

import { asString } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV_AWS_158 (CloudWatch log groups encrypted with a KMS CMK). */
export const logGroupKms: Rule = {
  id: 'PAL-LOGS-001',
  title: 'CloudWatch log groups are encrypted with a customer-managed KMS key.',
  rationale: 'Logs carry IP addresses, identities and request data; a CMK adds key-policy access control, audit of decrypts and crypto-shredding.',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_158'], fsbp: [], cis: [], ccm: ['CEK-03', 'LOG-09', 'LOG-02'] },
  fixHint: 'Set kms_key_id = <aws_kms_key>.arn on the aws_cloudwatch_log_group (the key policy must allow logs.<region>.amazonaws.com).',
  evaluate(model) {
    const groups = model.ofType('aws_cloudwatch_log_group');
    if (groups.length === 0) return [notApplicable('No aws_cloudwatch_log_group in scope.')];
    return groups.map((g) => {
      if (!asString(g.values.kms_key_id)) return fail(g, `Log group ${g.address} has no kms_key_id.`);
      const keys = model.targets(g, 'kms_key_id', 'aws_kms_key');
      return pass(g, `Log group ${g.address} is encrypted with ${keys[0]?.address ?? String(g.values.kms_key_id)}.`);
    });
  },
};

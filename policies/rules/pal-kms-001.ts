import { kmsKeys } from './lib/kms';
import { asBool, asString } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS Security Hub KMS.4 / CIS AWS Foundations v3.0.0 3.6 (checkov CKV_AWS_7). */
export const kmsKeyRotation: Rule = {
  id: 'PAL-KMS-001',
  title: 'Symmetric KMS keys have automatic key rotation enabled.',
  rationale: 'Rotation limits the amount of data protected by one key version and the impact of a leaked key (Security Hub KMS.4 belongs to the CIS/NIST standards, not FSBP).',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_7'], fsbp: [], cis: ['3.6'], ccm: ['CEK-12', 'CEK-03'] },
  fixHint: 'Set enable_key_rotation = true on the aws_kms_key.',
  evaluate(model) {
    const keys = kmsKeys(model);
    if (keys.length === 0) return [notApplicable('No KMS key in scope.')];
    return keys.map((k) => {
      if (k.type === 'aws_kms_external_key' || k.type === 'aws_kms_replica_external_key') return notApplicable(`Key ${k.address} holds imported key material, which AWS cannot rotate automatically (rotate by re-importing).`, k);
      if (k.type === 'aws_kms_replica_key') return notApplicable(`Key ${k.address} is a multi-Region replica: it shares the rotation setting of its primary key, which this rule judges.`, k);
      const spec = asString(k.values.customer_master_key_spec) ?? asString(k.values.key_spec) ?? 'SYMMETRIC_DEFAULT';
      if (spec !== 'SYMMETRIC_DEFAULT') return notApplicable(`Key ${k.address} is ${spec}; AWS supports automatic rotation only for symmetric encryption keys.`, k);
      return asBool(k.values.enable_key_rotation) === true ? pass(k, `Key ${k.address} rotates automatically.`) : fail(k, `Key ${k.address} does not enable key rotation.`);
    });
  },
};

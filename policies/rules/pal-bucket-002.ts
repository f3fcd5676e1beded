import { asBool, asString, block, blocks, isToken } from '../model/values';
import { bucketSettings, unlessUncertainSetting } from './lib/s3';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: checkov CKV_AWS_21. */
export const s3Versioning: Rule = {
  id: 'PAL-BUCKET-002',
  title: 'S3 buckets have versioning enabled.',
  rationale: 'Versioning keeps overwritten and deleted objects recoverable (mistakes, ransomware) until lifecycle rules expire them.',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_21'], fsbp: [], cis: [], ccm: ['BCR-08', 'DSP-17'] },
  fixHint: 'Add aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.',
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    if (buckets.length === 0) return [notApplicable('No aws_s3_bucket in scope.')];
    return buckets.map((b) => {
      const split = bucketSettings(model, b, 'aws_s3_bucket_versioning').map((v) => asString(block(v.values.versioning_configuration)?.status));
      const inline = blocks(b.values.versioning).map((v) => (isToken(v.enabled) ? String(v.enabled) : asBool(v.enabled) ? 'Enabled' : 'Disabled'));
      const states = [...split, ...inline];
      if (states.includes('Enabled') && states.every((s) => s === 'Enabled')) return pass(b, `Bucket ${b.address} is versioned.`);
      const computed = states.filter(isToken);
      if (computed.length > 0 && states.every((s) => s === 'Enabled' || isToken(s))) return unproven(b, `The versioning of ${b.address}`, `it is the expression ${computed.join(', ')}`);
      return unlessUncertainSetting(model, b, 'aws_s3_bucket_versioning', fail(b, states.length === 0 ? `Bucket ${b.address} has no versioning configuration.` : `Bucket ${b.address} versioning is ${states.join(', ')}.`));
    });
  },
};

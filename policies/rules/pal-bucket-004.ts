import type { Statement } from '../iam/document';
import { isToken } from '../model/values';
import { bucketPolicyStatements } from './lib/s3';
import { fail, notApplicable, pass, type Rule, unprovenAs } from './types';

const CANNOT_SHOW = /cannot be shown at plan time because /g;

/** Source: AWS FSBP S3.5 / CIS v3.0.0 2.1.1 (require SSL). */
export const s3TlsOnly: Rule = {
  id: 'PAL-BUCKET-004',
  title: 'S3 bucket policies deny every request not made over TLS (aws:SecureTransport = false).',
  rationale: 'S3 accepts plain HTTP unless the bucket policy refuses it; objects and credentials-bearing requests would cross the network in clear text.',
  severity: 'high',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV_AWS_379'], fsbp: ['S3.5'], cis: ['2.1.1'], ccm: ['CEK-03', 'DSP-10'] },
  fixHint: 'Add a bucket-policy statement: Effect Deny, Principal "*", Action "s3:*", Resource bucket and bucket/*, Condition Bool aws:SecureTransport = "false" (SecureBucket does).',
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    if (buckets.length === 0) return [notApplicable('No aws_s3_bucket in scope.')];
    return buckets.map((b) => {
      const { statements, unreadable } = bucketPolicyStatements(model, b);
      const deny = statements.find(deniesInsecureTransport);
      if (deny) return pass(b, `Bucket ${b.address} denies non-TLS requests (${deny.origin}).`);
      const undecided = statements.filter(mayDenyInsecureTransport);
      if (unreadable.length > 0 || undecided.length > 0) {
        const because = [
          ...unreadable.map((u) => `${u.holder.address}: ${u.reason.replaceAll(CANNOT_SHOW, '')}`),
          ...undecided.map((st) => `the aws:SecureTransport condition of ${st.origin} is known only after apply`),
        ];
        return unprovenAs(b, `Bucket ${b.address}: TLS-only access cannot be shown at plan time because ${because.join('; ')}.`);
      }
      return fail(b, statements.length === 0 ? `Bucket ${b.address} has no bucket policy denying non-TLS requests.` : `Bucket ${b.address} policy has no Deny on aws:SecureTransport = false.`);
    });
  },
};

/** A Deny whose aws:SecureTransport condition holds values known only after apply: it may be the TLS denial. */
function mayDenyInsecureTransport(st: Statement): boolean {
  return st.effect === 'Deny' && st.conditions.some((c) => c.key.toLowerCase() === 'aws:securetransport' && [c.operator, ...c.values].some(isToken));
}

/** Deny, to everyone, of every S3 action, when aws:SecureTransport is false. */
function deniesInsecureTransport(st: Statement): boolean {
  if (st.effect !== 'Deny' || !st.principals || st.principals.negated || !st.principals.values.some((p) => p.id === '*' && (p.kind === '*' || p.kind === 'AWS'))) return false;
  if (st.actions.negated || !st.actions.values.some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
  return st.conditions.some((c) => /^bool(ifexists)?$/i.test(c.operator) && c.key.toLowerCase() === 'aws:securetransport' && c.values.some((v) => v.toLowerCase() === 'false'));
}

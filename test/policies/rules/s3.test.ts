import { s3AccessLogging } from '../../../policies/rules/pal-bucket-006';
import { s3Encryption } from '../../../policies/rules/pal-bucket-001';
import { s3OwnershipEnforced } from '../../../policies/rules/pal-bucket-005';
import { s3PublicAccessBlock } from '../../../policies/rules/pal-bucket-003';
import { s3TlsOnly } from '../../../policies/rules/pal-bucket-004';
import { s3Versioning } from '../../../policies/rules/pal-bucket-002';
import { dataRef, evaluate, failures, statusOf } from '../fixtures';
import { compliantEdge } from './edge-fixtures';

const DATA = 'aws_s3_bucket.data';
const ALB_LOGS = 'aws_s3_bucket.alb_logs';
const ACCESS_LOGS = 'aws_s3_bucket.access_logs';
type R = Record<string, any>;

describe('PAL-BUCKET-001 encryption', () => {
  test('SSE-KMS with a customer key, and SSE-S3 on the declared ALB log bucket an ALB writes to, are compliant', () => {
    const r = evaluate(s3Encryption, compliantEdge());
    expect([statusOf(r, DATA), statusOf(r, ALB_LOGS), statusOf(r, ACCESS_LOGS)]).toEqual(['compliant', 'compliant', 'compliant']);
  });
  test('SSE-S3 without the marker is non-compliant', () => {
    const s = compliantEdge().update('aws_s3_bucket', 'alb_logs', (v) => (v.tags = {}));
    expect(statusOf(evaluate(s3Encryption, s), ALB_LOGS)).toBe('non-compliant');
  });
  test('SSE-S3 with the marker but no load balancer writing to it is non-compliant', () => {
    const s = compliantEdge().update('aws_lb', 'edge', (v) => delete v.access_logs);
    expect(failures(evaluate(s3Encryption, s))[0].message).toMatch(/claims the ALB access-log exception/);
  });
  test('SSE-KMS with the AWS-managed key is non-compliant', () => {
    const s = compliantEdge().update('aws_s3_bucket_server_side_encryption_configuration', 'data_sse', (v) => delete (v.rule as R[])[0].apply_server_side_encryption_by_default.kms_master_key_id);
    expect(statusOf(evaluate(s3Encryption, s), DATA)).toBe('non-compliant');
  });
  test('a bucket without encryption configuration is non-compliant', () => {
    expect(statusOf(evaluate(s3Encryption, compliantEdge().remove('aws_s3_bucket_server_side_encryption_configuration', 'data_sse')), DATA)).toBe('non-compliant');
  });
});

describe('PAL-BUCKET-002 versioning', () => {
  test('Enabled is compliant', () => expect(statusOf(evaluate(s3Versioning, compliantEdge()), DATA)).toBe('compliant'));
  test('Suspended is non-compliant', () => {
    const s = compliantEdge().update('aws_s3_bucket_versioning', 'data_versioning', (v) => (v.versioning_configuration = { status: 'Suspended' }));
    expect(statusOf(evaluate(s3Versioning, s), DATA)).toBe('non-compliant');
  });
  test('no versioning resource is non-compliant', () => {
    expect(statusOf(evaluate(s3Versioning, compliantEdge().remove('aws_s3_bucket_versioning', 'data_versioning')), DATA)).toBe('non-compliant');
  });
});

describe('PAL-BUCKET-003 public access block', () => {
  test('all four flags on is compliant', () => expect(statusOf(evaluate(s3PublicAccessBlock, compliantEdge()), DATA)).toBe('compliant'));
  test.each(['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'])('%s off is non-compliant', (flag) => {
    const s = compliantEdge().update('aws_s3_bucket_public_access_block', 'data_pab', (v) => (v[flag] = false));
    expect(failures(evaluate(s3PublicAccessBlock, s))[0].message).toContain(`leaves ${flag} off`);
  });
  test('no public access block is non-compliant', () => {
    expect(statusOf(evaluate(s3PublicAccessBlock, compliantEdge().remove('aws_s3_bucket_public_access_block', 'data_pab')), DATA)).toBe('non-compliant');
  });
});

describe('PAL-BUCKET-004 TLS-only bucket policy', () => {
  test('a Deny on aws:SecureTransport false is compliant', () => expect(statusOf(evaluate(s3TlsOnly, compliantEdge()), DATA)).toBe('compliant'));
  test('a policy without that statement is non-compliant', () => {
    const s = compliantEdge().update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = JSON.stringify({ Version: '2012-10-17', Statement: [] })));
    expect(statusOf(evaluate(s3TlsOnly, s), DATA)).toBe('non-compliant');
  });
  test('an Allow on aws:SecureTransport true is not a denial, so non-compliant', () => {
    const s = compliantEdge().update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] })));
    expect(statusOf(evaluate(s3TlsOnly, s), DATA)).toBe('non-compliant');
  });
  test('no bucket policy is non-compliant', () => {
    expect(statusOf(evaluate(s3TlsOnly, compliantEdge().remove('aws_s3_bucket_policy', 'data_policy')), DATA)).toBe('non-compliant');
  });
  test('a policy-document data source with the deny is compliant', () => {
    const s = compliantEdge()
      .addData('aws_iam_policy_document', 'tls', { statement: [{ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }] })
      .update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = dataRef('aws_iam_policy_document', 'tls')));
    expect(statusOf(evaluate(s3TlsOnly, s), DATA)).toBe('compliant');
  });

  const withPolicy = (policy: unknown) => compliantEdge().update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = policy));
  const denyStatement = (extra: R = {}) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, ...extra });

  test.each([
    ['a single-object Statement, Principal {"AWS": "*"}, Action "*", BoolIfExists and a lower-case key', { Statement: denyStatement({ Principal: { AWS: '*' }, Action: '*', Condition: { BoolIfExists: { 'aws:securetransport': ['false'] } } }) }],
    ['the policy as a JSON object (not a string)', { Version: '2012-10-17', Statement: [denyStatement()] }],
  ])('the denial in unusual but valid spellings is compliant: %s', (_what, doc) => {
    expect(statusOf(evaluate(s3TlsOnly, withPolicy(typeof doc === 'string' ? doc : JSON.stringify(doc))), DATA)).toBe('compliant');
    expect(statusOf(evaluate(s3TlsOnly, withPolicy(doc)), DATA)).toBe('compliant');
  });

  test.each([
    ['NotPrincipal (denies all but some)', denyStatement({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } })],
    ['NotAction (denies all but some actions)', denyStatement({ Action: undefined, NotAction: 's3:GetObject' })],
    ['aws:SecureTransport true (denies TLS requests)', denyStatement({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
    ['only s3:GetObject denied', denyStatement({ Action: 's3:GetObject' })],
  ])('a Deny that does not refuse every non-TLS request fails: %s', (_what, st) => {
    expect(statusOf(evaluate(s3TlsOnly, withPolicy(JSON.stringify({ Statement: [st] }))), DATA)).toBe('non-compliant');
  });

  test('a policy-document data source without the deny fails', () => {
    const s = compliantEdge()
      .addData('aws_iam_policy_document', 'read', { statement: [{ effect: 'Allow', principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }], actions: ['s3:GetObject'], resources: ['*'] }] })
      .update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = dataRef('aws_iam_policy_document', 'read')));
    expect(failures(evaluate(s3TlsOnly, s))[0].message).toBe('Bucket aws_s3_bucket.data policy has no Deny on aws:SecureTransport = false.');
  });

  test('the deny through source_policy_documents of a combining document is compliant', () => {
    const s = compliantEdge()
      .addData('aws_iam_policy_document', 'tls', { statement: [{ sid: 'DenyInsecure', effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }] })
      .addData('aws_iam_policy_document', 'combined', { source_policy_documents: [dataRef('aws_iam_policy_document', 'tls')] })
      .update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = dataRef('aws_iam_policy_document', 'combined')));
    const r = evaluate(s3TlsOnly, s).find((x) => x.resource === DATA)!;
    expect(r).toMatchObject({ status: 'compliant', message: 'Bucket aws_s3_bucket.data denies non-TLS requests (data.aws_iam_policy_document.tls statement "DenyInsecure").' });
  });

  test.each([
    ['a variable', '${var.bucket_policy}', /aws_s3_bucket_policy.data_policy: the policy is only known after apply/],
    ['a policy document not in this input', dataRef('aws_iam_policy_document', 'elsewhere'), /the policy document data.aws_iam_policy_document.elsewhere is not in this input/],
    ['jsonencode of an expression', '${jsonencode({Statement = local.statements})}', /jsonencode\(\.\.\.\) argument of the policy uses expressions/],
  ])('a policy the input cannot read (%s) is unproven, never a failure', (_what, policy, why) => {
    const r = evaluate(s3TlsOnly, withPolicy(policy)).find((x) => x.resource === DATA)!;
    expect(r.status).toBe('unproven');
    expect(r.message).toMatch(/^Bucket aws_s3_bucket.data: TLS-only access cannot be shown at plan time because /);
    expect(r.message).toMatch(why);
  });

  test('a Deny whose aws:SecureTransport value is known only after apply is unproven', () => {
    const s = compliantEdge()
      .addData('aws_iam_policy_document', 'tls', { statement: [{ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['${var.tls_value}'] }] }] })
      .update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = dataRef('aws_iam_policy_document', 'tls')));
    expect(evaluate(s3TlsOnly, s).find((x) => x.resource === DATA)).toMatchObject({ status: 'unproven', message: expect.stringContaining('the aws:SecureTransport condition of data.aws_iam_policy_document.tls statement #0 is known only after apply') });
  });

  test('statements generated by a dynamic block over values known after apply are unproven', () => {
    const s = compliantEdge()
      .addData('aws_iam_policy_document', 'generated', { statement: '${unknown}' })
      .update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = dataRef('aws_iam_policy_document', 'generated')));
    expect(evaluate(s3TlsOnly, s).find((x) => x.resource === DATA)).toMatchObject({ status: 'unproven', message: expect.stringContaining('the statements of data.aws_iam_policy_document.generated are known only after apply') });
  });
});

describe('PAL-BUCKET-005 ACLs disabled', () => {
  test('BucketOwnerEnforced is compliant', () => expect(statusOf(evaluate(s3OwnershipEnforced, compliantEdge()), DATA)).toBe('compliant'));
  test('BucketOwnerPreferred is non-compliant', () => {
    const s = compliantEdge().update('aws_s3_bucket_ownership_controls', 'data_ownership', (v) => (v.rule = { object_ownership: 'BucketOwnerPreferred' }));
    expect(statusOf(evaluate(s3OwnershipEnforced, s), DATA)).toBe('non-compliant');
  });
});

describe('PAL-BUCKET-006 server access logging', () => {
  test('a bucket logging to the log bucket, and the marked log bucket it targets, are compliant', () => {
    const r = evaluate(s3AccessLogging, compliantEdge());
    expect([statusOf(r, DATA), statusOf(r, ACCESS_LOGS)]).toEqual(['compliant', 'compliant']);
  });
  test('a bucket without logging is non-compliant', () => {
    expect(statusOf(evaluate(s3AccessLogging, compliantEdge().remove('aws_s3_bucket_logging', 'data_logging')), DATA)).toBe('non-compliant');
  });
  test('the log-bucket marker on a bucket nothing logs into is non-compliant', () => {
    const s = compliantEdge().remove('aws_s3_bucket_logging', 'data_logging').remove('aws_s3_bucket_logging', 'alb_logs_logging');
    expect(failures(evaluate(s3AccessLogging, s)).map((f) => f.message).join('\n')).toMatch(/claims the log-bucket exemption but no aws_s3_bucket_logging targets it/);
  });
  test('an unmarked bucket without logging is non-compliant even if others log into it', () => {
    const s = compliantEdge().update('aws_s3_bucket', 'access_logs', (v) => (v.tags = {}));
    expect(statusOf(evaluate(s3AccessLogging, s), ACCESS_LOGS)).toBe('non-compliant');
  });
});

describe('split bucket settings found by name (bucket = the same literal or expression, no reference)', () => {
  const byName = (bucketValue: string, settingValue: string) => compliantEdge()
    .update('aws_s3_bucket', 'data', (v) => (v.bucket = bucketValue))
    .update('aws_s3_bucket_versioning', 'data_versioning', (v) => (v.bucket = settingValue));
  test('a versioning resource naming the bucket by its literal name, or by the same variable, is the bucket\'s', () => {
    expect(statusOf(evaluate(s3Versioning, byName('b-data', 'b-data')), DATA)).toBe('compliant');
    expect(statusOf(evaluate(s3Versioning, byName('${var.name}', '${var.name}')), DATA)).toBe('compliant');
  });
  test('another name, or a plan\'s unknown marker on both, links nothing', () => {
    expect(statusOf(evaluate(s3Versioning, byName('b-data', 'b-other')), DATA)).toBe('non-compliant');
    expect(statusOf(evaluate(s3Versioning, byName('${unknown}', '${unknown}')), DATA)).toBe('non-compliant');
  });
  test('a setting that references a bucket is that bucket\'s only, even where another bucket\'s name is written the same way', () => {
    const same = '${aws_s3_bucket.access_logs.id}';
    const s = byName(same, same).remove('aws_s3_bucket_versioning', 'access_logs_versioning');
    const r = evaluate(s3Versioning, s);
    expect([statusOf(r, DATA), statusOf(r, ACCESS_LOGS)]).toEqual(['non-compliant', 'compliant']);
  });
});

describe('unknown values are unproven, not reported as missing', () => {
  test('PAL-BUCKET-001: an sse_algorithm expression is unproven; a definite SSE-S3 default next to it still fails', () => {
    const computed = compliantEdge().update('aws_s3_bucket_server_side_encryption_configuration', 'data_sse', (v) => ((v.rule as R[])[0].apply_server_side_encryption_by_default.sse_algorithm = '${var.sse}'));
    expect(statusOf(evaluate(s3Encryption, computed), DATA)).toBe('unproven');
    const mixed = computed.add('aws_s3_bucket_server_side_encryption_configuration', 'data_sse_s3', { bucket: '${aws_s3_bucket.data.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
    expect(statusOf(evaluate(s3Encryption, mixed), DATA)).toBe('non-compliant');
  });
  test('PAL-BUCKET-002: a versioning status expression is unproven; Suspended beside it still fails', () => {
    const computed = compliantEdge().update('aws_s3_bucket_versioning', 'data_versioning', (v) => (v.versioning_configuration = { status: '${var.status}' }));
    expect(statusOf(evaluate(s3Versioning, computed), DATA)).toBe('unproven');
    const mixed = computed.update('aws_s3_bucket', 'data', (v) => (v.versioning = { enabled: false }));
    expect(statusOf(evaluate(s3Versioning, mixed), DATA)).toBe('non-compliant');
  });
});

describe('PAL-BUCKET-003 judges a public access block whose bucket is not in the input on its own flags', () => {
  test('a block of an outside bucket with a flag off fails on the block; with all four on it passes', () => {
    const outside = (flag: boolean) => compliantEdge().add('aws_s3_bucket_public_access_block', 'elsewhere', { bucket: 'bucket-of-another-stack', block_public_acls: flag, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(statusOf(evaluate(s3PublicAccessBlock, outside(false)), 'aws_s3_bucket_public_access_block.elsewhere')).toBe('non-compliant');
    expect(statusOf(evaluate(s3PublicAccessBlock, outside(true)), 'aws_s3_bucket_public_access_block.elsewhere')).toBe('compliant');
  });
  test('a block of a bucket in the input is judged only on that bucket (no second verdict)', () => {
    expect(evaluate(s3PublicAccessBlock, compliantEdge()).filter((r) => r.resource.startsWith('aws_s3_bucket_public_access_block.'))).toEqual([]);
  });
});

describe('PAL-BUCKET-004 reads the bucket policy in every spelling of the IAM normal form', () => {
  const withPolicy = (policy: unknown) => compliantEdge().update('aws_s3_bucket_policy', 'data_policy', (v) => (v.policy = policy));
  const deny = (condition: R) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b-data', 'arn:aws:s3:::b-data/*'], Condition: condition });
  test('jsonencode({...}) as cdktf writes it, BoolIfExists, and a lower-case condition key are read as the TLS denial', () => {
    expect(statusOf(evaluate(s3TlsOnly, withPolicy('${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Deny", "Principal" = "*", "Action" = "s3:*", "Resource" = ["arn:aws:s3:::b-data/*"], "Condition" = {"Bool" = {"aws:SecureTransport" = "false"}}}]})}')), DATA)).toBe('compliant');
    expect(statusOf(evaluate(s3TlsOnly, withPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [deny({ BoolIfExists: { 'aws:SecureTransport': 'false' } })] }))), DATA)).toBe('compliant');
    expect(statusOf(evaluate(s3TlsOnly, withPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [deny({ Bool: { 'aws:securetransport': 'false' } })] }))), DATA)).toBe('compliant');
  });
  test('the same denial for one principal only, or of one action only, is no TLS denial', () => {
    const narrowed = (st: R) => withPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [st] }));
    expect(statusOf(evaluate(s3TlsOnly, narrowed({ ...deny({ Bool: { 'aws:SecureTransport': 'false' } }), Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } })), DATA)).toBe('non-compliant');
    expect(statusOf(evaluate(s3TlsOnly, narrowed({ ...deny({ Bool: { 'aws:SecureTransport': 'false' } }), Action: 's3:GetObject' })), DATA)).toBe('non-compliant');
  });
});

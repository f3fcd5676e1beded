import * as fs from 'fs';
import * as path from 'path';
import { runBaseline, type BaselineReport } from '../../policies/engine';
import { loadModel } from '../../policies/model/load';
import { testRunDir } from '../support/paths';
import { requireTerraform, runTerraform } from '../support/terraform';

/**
 * A Terraform project in the shapes public modules use, planned offline with the real AWS provider: a nested module
 * (root → network → subnets, subnets by `for_each` over zones named from `local.region`), a bucket module instanced by
 * `for_each`, provider regions through `var.region` (with a default), through locals, and through locals only the plan's
 * own resources can explain, bucket policies from `aws_iam_policy_document` data sources whose bucket ARNs are unknown.
 */
const MODULES: Record<string, string> = {
  'network/main.tf': `
variable "cidr" { type = string }
variable "zones" { type = list(string) }
resource "aws_vpc" "this" { cidr_block = var.cidr }
module "subnets" {
  source = "../subnets"
  vpc_id = aws_vpc.this.id
  cidr   = var.cidr
  zones  = var.zones
}
`,
  'subnets/main.tf': `
variable "vpc_id" { type = string }
variable "cidr" { type = string }
variable "zones" { type = list(string) }
resource "aws_subnet" "this" {
  for_each          = toset(var.zones)
  vpc_id            = var.vpc_id
  availability_zone = each.value
  cidr_block        = cidrsubnet(var.cidr, 8, index(var.zones, each.value))
}
`,
  'logs/main.tf': `
variable "name" { type = string }
resource "aws_s3_bucket" "this" { bucket = "palisade-regions-\${var.name}" }
data "aws_iam_policy_document" "tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "\${aws_s3_bucket.this.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls.json
}
`,
};

const TLS_DENY = { effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] };

const ROOT = {
  variable: { region: { type: 'string', default: 'eu-west-1' } },
  locals: { region: '${var.region}', use1_region: 'us-east-1', mixed_region: 'eu-west-2' },
  provider: {
    aws: [
      { region: '${var.region}' },
      { alias: 'eu', region: '${local.region}' },
      { alias: 'use1', region: '${local.use1_region}' },
      { alias: 'mixed', region: '${local.mixed_region}' },
    ],
  },
  module: {
    network: { source: '../modules/network', providers: { aws: 'aws.eu' }, cidr: '10.0.0.0/16', zones: ['${local.region}a', '${local.region}b'] },
    logs: { source: '../modules/logs', for_each: '${toset(["app", "audit"])}', name: '${each.key}' },
  },
  data: {
    aws_region: { use1: { provider: 'aws.use1' }, mixed: { provider: 'aws.mixed' } },
    aws_iam_policy_document: {
      read_only: { statement: [{ sid: 'ReadFromAccount', effect: 'Allow', actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.plain.arn}/*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }] }] },
      // Statements Terraform decides only at apply: the for_each depends on the bucket's unknown ARN.
      undecided: { dynamic: { statement: { for_each: '${aws_s3_bucket.undecided.arn != "" ? toset(["deny"]) : toset([])}', content: TLS_DENY } } },
    },
  },
  resource: {
    aws_s3_bucket: { plain: { bucket: 'palisade-regions-plain' }, encoded: { bucket: 'palisade-regions-encoded' }, undecided: { bucket: 'palisade-regions-undecided' } },
    aws_s3_bucket_policy: {
      plain: { bucket: '${aws_s3_bucket.plain.id}', policy: '${data.aws_iam_policy_document.read_only.json}' },
      encoded: {
        bucket: '${aws_s3_bucket.encoded.id}',
        policy: '${jsonencode({Statement = [{Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.encoded.arn], Condition = {Bool = {"aws:SecureTransport" = "false"}}}]})}',
      },
      undecided: { bucket: '${aws_s3_bucket.undecided.id}', policy: '${data.aws_iam_policy_document.undecided.json}' },
    },
    aws_sns_topic: { use1: { provider: 'aws.use1', name: 'palisade-regions-use1' } },
    // Planned in a zone of another region than its provider's aws_region says: the plan itself disagrees.
    aws_subnet: { stray: { provider: 'aws.mixed', vpc_id: 'vpc-0ff11e00000000000', cidr_block: '10.9.0.0/24', availability_zone: 'eu-west-3a' } },
  },
};

const resultOf = (report: BaselineReport, ruleId: string, resource: string) => report.results.find((r) => r.ruleId === ruleId && r.resource === resource);

describe('the baseline on a real plan of nested modules, for_each and regions set through variables and locals', () => {
  let plan: BaselineReport;
  let source: BaselineReport;

  beforeAll(async () => {
    requireTerraform();
    const dir = path.join(testRunDir(), 'plan-modules-regions');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(MODULES)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'modules', file)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'modules', file), text);
    }
    const root = path.join(dir, 'root');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'main.tf.json'), JSON.stringify(ROOT, null, 2));
    const run = await runTerraform(path.join(root, 'main.tf.json'), path.join(dir, 'tf'), { plan: true, stack: 'regions' });
    if (!run.planJsonPath) throw new Error(`plan failed: ${run.plan?.output ?? run.validate?.output ?? run.init.output}`);
    plan = runBaseline(loadModel(run.planJsonPath));
    source = runBaseline(loadModel(root));
  }, 300000);

  describe('PAL-GDPR-001 provider regions', () => {
    test('var.region with a default: the plan\'s value, named as the default', () => {
      expect(resultOf(plan, 'PAL-GDPR-001', 'provider.aws')).toMatchObject({ status: 'compliant', message: 'Provider region eu-west-1 (from the default of var.region) is allowed.' });
    });

    test('local.region (not recorded by a plan): derived from the zones of the for_each subnets two modules deep', () => {
      const r = resultOf(plan, 'PAL-GDPR-001', 'provider.aws.eu');
      expect(r?.status).toBe('compliant');
      expect(r?.message).toMatch(/^Provider region eu-west-1 \(from availability zone eu-west-1a of module\.network\.module\.subnets\.aws_subnet\.this\["eu-west-1a"\]; 1 other clue agrees\) is allowed\.$/);
    });

    test('a local naming us-east-1 fails, naming the region and the aws_region data source that shows it', () => {
      expect(resultOf(plan, 'PAL-GDPR-001', 'provider.aws.use1')).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('deploys to us-east-1 (from data.aws_region.use1), outside the allowed regions') });
    });

    test('resources of one provider showing two regions: unproven, naming both', () => {
      const r = resultOf(plan, 'PAL-GDPR-001', 'provider.aws.mixed');
      expect(r?.status).toBe('unproven');
      expect(r?.message).toContain('more than one region for it: eu-west-2 (from data.aws_region.mixed) and eu-west-3 (from availability zone eu-west-3a of aws_subnet.stray)');
    });

    test('the same project read as Terraform source names the variable default and the locals it evaluated', () => {
      expect(resultOf(source, 'PAL-GDPR-001', 'provider.aws')?.message).toBe('Provider region eu-west-1 (from the default of var.region) is allowed.');
      expect(resultOf(source, 'PAL-GDPR-001', 'provider.aws.eu')?.message).toBe('Provider region eu-west-1 (from local.region, from the default of var.region) is allowed.');
      expect(resultOf(source, 'PAL-GDPR-001', 'provider.aws.use1')).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('deploys to us-east-1 (from local.use1_region)') });
    });
  });

  describe('PAL-BUCKET-004 TLS-only bucket policies', () => {
    test.each(['module.logs["app"].aws_s3_bucket.this', 'module.logs["audit"].aws_s3_bucket.this'])('%s: the module\'s policy document with the TLS deny passes, its bucket ARNs unknown', (bucket) => {
      expect(resultOf(plan, 'PAL-BUCKET-004', bucket)).toMatchObject({ status: 'compliant', message: expect.stringContaining('data.aws_iam_policy_document.tls statement "DenyInsecureTransport"') });
    });

    test('a policy document without the deny fails', () => {
      expect(resultOf(plan, 'PAL-BUCKET-004', 'aws_s3_bucket.plain')).toMatchObject({ status: 'non-compliant', message: 'Bucket aws_s3_bucket.plain policy has no Deny on aws:SecureTransport = false.' });
    });

    test('a jsonencode policy over an unknown ARN, and statements decided at apply, are unproven — never failures', () => {
      expect(resultOf(plan, 'PAL-BUCKET-004', 'aws_s3_bucket.encoded')).toMatchObject({ status: 'unproven', message: expect.stringMatching(/^Bucket aws_s3_bucket\.encoded: TLS-only access cannot be shown at plan time because aws_s3_bucket_policy\.encoded: the policy is only known after apply/) });
      expect(resultOf(plan, 'PAL-BUCKET-004', 'aws_s3_bucket.undecided')).toMatchObject({ status: 'unproven', message: expect.stringContaining('the statements of data.aws_iam_policy_document.undecided are known only after apply') });
    });

    test('read as Terraform source, the module instances and the plain bucket give the plan\'s verdicts', () => {
      for (const bucket of ['module.logs["app"].aws_s3_bucket.this', 'module.logs["audit"].aws_s3_bucket.this']) expect(resultOf(source, 'PAL-BUCKET-004', bucket)?.status).toBe('compliant');
      expect(resultOf(source, 'PAL-BUCKET-004', 'aws_s3_bucket.plain')?.status).toBe('non-compliant');
    });
  });
});

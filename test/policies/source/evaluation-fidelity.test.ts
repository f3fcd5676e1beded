import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBaseline } from '../../../policies/engine';
import { loadModel } from '../../../policies/model/load';
import { sgNoWorldAdminIngress } from '../../../policies/rules/pal-sg-001';
import { rmrf, tempDir } from '../fixtures';

/*
 * Terraform source is only as proven as its evaluation is faithful: each case is a value Terraform computes one way
 * (checked with terraform console/plan 1.11.4) that a looser reading would compute as the safe one.
 */
let dir: string;
beforeEach(() => (dir = tempDir('palisade-evaluation-')));
afterEach(() => {
  rmrf(dir);
  delete process.env.TF_WORKSPACE;
});

const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};
const sshFrom = (cidr: string) => `provider "aws" { region = "eu-west-1" }\nresource "aws_security_group" "a" {\n  name = "a"\n  description = "d"\n  ingress {\n    description = "ssh"\n    from_port = 22\n    to_port = 22\n    protocol = "tcp"\n    cidr_blocks = [${cidr}]\n  }\n}\n`;
const ssh = (options: Parameters<typeof loadModel>[1] = {}) => runBaseline(loadModel(dir, options), { rules: [sgNoWorldAdminIngress] }).results.map((r) => r.status);

describe('Terraform source evaluation', () => {
  test('a set is ordered as Terraform orders it: strings lexically', () => {
    write('main.tf', sshFrom('tolist(toset(["10.0.0.0/8", "0.0.0.0/0"]))[0]'));
    expect(ssh()).toEqual(['non-compliant']);
  });

  test('terraform.workspace is the workspace selected in .terraform/environment, or TF_WORKSPACE', () => {
    write('main.tf', sshFrom('terraform.workspace == "prod" ? "0.0.0.0/0" : "10.0.0.0/8"'));
    expect(ssh()).toEqual(['compliant']);
    write('.terraform/environment', 'prod');
    expect(ssh()).toEqual(['non-compliant']);
    fs.writeFileSync(path.join(dir, '.terraform', 'environment'), 'dev');
    process.env.TF_WORKSPACE = 'prod';
    expect(ssh()).toEqual(['non-compliant']);
  });

  test('a value given for a string variable is converted to a string (true is "true")', () => {
    write('main.tf', `variable "public_ssh" {\n  type = string\n  default = "false"\n}\n${sshFrom('var.public_ssh == "true" ? "0.0.0.0/0" : "10.0.0.0/8"')}`);
    expect(ssh()).toEqual(['compliant']);
    write('terraform.tfvars', 'public_ssh = true\n');
    expect(ssh()).toEqual(['non-compliant']);
  });

  test('a null given for a variable with nullable = false takes its default', () => {
    write('main.tf', 'module "sg" {\n  source = "./m"\n  cidrs = null\n}\n');
    write('m/main.tf', `variable "cidrs" {\n  type = list(string)\n  nullable = false\n  default = ["0.0.0.0/0"]\n}\n${sshFrom('var.cidrs[0]')}`);
    expect(ssh()).toEqual(['non-compliant']);
    fs.writeFileSync(path.join(dir, 'm', 'main.tf'), fs.readFileSync(path.join(dir, 'm', 'main.tf'), 'utf8').replace('nullable = false', 'nullable = true'));
    expect(ssh()).not.toContain('non-compliant');
  });
});

describe('a protection whose count or for_each the source does not show may not exist', () => {
  const bucketWithBlock = (count: string) => `provider "aws" { region = "eu-west-1" }
variable "protect" { type = bool }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_public_access_block" "p" {
  count = ${count}
  bucket = aws_s3_bucket.b.id
  block_public_acls = true
  block_public_policy = true
  ignore_public_acls = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_versioning" "v" {
  for_each = var.protect ? toset(["on"]) : toset([])
  bucket = aws_s3_bucket.b.id
  versioning_configuration { status = "Enabled" }
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_flow_log" "f" {
  count = var.protect ? 1 : 0
  vpc_id = aws_vpc.v.id
  traffic_type = "ALL"
}
`;
  const verdict = (ruleId: string, resource: string, options: Parameters<typeof loadModel>[1] = {}) =>
    runBaseline(loadModel(dir, options), { today: '2026-06-01' }).results.find((r) => r.ruleId === ruleId && r.resource === resource)?.status;

  test('unknown: the bucket and the VPC are unproven, not passed on a protection that may not be created', () => {
    write('main.tf', bucketWithBlock('var.protect ? 1 : 0'));
    expect(verdict('PAL-BUCKET-003', 'aws_s3_bucket.b')).toBe('unproven');
    expect(verdict('PAL-BUCKET-002', 'aws_s3_bucket.b')).toBe('unproven');
    expect(verdict('PAL-VPC-001', 'aws_vpc.v')).toBe('unproven');
  });

  test('known, the protections exist or do not, as Terraform would create them', () => {
    write('main.tf', bucketWithBlock('var.protect ? 1 : 0'));
    const on = { source: { vars: [{ name: 'protect', value: true }] } };
    expect([verdict('PAL-BUCKET-003', 'aws_s3_bucket.b', on), verdict('PAL-BUCKET-002', 'aws_s3_bucket.b', on), verdict('PAL-VPC-001', 'aws_vpc.v', on)]).toEqual(['compliant', 'compliant', 'compliant']);
    const off = { source: { vars: [{ name: 'protect', value: false }] } };
    expect([verdict('PAL-BUCKET-003', 'aws_s3_bucket.b', off), verdict('PAL-BUCKET-002', 'aws_s3_bucket.b', off), verdict('PAL-VPC-001', 'aws_vpc.v', off)]).toEqual(['non-compliant', 'non-compliant', 'non-compliant']);
  });
});

test('a flow log of one VPC instance the source does not name (v[var.i]) leaves each instance unproven, none passed', () => {
  write('main.tf', `provider "aws" { region = "eu-west-1" }
variable "i" { type = number }
resource "aws_vpc" "v" {
  count = 2
  cidr_block = "10.\${count.index}.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id = aws_vpc.v[var.i].id
  traffic_type = "ALL"
}
`);
  const results = runBaseline(loadModel(dir), { today: '2026-06-01' }).results.filter((r) => r.ruleId === 'PAL-VPC-001');
  expect(results.map((r) => `${r.resource} ${r.status}`)).toEqual(['aws_vpc.v[0] unproven', 'aws_vpc.v[1] unproven']);
});

test('a web ACL association, its logging and a subnet\'s NACL association whose count is unknown are uncertain protections (ALB-007, WAF-003, NACL-001)', () => {
  write('main.tf', `provider "aws" { region = "eu-west-1" }
variable "protect" { type = bool }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  vpc_id = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_network_acl" "n" { vpc_id = aws_vpc.v.id }
resource "aws_network_acl_association" "a" {
  count = var.protect ? 1 : 0
  network_acl_id = aws_network_acl.n.id
  subnet_id = aws_subnet.s.id
}
resource "aws_lb" "edge" {
  internal = false
  load_balancer_type = "application"
  subnets = [aws_subnet.s.id]
}
resource "aws_wafv2_web_acl" "w" {
  name = "w"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name = "w"
    sampled_requests_enabled = true
  }
}
resource "aws_wafv2_web_acl_association" "e" {
  count = var.protect ? 1 : 0
  resource_arn = aws_lb.edge.arn
  web_acl_arn = aws_wafv2_web_acl.w.arn
}
resource "aws_wafv2_web_acl_logging_configuration" "l" {
  count = var.protect ? 1 : 0
  resource_arn = aws_wafv2_web_acl.w.arn
  log_destination_configs = ["arn:aws:firehose:eu-west-1:111122223333:deliverystream/aws-waf-logs-w"]
}
`);
  const status = (vars: Array<{ name: string; value: boolean }> = []) => {
    const results = runBaseline(loadModel(dir, { source: { vars } }), { today: '2026-06-01' }).results;
    const of = (ruleId: string, resource: string) => results.find((r) => r.ruleId === ruleId && r.resource === resource)?.status;
    return [of('PAL-ALB-007', 'aws_lb.edge'), of('PAL-WAF-003', 'aws_wafv2_web_acl.w'), of('PAL-NACL-001', 'aws_subnet.s')];
  };
  expect(status()).toEqual(['unproven', 'unproven', 'unproven']);
  expect(status([{ name: 'protect', value: false }])).toEqual(['non-compliant', 'non-compliant', 'non-compliant']);
  expect(status([{ name: 'protect', value: true }])[0]).toBe('compliant');
});

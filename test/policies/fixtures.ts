/**
 * Tiny builders for cdktf-shaped stack JSON used by the policy tests. Keeps fixtures readable:
 * `stack.add('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' })`, `ref('aws_vpc', 'main')`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { modelFromDocuments } from '../../policies/model/load';
import type { Model } from '../../policies/model/model';
import { DEFAULT_ALLOWED_REGIONS } from '../../policies/rules/pal-gdpr-001';
import type { Rule, RuleResult } from '../../policies/rules/types';
import type { SuppressionSpec } from '../../policies/suppression-format';

type Values = Record<string, unknown>;

export const ref = (type: string, name: string, attr = 'id'): string => `\${${type}.${name}.${attr}}`;
export const dataRef = (type: string, name: string, attr = 'json'): string => `\${data.${type}.${name}.${attr}}`;

export interface AddOptions {
  suppressions?: unknown[];
  constructPath?: string;
}

export class StackBuilder {
  readonly name: string;
  private providers: Values[];
  private resources: Record<string, Record<string, Values>> = {};
  private data: Record<string, Record<string, Values>> = {};

  constructor(name = 'prod', region: unknown = 'eu-west-1') {
    this.name = name;
    this.providers = [{ region, allowed_account_ids: ['111122223333'], default_tags: [{ tags: { ManagedBy: 'palisade' } }] }];
  }

  provider(values: Values): this {
    this.providers.push(values);
    return this;
  }

  setProviders(list: Values[]): this {
    this.providers = list;
    return this;
  }

  add(type: string, name: string, values: Values, opts: AddOptions = {}): this {
    const comment: Values = { metadata: { path: opts.constructPath ?? `${this.name}/${name}`, uniqueId: name } };
    if (opts.suppressions) comment.palisade = { suppressions: opts.suppressions };
    (this.resources[type] ??= {})[name] = { '//': comment, ...values };
    return this;
  }

  addData(type: string, name: string, values: Values): this {
    (this.data[type] ??= {})[name] = values;
    return this;
  }

  /** Mutates the values of a resource in place. */
  update(type: string, name: string, fn: (v: Values) => void): this {
    const r = this.resources[type]?.[name];
    if (!r) throw new Error(`no ${type}.${name}`);
    fn(r);
    return this;
  }

  updateData(type: string, name: string, fn: (v: Values) => void): this {
    const r = this.data[type]?.[name];
    if (!r) throw new Error(`no data.${type}.${name}`);
    fn(r);
    return this;
  }

  remove(type: string, name: string): this {
    delete this.resources[type]?.[name];
    return this;
  }

  suppress(type: string, name: string, suppressions: Array<SuppressionSpec | Values>): this {
    return this.update(type, name, (v) => {
      ((v['//'] as Values).palisade as Values | undefined) ??= {};
      (v['//'] as { palisade: Values }).palisade = { suppressions };
    });
  }

  toJSON(): Values {
    const out: Values = {
      '//': { metadata: { backend: 'local', stackName: this.name, version: '0.21.0' }, outputs: {} },
      provider: { aws: this.providers },
      terraform: { backend: { local: { path: 'terraform.tfstate' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
      resource: JSON.parse(JSON.stringify(this.resources)),
    };
    if (Object.keys(this.data).length > 0) out.data = JSON.parse(JSON.stringify(this.data));
    return out;
  }
}

/** Builds an in-memory model from stacks. */
export function modelOf(...stacks: StackBuilder[]): Model {
  return modelFromDocuments(
    stacks.map((s) => ({ file: `/virtual/stacks/${s.name}/cdk.tf.json`, json: s.toJSON(), stackName: s.name })),
    { baseDir: '/virtual' },
  );
}

/** Results of one rule over the stacks. */
export function evaluate(rule: Rule, ...stacks: StackBuilder[]): RuleResult[] {
  return rule.evaluate(modelOf(...stacks), { allowedRegions: DEFAULT_ALLOWED_REGIONS });
}

export function statusOf(results: RuleResult[], resource: string): string | undefined {
  return results.find((r) => r.resource === resource)?.status;
}

export function failures(results: RuleResult[]): RuleResult[] {
  return results.filter((r) => r.status === 'non-compliant');
}

/** A small estate that satisfies every rule of the baseline. Each test weakens one thing. */
export function compliantEstate(name = 'prod'): StackBuilder {
  const s = new StackBuilder(name);
  s.add('aws_vpc', 'main', { cidr_block: '10.0.0.0/16', enable_dns_support: true, tags: { Tier: 'network' } });
  s.add('aws_kms_key', 'logs', {
    description: 'logs key',
    enable_key_rotation: true,
    deletion_window_in_days: 30,
    policy: dataRef('aws_iam_policy_document', 'logs_key'),
  });
  s.addData('aws_iam_policy_document', 'logs_key', {
    statement: [
      { sid: 'Admin', effect: 'Allow', principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }], actions: ['kms:*'], resources: ['*'] },
      {
        sid: 'Logs',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['logs.eu-west-1.amazonaws.com'] }],
        actions: ['kms:Encrypt*', 'kms:Decrypt*'],
        resources: ['*'],
        condition: [{ test: 'ArnLike', variable: 'kms:EncryptionContext:aws:logs:arn', values: ['arn:aws:logs:eu-west-1:111122223333:*'] }],
      },
    ],
  });
  s.add('aws_cloudwatch_log_group', 'flow_logs', { name: '/palisade/prod/flow-logs', retention_in_days: 400, kms_key_id: ref('aws_kms_key', 'logs', 'arn') });
  s.add('aws_cloudwatch_log_group', 'app', { name: '/palisade/prod/app', retention_in_days: 30, kms_key_id: ref('aws_kms_key', 'logs', 'arn') });
  s.add('aws_flow_log', 'main', { vpc_id: ref('aws_vpc', 'main'), traffic_type: 'ALL', log_destination: ref('aws_cloudwatch_log_group', 'flow_logs', 'arn') });
  s.add('aws_default_security_group', 'default', { vpc_id: ref('aws_vpc', 'main') });
  s.add('aws_subnet', 'public', { vpc_id: ref('aws_vpc', 'main'), cidr_block: '10.0.0.0/24', tags: { Tier: 'public' } });
  s.add('aws_subnet', 'app', { vpc_id: ref('aws_vpc', 'main'), cidr_block: '10.0.1.0/24', tags: { Tier: 'app' } });
  s.add('aws_subnet', 'data', { vpc_id: ref('aws_vpc', 'main'), cidr_block: '10.0.2.0/24', map_public_ip_on_launch: false, tags: { Tier: 'data' } });
  s.add('aws_network_acl', 'public', {
    vpc_id: ref('aws_vpc', 'main'),
    subnet_ids: [ref('aws_subnet', 'public')],
    ingress: [
      { rule_no: 100, action: 'allow', cidr_block: '0.0.0.0/0', protocol: 'tcp', from_port: 443, to_port: 443 },
      { rule_no: 110, action: 'deny', cidr_block: '0.0.0.0/0', protocol: 'tcp', from_port: 3389, to_port: 3389 },
      { rule_no: 120, action: 'allow', cidr_block: '0.0.0.0/0', protocol: 'tcp', from_port: 1024, to_port: 65535 },
    ],
    egress: [{ rule_no: 100, action: 'allow', cidr_block: '0.0.0.0/0', protocol: '-1', from_port: 0, to_port: 0 }],
  });
  s.add('aws_network_acl', 'private', { vpc_id: ref('aws_vpc', 'main') });
  s.add('aws_network_acl_association', 'app', { network_acl_id: ref('aws_network_acl', 'private'), subnet_id: ref('aws_subnet', 'app') });
  s.add('aws_network_acl_association', 'data', { network_acl_id: ref('aws_network_acl', 'private'), subnet_id: ref('aws_subnet', 'data') });
  s.add('aws_network_acl_rule', 'private_in', { network_acl_id: ref('aws_network_acl', 'private'), rule_number: 100, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '10.0.0.0/16', from_port: 0, to_port: 65535 });
  s.add('aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', 'main') });
  s.add('aws_eip', 'nat', { domain: 'vpc' });
  s.add('aws_nat_gateway', 'nat', { allocation_id: ref('aws_eip', 'nat'), subnet_id: ref('aws_subnet', 'public') });
  s.add('aws_route_table', 'public', { vpc_id: ref('aws_vpc', 'main'), route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') }] });
  s.add('aws_route_table', 'app', { vpc_id: ref('aws_vpc', 'main') });
  s.add('aws_route', 'app_default', { route_table_id: ref('aws_route_table', 'app'), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway', 'nat') });
  s.add('aws_route_table', 'data', { vpc_id: ref('aws_vpc', 'main'), route: [] });
  s.add('aws_route_table_association', 'public', { subnet_id: ref('aws_subnet', 'public'), route_table_id: ref('aws_route_table', 'public') });
  s.add('aws_route_table_association', 'app', { subnet_id: ref('aws_subnet', 'app'), route_table_id: ref('aws_route_table', 'app') });
  s.add('aws_route_table_association', 'data', { subnet_id: ref('aws_subnet', 'data'), route_table_id: ref('aws_route_table', 'data') });
  s.add('aws_security_group', 'alb', {
    name: 'alb',
    description: 'Public ALB',
    vpc_id: ref('aws_vpc', 'main'),
    ingress: [{ description: 'HTTPS from the internet', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] }],
    egress: [{ description: 'To app tier', from_port: 8443, to_port: 8443, protocol: 'tcp', cidr_blocks: ['10.0.1.0/24'] }],
  });
  s.add('aws_security_group', 'app', { name: 'app', description: 'App tier', vpc_id: ref('aws_vpc', 'main') });
  s.add('aws_vpc_security_group_ingress_rule', 'app_from_alb', {
    security_group_id: ref('aws_security_group', 'app'),
    referenced_security_group_id: ref('aws_security_group', 'alb'),
    from_port: 8443,
    to_port: 8443,
    ip_protocol: 'tcp',
    description: 'From ALB',
  });
  s.add('aws_vpc_security_group_egress_rule', 'app_https', { security_group_id: ref('aws_security_group', 'app'), cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443, ip_protocol: 'tcp', description: 'HTTPS out via NAT' });
  s.add('aws_security_group_rule', 'app_db', { type: 'egress', security_group_id: ref('aws_security_group', 'app'), from_port: 5432, to_port: 5432, protocol: 'tcp', cidr_blocks: ['10.0.2.0/24'], description: 'To database' });
  return s;
}

/** A fresh temporary directory (removed by the caller via `rmrf`). */
export function tempDir(prefix = 'palisade-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmrf(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function writeJson(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/** Writes stacks as a cdktf.out directory (manifest + stacks/<name>/cdk.tf.json); returns its path. */
export function writeCdktfOut(dir: string, ...stacks: StackBuilder[]): string {
  const out = path.join(dir, 'cdktf.out');
  const manifest: Values = { version: '0.21.0', stacks: {} };
  for (const s of stacks) {
    const rel = `stacks/${s.name}/cdk.tf.json`;
    writeJson(path.join(out, rel), s.toJSON());
    (manifest.stacks as Values)[s.name] = { name: s.name, constructPath: s.name, workingDirectory: `stacks/${s.name}`, synthesizedStackPath: rel, annotations: [], dependencies: [] };
  }
  writeJson(path.join(out, 'manifest.json'), manifest);
  return out;
}

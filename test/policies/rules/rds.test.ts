import { modelFromDocuments } from '../../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { rdsBackupRetention } from '../../../policies/rules/pal-rds-005';
import { rdsDeletionProtection } from '../../../policies/rules/pal-rds-004';
import { rdsIamAuthentication } from '../../../policies/rules/pal-rds-003';
import { rdsLogExports } from '../../../policies/rules/pal-rds-006';
import { rdsManagedMasterSecret } from '../../../policies/rules/pal-rds-007';
import { rdsNoPublicAccess } from '../../../policies/rules/pal-rds-002';
import { rdsSecurityGroupAppTier } from '../../../policies/rules/pal-rds-010';
import { rdsStorageEncrypted } from '../../../policies/rules/pal-rds-001';
import { rdsSubnetGroupDataTier } from '../../../policies/rules/pal-rds-009';
import { rdsTlsForced } from '../../../policies/rules/pal-rds-008';
import type { Rule, RuleResult } from '../../../policies/rules/types';
import { evaluate, ref, StackBuilder } from '../fixtures';
import { compliantDatabase, networkStack, withOutputs } from './rds-fixtures';

const DB = 'aws_db_instance.db';
type Values = Record<string, unknown>;

/** The verdict (status, and severity when it overrides the rule's) of `rule` on the database after `weaken`. */
function verdict(rule: Rule, weaken: (s: StackBuilder) => void = () => undefined): { status: string; severity?: string; message: string } {
  const stack = compliantDatabase();
  weaken(stack);
  const result = evaluate(rule, stack).find((r: RuleResult) => r.resource === DB);
  if (!result) throw new Error(`${rule.id} gave no verdict on ${DB}`);
  return { status: result.status, ...(result.severity ? { severity: result.severity } : {}), message: result.message };
}
const db = (fn: (v: Values) => void) => (s: StackBuilder) => s.update('aws_db_instance', 'db', fn);

const RULES = [rdsStorageEncrypted, rdsNoPublicAccess, rdsIamAuthentication, rdsDeletionProtection, rdsBackupRetention, rdsLogExports, rdsManagedMasterSecret, rdsTlsForced, rdsSubnetGroupDataTier, rdsSecurityGroupAppTier];

describe('the RDS rules on a hardened PostgreSQL instance', () => {
  test.each(RULES.map((r) => [r.id, r] as const))('%s passes it', (_id, rule) => {
    expect(verdict(rule).status).toBe('compliant');
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s has nothing to judge without a database', (_id, rule) => {
    expect(evaluate(rule, networkStack()).map((r) => r.status)).toEqual(['not-applicable']);
  });
});

describe('PAL-RDS-001 storage encrypted with a CMK', () => {
  test.each<[string, (s: StackBuilder) => void, string]>([
    ['storage_encrypted removed (RDS default: unencrypted)', db((v) => { delete v.storage_encrypted; }), 'high'],
    ['storage_encrypted = false', db((v) => { v.storage_encrypted = false; }), 'high'],
    ['the string "false"', db((v) => { v.storage_encrypted = 'false'; }), 'high'],
    ['encrypted with the AWS managed key (no kms_key_id)', db((v) => { delete v.kms_key_id; }), 'medium'],
    ['kms_key_id naming alias/aws/rds', db((v) => { v.kms_key_id = 'arn:aws:kms:eu-west-1:123456789012:alias/aws/rds'; }), 'medium'],
  ])('fails: %s', (_name, weaken, severity) => {
    expect(verdict(rdsStorageEncrypted, weaken)).toMatchObject({ status: 'non-compliant', ...(severity === 'high' ? {} : { severity }) });
  });

  test('accepts the string "true" and a literal key ARN; an expression is a low "cannot be verified"', () => {
    expect(verdict(rdsStorageEncrypted, db((v) => { v.storage_encrypted = 'true'; v.kms_key_id = 'arn:aws:kms:eu-west-1:123456789012:key/0ff11e00-0000-4000-8000-000000000000'; })).status).toBe('compliant');
    expect(verdict(rdsStorageEncrypted, db((v) => { v.storage_encrypted = '${var.encrypted}'; }))).toMatchObject({ status: 'non-compliant', severity: 'low' });
  });
});

describe('PAL-RDS-002 no public access', () => {
  test('fails when publicly accessible (boolean or string), low when an expression; absent is AWS\'s private default', () => {
    expect(verdict(rdsNoPublicAccess, db((v) => { v.publicly_accessible = true; })).status).toBe('non-compliant');
    expect(verdict(rdsNoPublicAccess, db((v) => { v.publicly_accessible = 'TRUE'; })).status).toBe('non-compliant');
    expect(verdict(rdsNoPublicAccess, db((v) => { v.publicly_accessible = '${var.public}'; }))).toMatchObject({ status: 'non-compliant', severity: 'low' });
    expect(verdict(rdsNoPublicAccess, db((v) => { delete v.publicly_accessible; })).status).toBe('compliant');
  });
});

describe.each<[string, Rule, string]>([
  [rdsIamAuthentication.id, rdsIamAuthentication, 'iam_database_authentication_enabled'],
  [rdsDeletionProtection.id, rdsDeletionProtection, 'deletion_protection'],
])('%s: a setting that must be true', (_id, rule, attribute) => {
  test(`fails when ${attribute} is removed, false or "false"; low when an expression; passes on "true"`, () => {
    expect(verdict(rule, db((v) => { delete v[attribute]; })).status).toBe('non-compliant');
    expect(verdict(rule, db((v) => { v[attribute] = false; })).status).toBe('non-compliant');
    expect(verdict(rule, db((v) => { v[attribute] = 'false'; })).status).toBe('non-compliant');
    expect(verdict(rule, db((v) => { v[attribute] = '${local.flag}'; }))).toMatchObject({ status: 'non-compliant', severity: 'low' });
    expect(verdict(rule, db((v) => { v[attribute] = 'true'; })).status).toBe('compliant');
  });
});

test('PAL-RDS-003 judges only engines with IAM authentication (Oracle is out of scope)', () => {
  expect(evaluate(rdsIamAuthentication, compliantDatabase().update('aws_db_instance', 'db', (v) => { v.engine = 'oracle-ee'; delete v.iam_database_authentication_enabled; })).map((r) => r.status)).toEqual(['not-applicable']);
  expect(verdict(rdsIamAuthentication, db((v) => { v.engine = 'mysql'; v.iam_database_authentication_enabled = false; })).status).toBe('non-compliant');
});

describe('PAL-RDS-005 backup retention ≥ 7 days', () => {
  test.each<[string, string, unknown]>([
    ['0 (backups off)', 'non-compliant', 0],
    ['6 days', 'non-compliant', 6],
    ['"3" written as a string', 'non-compliant', '3'],
    ['7 days (the floor)', 'compliant', 7],
    ['"35" written as a string', 'compliant', '35'],
  ])('%s is %s', (_name, status, value) => {
    expect(verdict(rdsBackupRetention, db((v) => { v.backup_retention_period = value; })).status).toBe(status);
  });

  test('fails when unset, low when an expression', () => {
    expect(verdict(rdsBackupRetention, db((v) => { delete v.backup_retention_period; })).status).toBe('non-compliant');
    expect(verdict(rdsBackupRetention, db((v) => { v.backup_retention_period = '${var.days}'; }))).toMatchObject({ status: 'non-compliant', severity: 'low' });
  });
});

describe('PAL-RDS-006 log exports', () => {
  test('fails without exports, without the upgrade log, or with only MySQL log names on PostgreSQL', () => {
    expect(verdict(rdsLogExports, db((v) => { delete v.enabled_cloudwatch_logs_exports; })).status).toBe('non-compliant');
    expect(verdict(rdsLogExports, db((v) => { v.enabled_cloudwatch_logs_exports = []; })).status).toBe('non-compliant');
    expect(verdict(rdsLogExports, db((v) => { v.enabled_cloudwatch_logs_exports = ['postgresql']; })).message).toContain('upgrade');
    expect(verdict(rdsLogExports, db((v) => { v.enabled_cloudwatch_logs_exports = ['error', 'general']; })).status).toBe('non-compliant');
  });

  test('asks each engine for its own log types and treats an expression as unverifiable', () => {
    expect(verdict(rdsLogExports, db((v) => { v.engine = 'mysql'; v.enabled_cloudwatch_logs_exports = ['audit', 'error', 'general', 'slowquery']; })).status).toBe('compliant');
    expect(verdict(rdsLogExports, db((v) => { v.enabled_cloudwatch_logs_exports = '${var.logs}'; }))).toMatchObject({ status: 'non-compliant', severity: 'low' });
  });
});

describe('PAL-RDS-007 managed master secret', () => {
  test('fails on a password in the configuration, without managed passwords, or with the AWS managed secret key', () => {
    expect(verdict(rdsManagedMasterSecret, db((v) => { v.password = 'hunter2hunter2'; delete v.manage_master_user_password; })).message).toContain('plain text');
    expect(verdict(rdsManagedMasterSecret, db((v) => { v.manage_master_user_password = false; })).status).toBe('non-compliant');
    expect(verdict(rdsManagedMasterSecret, db((v) => { delete v.manage_master_user_password; })).status).toBe('non-compliant');
    expect(verdict(rdsManagedMasterSecret, db((v) => { delete v.master_user_secret_kms_key_id; }))).toMatchObject({ status: 'non-compliant', severity: 'medium' });
  });

  test('leaves read replicas to their source', () => {
    const replica = compliantDatabase().update('aws_db_instance', 'db', (v) => { v.replicate_source_db = 'source-db'; delete v.manage_master_user_password; });
    expect(evaluate(rdsManagedMasterSecret, replica).map((r) => r.status)).toEqual(['not-applicable']);
  });
});

describe('PAL-RDS-008 TLS forced by the instance\'s own parameter group', () => {
  const group = (fn: (v: Values) => void) => (s: StackBuilder) => s.update('aws_db_parameter_group', 'db', fn);
  test.each<[string, (s: StackBuilder) => void, string | undefined]>([
    ['rds.force_ssl = 0', group((v) => { v.parameter = [{ name: 'rds.force_ssl', value: '0' }]; }), undefined],
    ['the parameter removed', group((v) => { v.parameter = [{ name: 'log_connections', value: '1' }]; }), undefined],
    ['the default parameter group on PostgreSQL 14', db((v) => { delete v.parameter_group_name; v.engine_version = '14.9'; }), undefined],
    ['the default parameter group on PostgreSQL 16 (forces TLS by default, but not in reviewable code)', db((v) => { delete v.parameter_group_name; }), 'low'],
    ['a parameter group named but not in scope', db((v) => { v.parameter_group_name = 'elsewhere'; }), 'low'],
  ])('fails: %s', (_name, weaken, severity) => {
    expect(verdict(rdsTlsForced, weaken)).toMatchObject({ status: 'non-compliant', ...(severity ? { severity } : {}) });
  });

  test('accepts the group by literal name, a single parameter block, and ON/true spellings; MySQL uses require_secure_transport', () => {
    expect(verdict(rdsTlsForced, db((v) => { v.parameter_group_name = 'db'; })).status).toBe('compliant');
    expect(verdict(rdsTlsForced, group((v) => { v.parameter = { name: 'RDS.FORCE_SSL', value: 'true' }; })).status).toBe('compliant');
    const mysql = (s: StackBuilder) => { db((v) => { v.engine = 'mysql'; })(s); group((v) => { v.parameter = [{ name: 'require_secure_transport', value: 'ON' }]; })(s); };
    expect(verdict(rdsTlsForced, mysql).status).toBe('compliant');
  });

  test('an instance whose engine is an expression or not written is judged by its parameter group\'s family; with neither it is unproven', () => {
    expect(verdict(rdsTlsForced, db((v) => { v.engine = '${var.engine}'; })).status).toBe('compliant');
    expect(verdict(rdsTlsForced, (s) => { db((v) => { delete v.engine; })(s); group((v) => { v.parameter = []; })(s); }).status).toBe('non-compliant');
    expect(verdict(rdsTlsForced, db((v) => { delete v.engine; v.parameter_group_name = 'elsewhere'; }))).toMatchObject({ status: 'unproven', severity: 'low' });
  });

  test('Db2 is forced onto TLS only by db2comm = SSL', () => {
    const db2 = (value: string) => (s: StackBuilder) => { db((v) => { v.engine = 'db2-se'; })(s); group((v) => { v.family = 'db2-se-11.5'; v.parameter = [{ name: 'db2comm', value }]; })(s); };
    expect(verdict(rdsTlsForced, db2('ssl')).status).toBe('compliant');
    expect(verdict(rdsTlsForced, db2('TCPIP,SSL')).status).toBe('non-compliant');
  });
});

describe('PAL-RDS-002 and PAL-RDS-005 judge Aurora too', () => {
  test('a publicly accessible aws_rds_cluster_instance fails, a private one passes', () => {
    const member = (open: boolean) => compliantDatabase().add('aws_rds_cluster_instance', 'member', { cluster_identifier: ref('aws_rds_cluster', 'c'), instance_class: 'db.r7g.large', engine: 'aurora-postgresql', publicly_accessible: open });
    expect(evaluate(rdsNoPublicAccess, member(true)).find((r) => r.resource === 'aws_rds_cluster_instance.member')?.status).toBe('non-compliant');
    expect(evaluate(rdsNoPublicAccess, member(false)).find((r) => r.resource === 'aws_rds_cluster_instance.member')?.status).toBe('compliant');
  });
  test('an aws_rds_cluster keeps backups 7–35 days: 3 and 40 fail, 14 passes', () => {
    const cluster = (days: number) => evaluate(rdsBackupRetention, compliantDatabase().add('aws_rds_cluster', 'c', { engine: 'aurora-postgresql', backup_retention_period: days })).find((r) => r.resource === 'aws_rds_cluster.c')?.status;
    expect([cluster(3), cluster(40), cluster(14)]).toEqual(['non-compliant', 'non-compliant', 'compliant']);
  });
});

describe('PAL-RDS-009 subnet group only in the data tier', () => {
  test('fails with an app-tier subnet, without a subnet group, or an empty one', () => {
    expect(verdict(rdsSubnetGroupDataTier, (s) => s.update('aws_db_subnet_group', 'db', (v) => { (v.subnet_ids as string[]).push(ref('aws_subnet', 'app_a')); })).message).toContain('aws_subnet.app_a (Tier=app)');
    expect(verdict(rdsSubnetGroupDataTier, db((v) => { delete v.db_subnet_group_name; })).message).toContain('default VPC');
    expect(verdict(rdsSubnetGroupDataTier, (s) => s.update('aws_db_subnet_group', 'db', (v) => { v.subnet_ids = []; })).status).toBe('non-compliant');
  });

  test('a literal subnet id cannot be judged: unproven, never a pass', () => {
    expect(verdict(rdsSubnetGroupDataTier, (s) => s.update('aws_db_subnet_group', 'db', (v) => { v.subnet_ids = ['subnet-0123456789abcdef0']; }))).toMatchObject({ status: 'unproven', severity: 'low' });
  });

  describe('across stacks (cdktf terraform_remote_state references)', () => {
    const STATE = 'prod_cross_stack_reference_input_prod_network';
    const remote = (output: string) => `\${data.terraform_remote_state.${STATE}.outputs.${output}}`;
    const network = networkStack('prod-network');
    const networkJson = withOutputs(network, { out_data_a: ref('aws_subnet', 'data_a'), out_data_b: ref('aws_subnet', 'data_b'), out_app_a: ref('aws_subnet', 'app_a') });
    function dataStack(outputs: string[]): StackBuilder {
      const s = compliantDatabase('prod-data');
      s.addData('terraform_remote_state', STATE, { backend: 'local', config: { path: '../../terraform.prod-network.tfstate' } });
      return s.update('aws_db_subnet_group', 'db', (v) => { v.subnet_ids = outputs.map(remote); });
    }
    const judge = (data: StackBuilder, withNetwork: boolean) => {
      const docs = [{ file: 'stacks/prod-data/cdk.tf.json', json: data.toJSON(), stackName: 'prod-data' }];
      if (withNetwork) docs.push({ file: 'stacks/prod-network/cdk.tf.json', json: networkJson, stackName: 'prod-network' });
      return rdsSubnetGroupDataTier.evaluate(modelFromDocuments(docs), { allowedRegions: DEFAULT_ALLOWED_REGIONS })[0];
    };

    test('follows the outputs into the network stack: data subnets pass, an app subnet fails', () => {
      expect(judge(dataStack(['out_data_a', 'out_data_b']), true)).toMatchObject({ status: 'compliant' });
      expect(judge(dataStack(['out_data_a', 'out_app_a']), true)).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('aws_subnet.app_a') });
    });

    test('without the network stack in scope the tier is unproven (low), not a pass', () => {
      const result = judge(dataStack(['out_data_a', 'out_data_b']), false);
      expect(result).toMatchObject({ status: 'unproven', severity: 'low' });
      expect(result.message).toContain('not in scope');
    });
  });
});

describe('PAL-RDS-010 reachable only from the app tier', () => {
  const rule = (fn: (v: Values) => void) => (s: StackBuilder) => s.update('aws_vpc_security_group_ingress_rule', 'db_from_clients', fn);
  test.each<[string, (s: StackBuilder) => void, string]>([
    ['a CIDR admitted instead of the app group', rule((v) => { delete v.referenced_security_group_id; v.cidr_ipv4 = '10.0.0.0/16'; }), '10.0.0.0/16'],
    ['the world admitted over IPv6', rule((v) => { delete v.referenced_security_group_id; v.cidr_ipv6 = '::/0'; }), '::/0'],
    ['a data-tier group admitted', rule((v) => { v.referenced_security_group_id = ref('aws_security_group', 'db'); }), 'Tier=data'],
    ['all ports opened to the app group', rule((v) => { v.ip_protocol = '-1'; delete v.from_port; delete v.to_port; }), 'all protocols'],
    ['an extra inline rule from a CIDR', (s) => s.update('aws_security_group', 'db', (v) => { v.ingress = [{ protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['0.0.0.0/0'] }]; }), '0.0.0.0/0'],
    ['a legacy aws_security_group_rule from a CIDR', (s) => s.add('aws_security_group_rule', 'extra', { type: 'ingress', security_group_id: ref('aws_security_group', 'db'), protocol: '6', from_port: '5432', to_port: '5432', cidr_blocks: ['192.168.0.0/16'] }), '192.168.0.0/16'],
    ['no security group attached (the VPC default)', db((v) => { delete v.vpc_security_group_ids; }), 'default security group'],
  ])('fails: %s', (_name, weaken, mention) => {
    const result = verdict(rdsSecurityGroupAppTier, weaken);
    expect(result.status).toBe('non-compliant');
    expect(result.message).toContain(mention);
  });

  test('accepts ports written as strings and protocol "6"; a group id it cannot follow is unproven', () => {
    expect(verdict(rdsSecurityGroupAppTier, rule((v) => { v.ip_protocol = '6'; v.from_port = '5432'; v.to_port = '5432'; })).status).toBe('compliant');
    expect(verdict(rdsSecurityGroupAppTier, rule((v) => { v.referenced_security_group_id = 'sg-0123456789abcdef0'; }))).toMatchObject({ status: 'unproven', severity: 'low' });
    expect(verdict(rdsSecurityGroupAppTier, db((v) => { v.vpc_security_group_ids = ['sg-0123456789abcdef0']; }))).toMatchObject({ status: 'unproven', severity: 'low' });
  });

  test('reads ingress through the network normal form: a separate rule opening the IPv6 world in a long spelling, string ports, is named canonically', () => {
    const weaken = (s: StackBuilder) => s.add('aws_vpc_security_group_ingress_rule', 'db_v6', { security_group_id: ref('aws_security_group', 'db'), ip_protocol: '6', from_port: '5432', to_port: '5432', cidr_ipv6: '0:0:0:0:0:0:0:0/0' });
    const result = verdict(rdsSecurityGroupAppTier, weaken);
    expect(result.status).toBe('non-compliant');
    expect(result.message).toContain('aws_vpc_security_group_ingress_rule.db_v6 admits ::/0');
  });

  test('inline ingress naming the app group with string ports passes; naming the data group as well fails; an unknown protocol is unproven', () => {
    const inline = (groups: string[], protocol: unknown = 'tcp') => (s: StackBuilder) => {
      s.remove('aws_vpc_security_group_ingress_rule', 'db_from_clients');
      s.update('aws_security_group', 'db', (v) => { v.ingress = [{ protocol, from_port: '5432', to_port: '5432', security_groups: groups, cidr_blocks: [], ipv6_cidr_blocks: [] }]; });
    };
    expect(verdict(rdsSecurityGroupAppTier, inline([ref('aws_security_group', 'clients')])).status).toBe('compliant');
    const both = verdict(rdsSecurityGroupAppTier, inline([ref('aws_security_group', 'clients'), ref('aws_security_group', 'db')]));
    expect(both).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('aws_security_group.db ingress[0] admits aws_security_group.db (Tier=data)') });
    expect(verdict(rdsSecurityGroupAppTier, inline([ref('aws_security_group', 'clients')], '${var.protocol}'))).toMatchObject({ status: 'unproven', message: expect.stringContaining('ingress[0]: its ports are known only after apply') });
  });

  test('an inline app group from another stack is followed through its terraform_remote_state output', () => {
    const STATE = 'prod_cross_stack_reference_input_prod_app';
    const app = new StackBuilder('prod-app').add('aws_security_group', 'clients', { description: 'clients', tags: { Tier: 'app' } });
    const data = compliantDatabase('prod-data').remove('aws_vpc_security_group_ingress_rule', 'db_from_clients').remove('aws_security_group', 'clients')
      .addData('terraform_remote_state', STATE, { backend: 'local', config: { path: '../../terraform.prod-app.tfstate' } })
      .update('aws_security_group', 'db', (v) => { v.ingress = [{ protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: [`\${data.terraform_remote_state.${STATE}.outputs.clients_id}`] }]; });
    const docs = [
      { file: 'stacks/prod-data/cdk.tf.json', json: data.toJSON(), stackName: 'prod-data' },
      { file: 'stacks/prod-app/cdk.tf.json', json: withOutputs(app, { clients_id: ref('aws_security_group', 'clients') }), stackName: 'prod-app' },
    ];
    const judge = (d: typeof docs) => rdsSecurityGroupAppTier.evaluate(modelFromDocuments(d), { allowedRegions: DEFAULT_ALLOWED_REGIONS }).find((r) => r.resource === DB)!;
    expect(judge(docs).status).toBe('compliant');
    expect(judge(docs.slice(0, 1))).toMatchObject({ status: 'unproven', message: expect.stringContaining('not in scope') });
  });
});

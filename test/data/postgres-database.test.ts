import { PostgresDatabase, PostgresDatabaseProps } from '../../constructs/data/postgres-database';
import { PalisadeConfigError } from '../../constructs/errors';
import { Testing } from '../../constructs/framework';
import { KmsKey } from '../../constructs/kms/kms-key';
import { SegmentedVpc } from '../../constructs/network/segmented-vpc';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { ref, resourcesOf, synthStack, testEnvironment } from '../support/synth';

const ACCOUNT = '123456789012';

const base = { environment: 'test', accountId: ACCOUNT, region: 'eu-west-1' };

/** A stack with a VPC and the logs and data keys. */
function foundation() {
  const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'db' });
  const logsKey = new KmsKey(stack, 'logs_key', { ...base, purpose: 'logs', description: 'logs', serviceGrants: [{ service: 'logs.eu-west-1.amazonaws.com', condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] });
  const network = new SegmentedVpc(stack, 'network', { ...base, cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], logsKey });
  const key = new KmsKey(stack, 'data_key', { ...base, purpose: 'data', description: 'data', tier: 'data' });
  return { stack, logsKey, network, key };
}

function props(f: ReturnType<typeof foundation>, overrides: Partial<PostgresDatabaseProps> = {}): PostgresDatabaseProps {
  return { ...base, name: 'reviews', network: f.network, key: f.key, logsKey: f.logsKey, engineVersion: '16', instanceClass: 'db.m7g.large', allocatedStorageGiB: 50, ...overrides };
}

/** The foundation plus one PostgresDatabase `reviews` built with `overrides`. */
function build(overrides: Partial<PostgresDatabaseProps> = {}) {
  const f = foundation();
  return { stack: f.stack, database: new PostgresDatabase(f.stack, 'reviews', props(f, overrides)) };
}

const { stack, database } = build();
const json = synthStack(stack);
const instance = resourcesOf(json, 'aws_db_instance').test_reviews;
const DATA_KEY_ARN = ref('aws_kms_key', 'test_data_key', 'arn');

describe('PostgresDatabase', () => {
  describe('placement and reachability', () => {
    test('lives in a DB subnet group over the data-tier subnet of every AZ', () => {
      const group = resourcesOf(json, 'aws_db_subnet_group').test_reviews_subnet_group;
      expect(group.subnet_ids).toEqual(['a', 'b', 'c'].map((az) => ref('aws_subnet', `test_network_data_${az}`)));
      expect(instance.db_subnet_group_name).toBe(ref('aws_db_subnet_group', 'test_reviews_subnet_group', 'name'));
    });

    test('is never publicly accessible', () => {
      expect(instance.publicly_accessible).toBe(false);
    });

    test('admits only its client group (tier app) on 5432, and the clients may reach only it', () => {
      const ingress = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).filter((r: any) => r.security_group_id === ref('aws_security_group', 'test_reviews_security_group'));
      expect(ingress).toEqual([expect.objectContaining({ referenced_security_group_id: ref('aws_security_group', 'test_reviews_clients'), ip_protocol: 'tcp', from_port: 5432, to_port: 5432 })]);
      const egress = Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).filter((r: any) => r.security_group_id === ref('aws_security_group', 'test_reviews_clients'));
      expect(egress).toEqual([expect.objectContaining({ referenced_security_group_id: ref('aws_security_group', 'test_reviews_security_group'), from_port: 5432, to_port: 5432 })]);
      expect(resourcesOf(json, 'aws_security_group').test_reviews_clients.tags.Tier).toBe('app');
      expect(instance.vpc_security_group_ids).toEqual([ref('aws_security_group', 'test_reviews_security_group')]);
      expect(database.clients.node.id).toBe('clients');
    });
  });

  describe('encryption and credentials', () => {
    test('encrypts storage, Performance Insights and the master secret with the data key', () => {
      expect(instance).toMatchObject({ storage_encrypted: true, kms_key_id: DATA_KEY_ARN, performance_insights_enabled: true, performance_insights_kms_key_id: DATA_KEY_ARN, master_user_secret_kms_key_id: DATA_KEY_ARN });
    });

    test('forces TLS in its own parameter group for the engine\'s major version', () => {
      const group = resourcesOf(json, 'aws_db_parameter_group').test_reviews_parameter_group;
      expect(group.family).toBe('postgres16');
      expect(group.parameter).toContainEqual({ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' });
      expect(instance.parameter_group_name).toBe(ref('aws_db_parameter_group', 'test_reviews_parameter_group', 'name'));
    });

    test('authenticates with IAM and lets RDS generate and keep the master password: none in config, state or outputs', () => {
      expect(instance).toMatchObject({ iam_database_authentication_enabled: true, manage_master_user_password: true, username: 'palisade_admin' });
      expect(instance.password).toBeUndefined();
      expect(json.output ?? {}).toEqual({});
    });
  });

  describe('durability', () => {
    test('is protected from deletion twice over and leaves a final snapshot', () => {
      expect(instance).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'palisade-test-reviews-final', lifecycle: { prevent_destroy: true } });
    });

    test('keeps automated backups 14 days by default, copies tags to snapshots and joins the backup plan by tag', () => {
      expect(instance).toMatchObject({ backup_retention_period: 14, copy_tags_to_snapshot: true, delete_automated_backups: false });
      expect(instance.tags).toMatchObject({ Tier: 'data', Backup: 'standard' });
    });

    test('runs Multi-AZ unless told otherwise, with minor versions upgraded automatically', () => {
      expect(instance).toMatchObject({ multi_az: true, auto_minor_version_upgrade: true, allow_major_version_upgrade: false });
      const single = resourcesOf(synthStack(build({ multiAz: false }).stack), 'aws_db_instance').test_reviews;
      expect(single.multi_az).toBe(false);
    });

    test('grows storage up to twice its size by default', () => {
      expect(instance).toMatchObject({ allocated_storage: 50, max_allocated_storage: 100, storage_type: 'gp3' });
    });
  });

  describe('logs and monitoring', () => {
    test('exports the postgresql and upgrade logs into a log group it creates first, encrypted and retention-capped', () => {
      expect(instance.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
      const group = resourcesOf(json, 'aws_cloudwatch_log_group').test_reviews_log_group;
      expect(group).toMatchObject({ name: '/aws/rds/instance/palisade-test-reviews/postgresql', kms_key_id: ref('aws_kms_key', 'test_logs_key', 'arn'), retention_in_days: 365 });
      expect(instance.depends_on).toContain('aws_cloudwatch_log_group.test_reviews_log_group');
    });

    test('monitors the OS every 60 s through a role only RDS of this account can assume', () => {
      expect(instance).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: ref('aws_iam_role', 'test_reviews_monitoring_role', 'arn') });
      const trust = JSON.parse(resourcesOf(json, 'aws_iam_role').test_reviews_monitoring_role.assume_role_policy).Statement;
      expect(trust).toEqual([expect.objectContaining({ Principal: { Service: 'monitoring.rds.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } })]);
      expect(Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).map((a: any) => a.policy_arn)).toContain('arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole');
    });
  });

  test('passes the whole baseline', () => {
    expect(build().stack).toPassBaseline();
  });

  describe('refuses bad props at synth, naming construct path, field and value', () => {
    // Validation runs before any resource is added: one foundation serves every case.
    const shared = foundation();
    let attempt = 0;
    test.each<[string, Partial<PostgresDatabaseProps>, string]>([
      ['an unsupported major version', { engineVersion: '11.22' }, 'engineVersion = "11.22"'],
      ['a version that is not a number', { engineVersion: 'latest' }, 'engineVersion = "latest"'],
      ['an instance class without db. prefix', { instanceClass: 'm7g.large' }, 'instanceClass = "m7g.large"'],
      ['storage below 20 GiB', { allocatedStorageGiB: 10 }, 'allocatedStorageGiB = 10'],
      ['an autoscaling ceiling below the size', { maxAllocatedStorageGiB: 40 }, 'maxAllocatedStorageGiB = 40'],
      ['backups below the 7-day floor', { backupRetentionDays: 3 }, 'backupRetentionDays = 3'],
      ['backups beyond the RDS maximum', { backupRetentionDays: 36 }, 'backupRetentionDays = 36'],
      ['a log retention CloudWatch does not offer', { logRetentionDays: 100 }, 'logRetentionDays = 100'],
      ['a log retention beyond the personal-data cap', { logRetentionDays: 1096 }, 'logRetentionDays = 1096'],
      ['enhanced monitoring switched off', { monitoringIntervalSeconds: 0 }, 'monitoringIntervalSeconds = 0'],
      ['a well-known master user name', { masterUsername: 'postgres' }, 'masterUsername = "postgres"'],
      ['a database name that is no identifier', { databaseName: 'Reviews-DB' }, 'databaseName = "Reviews-DB"'],
      ['a name with upper case', { name: 'Reviews' }, 'name = "Reviews"'],
      ['a tier the VPC does not have', { dataTier: 'vault' }, 'dataTier = "vault"'],
    ])('%s', (_case, overrides, message) => {
      const error = (() => { try { new PostgresDatabase(shared.stack, `reviews${++attempt}`, props(shared, overrides)); } catch (e) { return e as Error; } return undefined; })();
      expect(error).toBeInstanceOf(PalisadeConfigError);
      expect(error!.message).toContain(message);
      expect(error!.message).toMatch(/^test-db\/reviews\d+: /);
    });
  });
});

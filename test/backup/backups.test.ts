import { Backups } from '../../constructs/backup/backups';
import { backupTags } from '../../constructs/backup/backup-tags';
import { BackupVault } from '../../constructs/backup/backup-vault';
import { Testing } from '../../constructs/framework';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { resourcesOf, testEnvironment } from '../support/synth';
import { synthSecurity } from '../security/helpers';

const base = { environment: 'test', accountId: '123456789012', region: 'eu-west-1' };
const scratch = () => new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'x' });

describe('Backups', () => {
  const { json } = synthSecurity();
  const plan = resourcesOf(json, 'aws_backup_plan').test_backup_plan;

  test('keeps recovery points in a vault encrypted with its own CMK', () => {
    expect(resourcesOf(json, 'aws_backup_vault').test_backup_vault).toMatchObject({ name: 'palisade-test', kms_key_arn: '${aws_kms_key.test_backup_vault_key.arn}' });
  });

  test('locks the vault in governance mode by default: no grace period, retention bounded by the plan', () => {
    const lock = resourcesOf(json, 'aws_backup_vault_lock_configuration').test_backup_vault_lock;
    expect(lock).toEqual(expect.objectContaining({ min_retention_days: 35, max_retention_days: 365 }));
    expect(lock.changeable_for_days).toBeUndefined();
  });

  test('backs up daily for 35 days, weekly for 13 weeks and monthly for 12 months', () => {
    expect(plan.rule.map((r: any) => [r.rule_name, r.lifecycle.delete_after])).toEqual([['daily', 35], ['weekly', 91], ['monthly', 365]]);
    expect(plan.rule.every((r: any) => r.copy_action === undefined)).toBe(true);
  });

  test('selects resources by the Backup tag that backupTags() writes, with a role holding the AWS managed backup policies', () => {
    expect(resourcesOf(json, 'aws_backup_selection').test_backup_selection).toMatchObject({
      plan_id: '${aws_backup_plan.test_backup_plan.id}', selection_tag: [{ type: 'STRINGEQUALS', key: 'Backup', value: 'standard' }],
    });
    expect(backupTags()).toEqual({ Backup: 'standard' });
    const attached = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).map((a: any) => a.policy_arn);
    expect(attached).toEqual(expect.arrayContaining(['arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup', 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores']));
  });

  test('copies every recovery point to a locked vault in a second allowed region', () => {
    const { json: j } = synthSecurity({ security: { backup: { copyRegion: 'eu-central-1', vaultLockMode: 'compliance', vaultLockChangeableForDays: 7 } } } as any);
    expect(j.provider.aws).toEqual(expect.arrayContaining([expect.objectContaining({ alias: 'backup_copy', region: 'eu-central-1', allowed_account_ids: ['123456789012'] })]));
    const copyVault = resourcesOf(j, 'aws_backup_vault').test_backup_copy_vault;
    expect(copyVault).toMatchObject({ provider: 'aws.backup_copy', name: 'palisade-test-copy' });
    expect(resourcesOf(j, 'aws_backup_plan').test_backup_plan.rule[0].copy_action).toEqual([{ destination_vault_arn: '${aws_backup_vault.test_backup_copy_vault.arn}', lifecycle: { delete_after: 35 } }]);
    expect(resourcesOf(j, 'aws_backup_vault_lock_configuration').test_backup_vault_lock.changeable_for_days).toBe(7);
  });

  test('refuses a copy region outside the GDPR allowlist (config, then stack)', () => {
    expect(() => synthSecurity({ allowedRegions: ['eu-west-1', 'eu-central-1'], security: { backup: { copyRegion: 'us-east-1' } } } as any))
      .toThrow('test-security: security.backup.copyRegion = "us-east-1": outside allowedRegions (eu-west-1, eu-central-1)');
  });

  test('refuses a copy into the same region', () => {
    const stack = scratch();
    expect(() => new Backups(stack, 'b', { ...base, allowedRegions: ['eu-west-1'], copyTo: { region: 'eu-west-1', provider: stack.provider } }))
      .toThrow('test-x/b: copyTo.region = "eu-west-1": a copy in the same region');
  });

  test.each([
    ['dailyRetentionDays', 3],
    ['weeklyRetentionWeeks', 2],
    ['monthlyRetentionMonths', 200],
  ])('refuses %s = %p', (field, value) => {
    expect(() => new Backups(scratch(), 'b', { ...base, allowedRegions: ['eu-west-1'], [field]: value })).toThrow(`test-x/b: ${field} = ${value}:`);
  });

  test('refuses a compliance lock with less than three days of grace', () => {
    expect(() => new BackupVault(scratch(), 'v', { ...base, lock: { mode: 'compliance', changeableForDays: 1, minRetentionDays: 7, maxRetentionDays: 35 } }))
      .toThrow('test-x/v: lock.changeableForDays = 1: AWS Backup needs at least 3 days');
  });

  test('refuses a grace period on a governance lock', () => {
    expect(() => new BackupVault(scratch(), 'v', { ...base, lock: { changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 35 } }))
      .toThrow('test-x/v: lock.changeableForDays = 3: a grace period only exists in compliance mode');
  });

  test('refuses a lock whose maximum is below its minimum', () => {
    expect(() => new BackupVault(scratch(), 'v', { ...base, lock: { minRetentionDays: 35, maxRetentionDays: 7 } })).toThrow('test-x/v: lock.maxRetentionDays = 7:');
  });
});

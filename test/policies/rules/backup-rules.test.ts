import { backupDataTierSelected } from '../../../policies/rules/pal-backup-003';
import { backupPlanCoverage } from '../../../policies/rules/pal-backup-002';
import { backupVaultProtected } from '../../../policies/rules/pal-backup-001';
import { evaluate, failures, ref, StackBuilder, statusOf } from '../fixtures';

function backupStack(): StackBuilder {
  return new StackBuilder('sec')
    .add('aws_backup_vault', 'main', { name: 'v', kms_key_arn: ref('aws_kms_key', 'backup', 'arn') })
    .add('aws_backup_vault_lock_configuration', 'main', { backup_vault_name: ref('aws_backup_vault', 'main', 'name'), min_retention_days: 35, max_retention_days: 365 })
    .add('aws_backup_plan', 'main', { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: ref('aws_backup_vault', 'main', 'name'), schedule: 'cron(0 3 * * ? *)', lifecycle: { delete_after: 35 } }] })
    .add('aws_backup_selection', 'main', { name: 's', plan_id: ref('aws_backup_plan', 'main'), iam_role_arn: 'arn:aws:iam::111122223333:role/b', selection_tag: [{ type: 'STRINGEQUALS', key: 'Backup', value: 'standard' }] });
}

describe('PAL-BACKUP-001 backup vault protected', () => {
  test('a CMK-encrypted, locked vault is compliant', () => {
    expect(evaluate(backupVaultProtected, backupStack())[0].status).toBe('compliant');
  });
  test('a vault without a key is non-compliant', () => {
    const r = evaluate(backupVaultProtected, backupStack().update('aws_backup_vault', 'main', (v) => { delete v.kms_key_arn; }));
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('no kms_key_arn') });
  });
  test('a vault without a lock is non-compliant', () => {
    const r = evaluate(backupVaultProtected, backupStack().remove('aws_backup_vault_lock_configuration', 'main'));
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('no vault lock') });
  });
});

describe('PAL-BACKUP-002 vaults fed by a plan with a selection', () => {
  test('a vault fed by a selecting plan is compliant', () => {
    expect(failures(evaluate(backupPlanCoverage, backupStack()))).toEqual([]);
  });
  test('a vault no plan writes into is non-compliant', () => {
    const r = evaluate(backupPlanCoverage, backupStack().remove('aws_backup_plan', 'main'));
    expect(statusOf(r, 'aws_backup_vault.main')).toBe('non-compliant');
  });
  test('a plan that selects nothing is non-compliant', () => {
    const r = evaluate(backupPlanCoverage, backupStack().remove('aws_backup_selection', 'main'));
    expect(statusOf(r, 'aws_backup_plan.main')).toBe('non-compliant');
    expect(statusOf(r, 'aws_backup_vault.main')).toBe('non-compliant');
  });
});

describe('PAL-BACKUP-003 data-tier resources selected by a plan', () => {
  const withDb = (tags: Record<string, string>) => backupStack().add('aws_db_instance', 'db', { engine: 'postgres', tags });

  test('a data-tier database tagged into the plan is compliant', () => {
    expect(statusOf(evaluate(backupDataTierSelected, withDb({ Tier: 'data', Backup: 'standard' })), 'aws_db_instance.db')).toBe('compliant');
  });
  test('a data-tier database without the Backup tag is non-compliant', () => {
    expect(statusOf(evaluate(backupDataTierSelected, withDb({ Tier: 'data' })), 'aws_db_instance.db')).toBe('non-compliant');
  });
  test('a tag naming a plan no selection selects is non-compliant', () => {
    expect(statusOf(evaluate(backupDataTierSelected, withDb({ Tier: 'data', Backup: 'weekly-only' })), 'aws_db_instance.db')).toBe('non-compliant');
  });
  test('in a stack without selections (per-stack gate) the tag is accepted and the message says so', () => {
    const r = evaluate(backupDataTierSelected, new StackBuilder('data').add('aws_ebs_volume', 'v', { size: 10, tags: { Tier: 'data', Backup: 'standard' } }));
    expect(r[0]).toMatchObject({ status: 'compliant', message: expect.stringContaining('whole estate') });
  });
  test('resources outside the data tier are out of scope', () => {
    expect(evaluate(backupDataTierSelected, withDb({ Tier: 'app' }))[0].status).toBe('not-applicable');
  });
});

import { asString } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV_AWS_166 (vault KMS key); AWS FSBP Backup.1 (recovery points encrypted); AWS Backup Vault Lock. */
export const backupVaultProtected: Rule = {
  id: 'PAL-BACKUP-001',
  title: 'Backup vaults are encrypted with a customer-managed key and locked (aws_backup_vault_lock_configuration).',
  rationale: 'Backups are what ransomware and a compromised admin delete first: a vault lock refuses deletion and early expiry of recovery points, and a CMK keeps their encryption under the account\'s key policy.',
  severity: 'high',
  routine: 'backup',
  controls: { checkov: ['CKV_AWS_166'], fsbp: ['Backup.1'], cis: [], ccm: ['BCR-08', 'CEK-03'] },
  fixHint: 'Set kms_key_arn = <aws_kms_key>.arn on aws_backup_vault and add aws_backup_vault_lock_configuration { backup_vault_name = <vault>.name, min_retention_days, max_retention_days }.',
  evaluate(model) {
    const vaults = model.ofType('aws_backup_vault');
    if (vaults.length === 0) return [notApplicable('No aws_backup_vault in scope.')];
    const locks = model.ofType('aws_backup_vault_lock_configuration');
    return vaults.map((v) => {
      const problems: string[] = [];
      if (!asString(v.values.kms_key_arn)) problems.push('no kms_key_arn (AWS-managed key)');
      const lock = locks.find((l) => model.refersTo(l, v, 'backup_vault_name') || (asString(v.values.name) !== undefined && l.values.backup_vault_name === v.values.name));
      if (!lock) problems.push('no vault lock');
      return problems.length > 0
        ? fail(v, `Vault ${v.address}: ${problems.join('; ')}.`)
        : pass(v, `Vault ${v.address} is CMK-encrypted and locked by ${lock!.address}${lock!.values.changeable_for_days !== undefined ? ' (compliance mode)' : ' (governance mode)'}.`);
    });
  },
};

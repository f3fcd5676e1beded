import { asNumber, block, blocks, isToken } from '../model/values';
import { fail, limitsOf, notApplicable, pass, type Rule, type RuleResult, unprovenAs } from './types';

/** Source: AWS Backup Vault Lock (min_retention_days); CSA CCM BCR-08 / BCR-11. */
export const backupMinimumRetention: Rule = {
  id: 'PAL-BACKUP-004',
  title: 'Backup plan rules keep recovery points, and vault locks enforce keeping them, at least the configured minimum (default 35 days).',
  rationale: 'Ransomware and mistakes are often found weeks later; a recovery point expired after a day restores nothing, and a vault lock with min_retention_days = 1 lets a compromised admin delete backups at once.',
  severity: 'high',
  routine: 'backup',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['BCR-08', 'BCR-11'] },
  fixHint: 'Set lifecycle.delete_after (and copy_action lifecycle.delete_after) ≥ the minimum on every aws_backup_plan rule, and min_retention_days ≥ the minimum on aws_backup_vault_lock_configuration (Palisade: security.backup.dailyRetentionDays).',
  evaluate(model, ctx) {
    const plans = model.ofType('aws_backup_plan');
    const locks = model.ofType('aws_backup_vault_lock_configuration');
    if (plans.length === 0 && locks.length === 0) return [notApplicable('No aws_backup_plan or vault lock in scope.')];
    const min = limitsOf(ctx).backupMinRetentionDays;
    const tooShort = (raw: unknown, what: string): string | undefined => {
      if (raw === undefined || raw === null) return undefined; // kept until deleted by hand
      const days = asNumber(raw);
      if (days === undefined) return isToken(raw) ? `cannot be shown at plan time because ${what} is computed` : `${what} is not a number`;
      return days < min ? `${what} ${days} days < ${min}` : undefined;
    };
    const out: RuleResult[] = [];
    for (const p of plans) {
      const problems = blocks(p.values.rule).flatMap((r) => [
        tooShort(block(r.lifecycle)?.delete_after, `rule "${String(r.rule_name)}" delete_after`),
        ...blocks(r.copy_action).map((c) => tooShort(block(c.lifecycle)?.delete_after, `rule "${String(r.rule_name)}" copy delete_after`)),
      ]).filter((x): x is string => x !== undefined);
      out.push(problems.length > 0 ? (problems.every((x) => x.startsWith('cannot')) ? unprovenAs(p, `Plan ${p.address}: ${problems.join('; ')}.`, 'low') : fail(p, `Plan ${p.address}: ${problems.join('; ')}.`)) : pass(p, `Plan ${p.address} keeps every recovery point ≥ ${min} days.`));
    }
    for (const l of locks) {
      const raw = l.values.min_retention_days;
      const problem = raw === undefined || raw === null ? `no min_retention_days (the lock enforces no minimum)` : tooShort(raw, 'min_retention_days');
      out.push(problem ? fail(l, `Vault lock ${l.address}: ${problem}.`, problem.startsWith('cannot') ? 'low' : undefined) : pass(l, `Vault lock ${l.address} enforces ≥ ${min} days.`));
    }
    return out;
  },
};

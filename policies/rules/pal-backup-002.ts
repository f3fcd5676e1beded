import type { Resource } from '../model/types';
import { blocks, nameKey } from '../model/values';
import { groupBy } from '../model/group';
import type { Model } from '../model/model';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Plans that write into a vault: by reference (`target_vault_name`, `copy_action`) or by literal vault name. */
function plansInto(model: Model, vault: Resource, plansByVaultName: ReadonlyMap<string, Resource[]>): Resource[] {
  const byRef = model.referrers(vault, 'aws_backup_plan', 'rule');
  const name = nameKey(vault.values.name);
  return [...new Set([...byRef, ...((name && plansByVaultName.get(name)) || [])])];
}

/** Plans by the vault names their rules target (each plan once per name). */
function plansByTargetVaultName(plans: readonly Resource[]): Map<string, Resource[]> {
  const targets = plans.flatMap((plan) => [...new Set(blocks(plan.values.rule).map((r) => nameKey(r.target_vault_name)))].map((name) => ({ plan, name })));
  return new Map([...groupBy(targets, (t) => t.name)].map(([name, list]) => [name, list.map((t) => t.plan)]));
}

/** Source: AWS Backup (a vault is only as good as the plans and selections feeding it); CSA CCM BCR-08. checkov has no plan check (plans appear only in CKV2_AWS_8/9/18). */
export const backupPlanCoverage: Rule = {
  id: 'PAL-BACKUP-002',
  title: 'Every backup vault receives recovery points from a plan with rules and a resource selection.',
  rationale: 'A vault without a plan, or a plan without a selection, looks like a backup routine but backs nothing up.',
  severity: 'high',
  routine: 'backup',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['BCR-08'] },
  fixHint: 'Add an aws_backup_plan whose rules target the vault (target_vault_name or copy_action) and an aws_backup_selection with plan_id = <plan>.id selecting resources (e.g. by the Backup tag).',
  evaluate(model) {
    const vaults = model.ofType('aws_backup_vault');
    const plans = model.ofType('aws_backup_plan');
    if (vaults.length === 0 && plans.length === 0) return [notApplicable('No aws_backup_vault or aws_backup_plan in scope.')];
    const out: RuleResult[] = [];
    const selected = (p: Resource) => model.referrers(p, 'aws_backup_selection', 'plan_id');
    const plansByVaultName = plansByTargetVaultName(plans);
    for (const v of vaults) {
      const feeding = plansInto(model, v, plansByVaultName);
      if (feeding.length === 0) {
        out.push(fail(v, `No aws_backup_plan writes into vault ${v.address}.`));
        continue;
      }
      const withSelection = feeding.filter((p) => blocks(p.values.rule).length > 0 && selected(p).length > 0);
      out.push(withSelection.length > 0
        ? pass(v, `Vault ${v.address} is fed by ${withSelection.map((p) => p.address).join(', ')}.`)
        : fail(v, `Plan(s) ${feeding.map((p) => p.address).join(', ')} writing into ${v.address} have no rules or no aws_backup_selection.`));
    }
    for (const p of plans) {
      if (selected(p).length === 0) out.push(fail(p, `Plan ${p.address} selects no resources (no aws_backup_selection with plan_id = ${p.address}.id).`));
    }
    return out;
  },
};

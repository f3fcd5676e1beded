import { providerAccounts } from '../model/account';
import type { Model } from '../model/model';
import { knownRegion } from '../model/region';
import type { Resource } from '../model/types';
import { asString, blocks, strings } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Resource types that hold data AWS Backup can protect. */
export const BACKUP_DATA_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_ebs_volume', 'aws_efs_file_system', 'aws_dynamodb_table', 'aws_s3_bucket'] as const;

/** Whether a selection picks a resource with these tags (selection_tag, condition string_equals, or resources). */
function selects(model: Model, selection: Resource, target: Resource, tags: Record<string, string>): boolean {
  if (model.refersTo(selection, target, 'resources')) return true;
  if (strings(selection.values.resources).includes('*')) return true;
  const tagMatch = blocks(selection.values.selection_tag).some((t) => String(t.type ?? 'STRINGEQUALS').toUpperCase() === 'STRINGEQUALS' && typeof t.key === 'string' && tags[t.key] === t.value);
  if (tagMatch) return true;
  return blocks(selection.values.condition).some((c) => blocks(c.string_equals).some((e) => {
    const key = typeof e.key === 'string' ? e.key.replace(/^aws:ResourceTag\//, '') : undefined;
    return key !== undefined && tags[key] === e.value;
  }));
}

/** Where a resource is deployed: its provider's region and accounts (undefined where the input does not show them). */
interface Placement { region?: string; accounts?: string }

function placementOf(r: Resource): Placement {
  return { region: knownRegion(r.provider), accounts: providerAccounts(r.provider)?.accounts.join(',') };
}

/** Whether two placements are the same region and accounts (unknown counts as same). */
function samePlacement(a: Placement, b: Placement): boolean {
  const differ = (x?: string, y?: string) => x !== undefined && y !== undefined && x !== y;
  return !differ(a.region, b.region) && !differ(a.accounts, b.accounts);
}

/** Source: CSA CCM BCR-08 (data-tier resources in a backup plan). Not checkov CKV2_AWS_8/9/18: those demand every RDS/EBS/EFS resource in a plan, whatever its tier; this rule judges the data tier only. */
export const backupDataTierSelected: Rule = {
  id: 'PAL-BACKUP-003',
  title: 'Data-tier resources (Tier=data) are selected by a backup plan.',
  rationale: 'The data tier is what a restore is for; a database, volume, file system, table or bucket that no selection picks is not backed up at all.',
  severity: 'high',
  routine: 'backup',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['BCR-08'] },
  fixHint: 'Tag the resource into a plan (Palisade: tags: resourceTags(name, "data", backupTags()) → Backup=standard) so an aws_backup_selection selects it.',
  evaluate(model) {
    const data = BACKUP_DATA_TYPES.flatMap((t) => model.ofType(t)).filter((r) => (model.effectiveTags(r).Tier ?? '').toLowerCase() === 'data');
    if (data.length === 0) return [notApplicable('No data-tier (Tier=data) resource of a backup-able type in scope.')];
    const allSelections = model.ofType('aws_backup_selection').map((s) => ({ s, at: placementOf(s) }));
    return data.map((r) => {
      const tags = model.effectiveTags(r);
      // A plan backs up resources of its own account and region only: another environment's selection does not count.
      const at = placementOf(r);
      const selections = allSelections.filter((x) => samePlacement(at, x.at)).map((x) => x.s);
      const hit = selections.find((s) => selects(model, s, r, tags));
      if (hit) return pass(r, `${r.address} is selected by ${hit.address}.`);
      const plan = asString(tags.Backup);
      if (selections.length === 0 && plan) {
        // The selection lives in the security stack; a per-stack check can only see the tag.
        return pass(r, `${r.address} is tagged Backup=${plan}; no aws_backup_selection is in scope to confirm the plan (run the baseline over the whole estate).`);
      }
      return fail(r, plan
        ? `${r.address} is tagged Backup=${plan} but no aws_backup_selection in scope selects that tag.`
        : `${r.address} is in the data tier but no aws_backup_selection selects it (no Backup tag).`);
    });
  },
};

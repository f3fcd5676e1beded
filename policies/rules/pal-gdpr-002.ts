import type { Model } from '../model/model';
import { knownRegion, providerRegion } from '../model/region';
import type { Resource } from '../model/types';
import { asString, blocks } from '../model/values';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/** Region of a literal ARN (`arn:aws:backup:eu-west-1:…`), or of the resource it references (its provider's region). */
function destinationRegion(model: Model, from: Resource, attribute: string, value: unknown, targetType?: string): { region?: string; how: string } {
  const text = asString(value);
  const literal = text && !text.includes('${') ? /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):/.exec(text)?.[1] : undefined;
  if (literal) return { region: literal, how: 'ARN' };
  // S3: `arn:aws:s3:::<name>` or a bare name carries no region; find the bucket of that name in scope.
  const bucketName = text && !text.includes('${') ? text.replace(/^arn:aws[a-z-]*:s3:::/, '') : undefined;
  const named = targetType === 'aws_s3_bucket' && bucketName ? model.ofType('aws_s3_bucket').find((b) => b.values.bucket === bucketName) : undefined;
  const target = named ?? model.targets(from, attribute, targetType).find((t) => text?.includes(`${t.type}.${t.name}`));
  const region = providerRegion(target?.provider);
  if (region?.region) return { region: region.region, how: `provider of ${target!.address}${region.source ? `, from ${region.source}` : ''}` };
  return { how: 'unresolvable' };
}

/** Source: GDPR Chapter V (transfers) data residency; CSA CCM DSP-07 / DSP-10. Complements PAL-GDPR-001 (providers). */
export const dataDestinationsInAllowedRegions: Rule = {
  id: 'PAL-GDPR-002',
  title: 'Backup copies, replicas and trail destinations stay in allowed (by default EU) regions.',
  rationale: 'A copy is a transfer: a backup copy_action, an S3 replication rule, a DynamoDB or Secrets Manager replica or a trail bucket in another region moves personal data out of the approved jurisdictions.',
  severity: 'high',
  routine: 'personal-data',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['DSP-07', 'DSP-10'] },
  fixHint: 'Point copy_action / replication destinations / replicas at a vault, bucket or region in the allowlist (see --allowed-regions).',
  evaluate(model, ctx) {
    const out: RuleResult[] = [];
    const judge = (r: Resource, what: string, found: { region?: string; how: string }) => {
      if (!found.region) out.push(fail(r, `${what} of ${r.address}: destination region cannot be determined statically.`, 'medium'));
      else if (!ctx.allowedRegions.includes(found.region)) out.push(fail(r, `${what} of ${r.address} is in ${found.region} (${found.how}), outside the allowed regions (${ctx.allowedRegions.join(', ')}).`));
      else out.push(pass(r, `${what} of ${r.address} stays in ${found.region}.`));
    };
    for (const plan of model.ofType('aws_backup_plan')) {
      blocks(plan.values.rule).forEach((rule, i) => blocks(rule.copy_action).forEach((c) => {
        judge(plan, `Backup copy of rule ${String(rule.rule_name ?? i)}`, destinationRegion(model, plan, 'rule', c.destination_vault_arn, 'aws_backup_vault'));
      }));
    }
    for (const rep of model.ofType('aws_s3_bucket_replication_configuration')) {
      blocks(rep.values.rule).forEach((rule, i) => blocks(rule.destination).forEach((d) => {
        judge(rep, `Replication rule ${String(rule.id ?? i)}`, destinationRegion(model, rep, 'rule', d.bucket, 'aws_s3_bucket'));
      }));
    }
    for (const table of model.ofType('aws_dynamodb_table')) {
      for (const rep of blocks(table.values.replica)) judge(table, 'DynamoDB replica', { region: asString(rep.region_name), how: 'region_name' });
    }
    for (const secret of model.ofType('aws_secretsmanager_secret')) {
      for (const rep of blocks(secret.values.replica)) judge(secret, 'Secret replica', { region: asString(rep.region), how: 'region' });
    }
    for (const trail of model.ofType('aws_cloudtrail')) {
      const found = destinationRegion(model, trail, 's3_bucket_name', trail.values.s3_bucket_name, 'aws_s3_bucket');
      // A literal bucket name carries no region: judged by the trail's own provider (CloudTrail delivers cross-region only on purpose).
      const region = found.region ?? knownRegion(trail.provider);
      judge(trail, 'Trail destination', { region, how: found.region ? found.how : 'trail provider' });
    }
    return out.length > 0 ? out : [notApplicable('No backup copy, replication, replica or trail destination in scope.')];
  },
};

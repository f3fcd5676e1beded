import { asBool, asString } from '../model/values';
import { notApplicable, type Rule, type RuleResult } from './types';

/** Source: Terraform S3 backend (encrypt, kms_key_id, use_lockfile / dynamodb_table); CSA CCM CEK-03, CCC-04. */
export const s3BackendProtected: Rule = {
  id: 'PAL-STATE-001',
  title: 'An S3 state backend encrypts state with a KMS key and locks it.',
  rationale: 'State holds every resource attribute, secrets included; unencrypted or under S3-managed keys anyone with bucket read sees it, and without a lock two applies corrupt it.',
  severity: 'high',
  routine: 'change-testing',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['CEK-03', 'CCC-04'] },
  fixHint: 'In terraform { backend "s3" { … } } set encrypt = true, kms_key_id = <key ARN> and use_lockfile = true (or dynamodb_table).',
  evaluate(model) {
    const stacks = model.stacks.filter((s) => s.backend?.type === 's3');
    if (stacks.length === 0) return [notApplicable('No stack in scope uses an S3 backend.')];
    return stacks.map((s): RuleResult => {
      const c = s.backend!.config;
      const problems: string[] = [];
      if (asBool(c.encrypt) !== true) problems.push('encrypt is not true');
      if (!asString(c.kms_key_id)) problems.push('no kms_key_id (S3-managed keys)');
      if (asBool(c.use_lockfile) !== true && !asString(c.dynamodb_table)) problems.push('no locking (use_lockfile or dynamodb_table)');
      const target = { stack: s.name, resource: 'terraform.backend.s3', file: s.displayFile, jsonPath: 'terraform.backend.s3' };
      return problems.length > 0
        ? { ...target, status: 'non-compliant', message: `S3 backend of ${s.name}: ${problems.join('; ')}.` }
        : { ...target, status: 'compliant', message: `S3 backend of ${s.name} encrypts with ${String(c.kms_key_id)} and locks.` };
    });
  },
};

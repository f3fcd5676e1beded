import { MIN_AUDIT_LOG_RETENTION_DAYS } from '../facts';
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asNumber, asString, isToken } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

export const AUDIT_RETENTION_DAYS = MIN_AUDIT_LOG_RETENTION_DAYS;
const AUDIT_NAME = /flow[-_]?logs?|cloudtrail|audit/i;

/** Audit log groups: named like flow-log/cloudtrail/audit, tagged LogClass=audit, or the destination of a flow log / trail. */
export function isAuditLogGroup(model: Model, g: Resource): boolean {
  const name = asString(g.values.name) ?? asString(g.values.name_prefix) ?? '';
  if (AUDIT_NAME.test(name)) return true;
  if ((model.effectiveTags(g).LogClass ?? '').toLowerCase() === 'audit') return true;
  return model.referrers(g, 'aws_flow_log').length > 0 || model.referrers(g, 'aws_cloudtrail').length > 0;
}

/** Source: checkov CKV_AWS_66 (retention set); Security Hub CloudWatch.16 (≥ 1 year) for audit logs only — not CKV_AWS_338, which demands a year of every log group (Palisade keeps non-audit logs shorter: data minimisation). */
export const logGroupRetention: Rule = {
  id: 'PAL-LOGS-002',
  title: 'CloudWatch log groups set a retention period, at least 365 days for audit logs.',
  rationale: 'An explicit retention bounds how long personal data in logs is kept, while audit trails (flow logs, CloudTrail) must survive a year for investigations (CloudWatch.16 is in the NIST standard, not FSBP).',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_66'], fsbp: [], cis: [], ccm: ['LOG-02', 'LOG-07', 'DSP-02'] },
  fixHint: `Set retention_in_days (≥ ${AUDIT_RETENTION_DAYS} for flow-log/CloudTrail/audit groups, e.g. 400).`,
  evaluate(model) {
    const groups = model.ofType('aws_cloudwatch_log_group');
    if (groups.length === 0) return [notApplicable('No aws_cloudwatch_log_group in scope.')];
    return groups.map((g) => {
      const raw = g.values.retention_in_days;
      const audit = isAuditLogGroup(model, g);
      if (raw === undefined || raw === null) return fail(g, `Log group ${g.address} sets no retention_in_days.`);
      const days = asNumber(raw);
      if (days === undefined) return isToken(raw) ? fail(g, `Log group ${g.address} retention is an expression and cannot be verified.`, 'low') : fail(g, `Log group ${g.address} has an invalid retention.`);
      if (days === 0) return pass(g, `Log group ${g.address} never expires events (retention 0).`);
      if (audit && days < AUDIT_RETENTION_DAYS) return fail(g, `Audit log group ${g.address} keeps ${days} days (< ${AUDIT_RETENTION_DAYS}).`);
      return pass(g, `Log group ${g.address} keeps ${days} days${audit ? ' (audit)' : ''}.`);
    });
  },
};

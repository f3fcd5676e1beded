import { asBool, asString, blocks, boolSettingOr, strings } from '../model/values';
import { fail, notApplicable, pass, unprovenAs, type Rule } from './types';

/** Source: checkov CKV_AWS_67/36/35/251, CKV2_AWS_10; AWS FSBP CloudTrail.1/.2/.4/.5; CIS v3.0.0 3.1, 3.2, 3.5. */
export const cloudTrailBaseline: Rule = {
  id: 'PAL-TRAIL-001',
  title: 'CloudTrail trails are multi-region, record all management events (read and write, no excluded sources), validate log files, are KMS-encrypted and deliver to a CloudWatch log group.',
  rationale: 'The trail is the account\'s audit record: it must see every region, be tamper-evident (digest files), readable only through a key policy, and searchable/alertable in CloudWatch Logs.',
  severity: 'high',
  routine: 'monitoring',
  controls: { checkov: ['CKV_AWS_67', 'CKV_AWS_36', 'CKV_AWS_35', 'CKV_AWS_251', 'CKV2_AWS_10'], fsbp: ['CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5'], cis: ['3.1', '3.2', '3.5'], ccm: ['LOG-02', 'LOG-07', 'LOG-09', 'IAM-12'] },
  fixHint: 'On aws_cloudtrail set is_multi_region_trail = true, enable_log_file_validation = true, kms_key_id = <key>.arn, cloud_watch_logs_group_arn = "<log group arn>:*" with cloud_watch_logs_role_arn, and keep enable_logging true.',
  evaluate(model) {
    const trails = model.ofType('aws_cloudtrail');
    if (trails.length === 0) return [notApplicable('No aws_cloudtrail in scope.')];
    return trails.map((t) => {
      const problems: string[] = [];
      if (asBool(t.values.is_multi_region_trail) !== true) problems.push('not multi-region');
      if (asBool(t.values.enable_log_file_validation) !== true) problems.push('log file validation off');
      if (!asString(t.values.kms_key_id)) problems.push('no kms_key_id');
      if (!asString(t.values.cloud_watch_logs_group_arn) || !asString(t.values.cloud_watch_logs_role_arn)) problems.push('no CloudWatch Logs delivery (group and role)');
      const unknown: string[] = [];
      const logging = boolSettingOr(t.values.enable_logging, true);
      if (logging === false) problems.push('logging stopped (enable_logging = false)');
      if (logging === 'unknown') unknown.push(`enable_logging is ${String(t.values.enable_logging)}`);
      problems.push(...managementEventGaps(t.values, unknown));
      if (problems.length > 0) return fail(t, `Trail ${t.address}: ${problems.join('; ')}.`);
      if (unknown.length > 0) return unprovenAs(t, `Whether trail ${t.address} records every management event cannot be shown: ${unknown.join('; ')}, decided at apply.`);
      return pass(t, `Trail ${t.address} is multi-region, validated, KMS-encrypted and delivered to CloudWatch Logs.`);
    });
  },
};

/**
 * What a trail's selectors leave out of the management events. No selector = all management events (AWS default);
 * basic `event_selector`s: some selector must include management events with read_write_type All and exclude no
 * source; `advanced_event_selector`s: some selector must select eventCategory Management without a readOnly filter
 * or an eventSource exclusion. Selectors whose include_management_events is decided at apply are named in `unknown`
 * when no other selector shows the management events recorded.
 */
export function managementEventGaps(v: Record<string, unknown>, unknown: string[] = []): string[] {
  const basic = blocks(v.event_selector);
  const advanced = blocks(v.advanced_event_selector);
  if (basic.length === 0 && advanced.length === 0) return [];
  if (advanced.length > 0) {
    const complete = advanced.some((sel) => {
      const fields = blocks(sel.field_selector);
      const category = fields.find((f) => f.field === 'eventCategory');
      return category !== undefined && strings(category.equals).includes('Management')
        && !fields.some((f) => f.field === 'readOnly') && !fields.some((f) => f.field === 'eventSource');
    });
    return complete ? [] : ['no advanced event selector records all management events (read and write, every source)'];
  }
  const management = basic.filter((sel) => boolSettingOr(sel.include_management_events, true) === true);
  if (management.length === 0) {
    const undecided = basic.filter((sel) => boolSettingOr(sel.include_management_events, true) === 'unknown');
    if (undecided.length === 0) return ['management events excluded (include_management_events = false)'];
    unknown.push(`event_selector include_management_events is ${String(undecided[0].include_management_events)}`);
    return [];
  }
  const gaps: string[] = [];
  if (!management.some((sel) => (asString(sel.read_write_type) ?? 'All') === 'All')) gaps.push(`records only ${String(management[0].read_write_type)} management events`);
  const excluded = management.flatMap((sel) => strings(sel.exclude_management_event_sources));
  if (excluded.length > 0 && management.every((sel) => strings(sel.exclude_management_event_sources).length > 0)) gaps.push(`excludes management events of ${[...new Set(excluded)].join(', ')}`);
  return gaps;
}

import { asBool, block, boolSettingOr, sameName } from '../model/values';
import { fail, notApplicable, pass, unprovenAs, type Rule } from './types';

/** Source: checkov CKV2_AWS_45 / CKV2_AWS_48; AWS FSBP Config.1; CIS AWS Foundations v3.0.0 3.3. */
export const configRecorderEnabled: Rule = {
  id: 'PAL-DETECT-003',
  title: 'AWS Config records all supported resource types including global ones (IAM), is enabled, and has a delivery channel.',
  rationale: 'Config is the evidence behind Security Hub and any investigation: what existed, how it was configured and when it changed.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV2_AWS_45', 'CKV2_AWS_48'], fsbp: ['Config.1'], cis: ['3.3'], ccm: ['LOG-07', 'CCC-07'] },
  fixHint: 'Set recording_group { all_supported = true } on aws_config_configuration_recorder, add aws_config_configuration_recorder_status { name = <recorder>.name, is_enabled = true } and an aws_config_delivery_channel.',
  evaluate(model) {
    const recorders = model.ofType('aws_config_configuration_recorder');
    if (recorders.length === 0) return [notApplicable('No aws_config_configuration_recorder in scope.')];
    const statuses = model.ofType('aws_config_configuration_recorder_status');
    const channels = model.ofType('aws_config_delivery_channel');
    return recorders.map((r) => {
      const problems: string[] = [];
      const unknown: string[] = [];
      const group = block(r.values.recording_group);
      // all_supported defaults to true when the group (or the attribute) is omitted.
      const allSupported = group ? boolSettingOr(group.all_supported, true) : true;
      if (allSupported === false || (Array.isArray(group?.resource_types) && group.resource_types.length > 0)) problems.push('does not record all supported resource types');
      else if (allSupported === 'unknown') unknown.push(`recording_group.all_supported is ${String(group!.all_supported)}`);
      const status = statuses.find((s) => model.refersTo(s, r, 'name') || sameName(s.values.name, r.values.name));
      if (!status) problems.push('no aws_config_configuration_recorder_status');
      else if (asBool(status.values.is_enabled) !== true) problems.push(`recording is off (${status.address} is_enabled = ${String(status.values.is_enabled)})`);
      if (!channels.some((c) => c.stack === r.stack)) problems.push('no aws_config_delivery_channel');
      // Global types (IAM users, roles, policies) are recorded in one region per account; a recorder elsewhere
      // carries a suppression saying which region does (Palisade: security.config.recordGlobalResourceTypes = false).
      if (!group || asBool(group.include_global_resource_types) !== true) problems.push('does not record global resource types (include_global_resource_types is not true)');
      if (problems.length > 0) return fail(r, `Config recorder ${r.address}: ${problems.join('; ')}.`);
      if (unknown.length > 0) return unprovenAs(r, `Whether config recorder ${r.address} records all supported types cannot be shown: ${unknown.join('; ')}, decided at apply.`);
      return pass(r, `Config recorder ${r.address} records all supported types including global ones, and delivers.`);
    });
  },
};

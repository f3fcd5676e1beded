import { asBool, asString } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS GuardDuty finding publishing frequency and export (AWS SRA); CSA CCM LOG-05, LOG-07. */
export const guardDutyPublishing: Rule = {
  id: 'PAL-DETECT-004',
  title: 'GuardDuty detectors publish updated findings every 15 minutes and export them to S3 under a KMS key.',
  rationale: 'The provider default (SIX_HOURS) delays updates of recurring findings to EventBridge by hours; findings live in GuardDuty only 90 days, so the encrypted S3 export is the record an investigation needs.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['LOG-05', 'LOG-07'] },
  fixHint: 'Set finding_publishing_frequency = "FIFTEEN_MINUTES" and add aws_guardduty_publishing_destination { detector_id = <detector>.id, destination_arn = <bucket arn>, kms_key_arn = <key>.arn }.',
  evaluate(model) {
    const detectors = model.ofType('aws_guardduty_detector').filter((d) => asBool(d.values.enable) !== false);
    if (detectors.length === 0) return [notApplicable('No enabled aws_guardduty_detector in scope.')];
    return detectors.map((d) => {
      const problems: string[] = [];
      const frequency = asString(d.values.finding_publishing_frequency);
      if (frequency !== 'FIFTEEN_MINUTES') problems.push(`publishes every ${frequency ?? 'SIX_HOURS (the default)'}, not FIFTEEN_MINUTES`);
      const exports = model.referrers(d, 'aws_guardduty_publishing_destination', 'detector_id')
        .filter((e) => asString(e.values.destination_arn) !== undefined && asString(e.values.kms_key_arn) !== undefined);
      if (exports.length === 0) problems.push('no aws_guardduty_publishing_destination with destination_arn and kms_key_arn exports its findings');
      return problems.length > 0
        ? fail(d, `Detector ${d.address}: ${problems.join('; ')}.`)
        : pass(d, `Detector ${d.address} publishes every 15 minutes and exports through ${exports[0].address}.`);
    });
  },
};

import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { runBaseline } from '../../policies/engine';
import { modelFromDocuments } from '../../policies/model/load';
import { RULES } from '../../policies/rules/index';
import { estateStack } from '../support/estate';

/** The whole registered baseline. */
const rules = RULES;

const config = loadEstateConfig(exampleEstate);
/** The example estate's production security stack, as the test run's global setup synthesized it. */
const pristine = estateStack('production-security');
const allowedRegions = config.environments.find((e) => e.name === 'production')!.allowedRegions;

function findings(mutate: (json: any) => void = () => undefined) {
  const json = JSON.parse(JSON.stringify(pristine));
  mutate(json);
  const model = modelFromDocuments([{ file: 'stacks/production-security/cdk.tf.json', json, stackName: 'production-security' }]);
  return runBaseline(model, { rules, allowedRegions }).findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource}`);
}

const r = (json: any, type: string, name: string) => json.resource[type][name];

describe('the example estate\'s security stack under weakening mutations', () => {
  test('unmutated, it passes every rule of the baseline', () => {
    expect(findings()).toEqual([]);
  });

  test.each<[string, (json: any) => void, string]>([
    ['GuardDuty switched off', (j) => { r(j, 'aws_guardduty_detector', 'production_guardduty').enable = false; }, 'PAL-DETECT-001 aws_guardduty_detector.production_guardduty'],
    ['the malware-protection plan switched off', (j) => { r(j, 'aws_guardduty_detector_feature', 'production_guardduty_ebs_malware_protection').status = 'DISABLED'; }, 'PAL-DETECT-001 aws_guardduty_detector_feature.production_guardduty_ebs_malware_protection'],
    ['CloudTrail log-file validation off', (j) => { r(j, 'aws_cloudtrail', 'production_account_cloudtrail').enable_log_file_validation = false; }, 'PAL-TRAIL-001 aws_cloudtrail.production_account_cloudtrail'],
    ['the password policy weakened to 8 characters', (j) => { r(j, 'aws_iam_account_password_policy', 'production_account_password_policy').minimum_password_length = 8; }, 'PAL-PASSWD-001 aws_iam_account_password_policy.production_account_password_policy'],
    ['the backup vault without its key', (j) => { delete r(j, 'aws_backup_vault', 'production_backup_vault').kms_key_arn; }, 'PAL-BACKUP-001 aws_backup_vault.production_backup_vault'],
    ['the backup plan removed', (j) => { delete j.resource.aws_backup_plan; }, 'PAL-BACKUP-002 aws_backup_vault.production_backup_vault'],
    ['a provider region outside the allowlist', (j) => { j.provider.aws[0].region = 'us-east-1'; }, 'PAL-GDPR-001 provider.aws'],
    ['the Config recorder stopped', (j) => { r(j, 'aws_config_configuration_recorder_status', 'production_posture_config_status').is_enabled = false; }, 'PAL-DETECT-003 aws_config_configuration_recorder.production_posture_config'],
    ['the account public-access block loosened', (j) => { r(j, 'aws_s3_account_public_access_block', 'production_account_s3_public_access_block').restrict_public_buckets = false; }, 'PAL-ACCT-002 aws_s3_account_public_access_block.production_account_s3_public_access_block'],
  ])('%s is caught', (_, mutate, expected) => {
    expect(findings(mutate)).toContain(expected);
  });
});

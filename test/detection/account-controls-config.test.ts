import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEstateConfig } from '../../config/load';
import { exampleEstate } from '../../config/estate';
import { AccountBaseline } from '../../constructs/account/account-baseline';
import { Testing } from '../../constructs/framework';
import { modelFromDocuments, runBaseline } from '../../policies/index';
import { ACCOUNT_CONTROL_IDS } from '../../policies/rules/lib/account-controls';
import { SecurityStack } from '../../stacks/security-stack';
import { synthSecurity } from '../security/helpers';
import { resourcesOf, testEnvironment, type TerraformJson } from '../support/synth';

describe('account controls managed elsewhere (security.managedElsewhere)', () => {
  test('the security stack writes each declaration, with its reason, into its //.palisade comment', () => {
    const declared = [{ control: 'security-hub', reason: 'Run by the organization\'s delegated administrator' }];
    const { stack } = synthSecurity({ security: { managedElsewhere: declared } } as any);
    expect(stack.toTerraform()['//'].palisade).toEqual({ managedElsewhere: declared });
  });

  test('without declarations the stack carries none', () => {
    expect(synthSecurity().stack.toTerraform()['//'].palisade).toBeUndefined();
  });

  test('the config refuses an unknown control or an empty reason, naming the field', () => {
    const withDeclaration = (d: unknown) => ({ environments: [{ ...exampleEstate.environments[0], security: { managedElsewhere: [d] } }] });
    expect(() => loadEstateConfig(withDeclaration({ control: 'firewall', reason: 'x' }) as any)).toThrow(/managedElsewhere/);
    expect(() => loadEstateConfig(withDeclaration({ control: 'guardduty', reason: '  ' }) as any)).toThrow(/managedElsewhere/);
    expect(loadEstateConfig(withDeclaration({ control: 'guardduty', reason: 'organization' }) as any).environments[0].security.managedElsewhere).toEqual([{ control: 'guardduty', reason: 'organization' }]);
  });

  test('a recorder that leaves global types to another region carries a reasoned PAL-DETECT-003 suppression', () => {
    const { stack } = synthSecurity({ security: { config: { recordGlobalResourceTypes: false } } } as any);
    const recorder = stack.toTerraform().resource.aws_config_configuration_recorder.test_posture_config;
    expect(recorder['//'].palisade.suppressions).toEqual([expect.objectContaining({ ruleId: 'PAL-DETECT-003', reason: expect.stringContaining('another region') })]);
  });
});

/** The resource type that provides each account control (policies/rules/lib/account-controls.ts). */
const CONTROL_TYPES: Record<string, string> = {
  cloudtrail: 'aws_cloudtrail',
  config: 'aws_config_configuration_recorder',
  'security-hub': 'aws_securityhub_account',
  guardduty: 'aws_guardduty_detector',
  'access-analyzer': 'aws_accessanalyzer_analyzer',
  'ebs-default-encryption': 'aws_ebs_encryption_by_default',
  's3-account-public-access-block': 'aws_s3_account_public_access_block',
  'password-policy': 'aws_iam_account_password_policy',
};

/**
 * The security stack as `cdktf synth` writes it (the synth gate runs; the `//` comment keys that `Testing.synth`
 * strips are kept), and the baseline over it checked as the whole account.
 */
function synthesized(overrides: object = {}): { stack: SecurityStack; json: TerraformJson; report: ReturnType<typeof runBaseline> } {
  const app = Testing.app();
  const stack = new SecurityStack(app, testEnvironment({ accountId: '222222222222', ...overrides } as never));
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  const report = runBaseline(modelFromDocuments([{ file: `stacks/${stack.node.id}/cdk.tf.json`, json, stackName: stack.node.id }]), { accountScope: 'complete' });
  return { stack, json, report };
}

describe('a control managed elsewhere is not also created by the security stack', () => {
  test('the table names every account control', () => {
    expect(Object.keys(CONTROL_TYPES).sort()).toEqual([...ACCOUNT_CONTROL_IDS].sort());
  });

  test('by default the security stack creates every account control, and PAL-ACCT-003 finds each', () => {
    const { json, report } = synthesized();
    for (const type of Object.values(CONTROL_TYPES)) expect(Object.keys(resourcesOf(json, type))).toHaveLength(1);
    const acct = report.results.filter((r) => r.ruleId === 'PAL-ACCT-003');
    expect(acct.map((r) => r.status)).toEqual(Array(ACCOUNT_CONTROL_IDS.length).fill('compliant'));
  });

  test.each(ACCOUNT_CONTROL_IDS)('%s declared managed elsewhere: not synthesized, the other controls still are, and PAL-ACCT-003 shows it with its reason', (control) => {
    const reason = `Run by the organization (ticket SEC-${control.length})`;
    const { json, report } = synthesized({ security: { managedElsewhere: [{ control, reason }] } });
    expect(json['//']).toMatchObject({ palisade: { managedElsewhere: [{ control, reason }] } });
    expect(resourcesOf(json, CONTROL_TYPES[control])).toEqual({});
    for (const [other, type] of Object.entries(CONTROL_TYPES)) if (other !== control) expect(Object.keys(resourcesOf(json, type))).toHaveLength(1);
    const acct = report.results.filter((r) => r.ruleId === 'PAL-ACCT-003');
    expect(acct.filter((r) => r.status === 'not-applicable').map((r) => r.message)).toEqual([expect.stringContaining(`is managed elsewhere, declared in config: ${reason}`)]);
    expect(acct.filter((r) => r.status === 'compliant')).toHaveLength(ACCOUNT_CONTROL_IDS.length - 1);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource}: ${f.message}`)).toEqual([]);
  });

  test('GuardDuty and Security Hub run by the organization: no detector, features, export, Security Hub account or standards here', () => {
    const { stack, json } = synthesized({ security: { managedElsewhere: [{ control: 'guardduty', reason: 'org' }, { control: 'security-hub', reason: 'org' }] } });
    expect(stack.guardDuty).toBeUndefined();
    expect(stack.posture.securityHub).toBeUndefined();
    for (const type of ['aws_guardduty_detector', 'aws_guardduty_detector_feature', 'aws_guardduty_publishing_destination', 'aws_securityhub_account', 'aws_securityhub_standards_subscription']) expect(resourcesOf(json, type)).toEqual({});
    expect(Object.keys(resourcesOf(json, 'aws_config_configuration_recorder'))).toHaveLength(1);
  });

  test('a construct given an unknown control id refuses it, naming the construct and the field', () => {
    const app = Testing.app();
    const stack = new SecurityStack(app, testEnvironment());
    expect(() => new AccountBaseline(stack, 'account_again', { environment: 'test', accountId: '123456789012', region: 'eu-west-1', allowedRegions: ['eu-west-1'], accessLogBucket: undefined as any, managedElsewhere: ['cloud-trail'] }))
      .toThrow(/account_again.*managedElsewhere\[0\].*cloud-trail/s);
  });
});

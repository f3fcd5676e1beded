/**
 * Weakening the synthesized hosts stack is caught by the host rules: each mutation of the example estate's
 * `staging-hosts` JSON produces a finding of the rule that guards it, and the untouched stack produces none.
 */
import { runBaseline } from '../../policies/engine';
import { modelFromDocuments } from '../../policies/model/load';
import { antivirusAgent } from '../../policies/rules/pal-av-001';
import { ec2EbsEncrypted } from '../../policies/rules/pal-ec2-003';
import { ec2ImdsHopLimit } from '../../policies/rules/pal-ec2-002';
import { ec2Imdsv2Required } from '../../policies/rules/pal-ec2-001';
import { ec2NoPublicIp } from '../../policies/rules/pal-ec2-004';
import { ec2UserDataNoSecrets } from '../../policies/rules/pal-ec2-005';
import { estateStack } from '../support/estate';

const HOST_RULES = [ec2Imdsv2Required, ec2ImdsHopLimit, ec2EbsEncrypted, ec2NoPublicIp, ec2UserDataNoSecrets, antivirusAgent];
const STACK = 'staging-hosts';
const LT = 'aws_launch_template.staging_app_launch_template';

function findings(mutate: (json: any) => void = () => undefined) {
  const json = structuredClone(estateStack(STACK));
  mutate(json);
  const model = modelFromDocuments([{ file: `stacks/${STACK}/cdk.tf.json`, json, stackName: STACK }]);
  return runBaseline(model, { rules: HOST_RULES }).findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource}`);
}
const launchTemplate = (json: any) => json.resource.aws_launch_template.staging_app_launch_template;

describe('host rules on the synthesized staging-hosts stack', () => {
  test('the stack as synthesized passes every host rule', () => {
    expect(findings()).toEqual([]);
  });

  test('allowing IMDSv1 is caught by PAL-EC2-001', () => {
    expect(findings((j) => (launchTemplate(j).metadata_options.http_tokens = 'optional'))).toEqual([`PAL-EC2-001 ${LT}`]);
  });

  test('raising the metadata hop limit is caught by PAL-EC2-002', () => {
    expect(findings((j) => (launchTemplate(j).metadata_options.http_put_response_hop_limit = 2))).toEqual([`PAL-EC2-002 ${LT}`]);
  });

  test('an unencrypted root volume is caught by PAL-EC2-003', () => {
    expect(findings((j) => (launchTemplate(j).block_device_mappings[0].ebs.encrypted = 'false'))).toEqual([`PAL-EC2-003 ${LT}`]);
  });

  test('a public IP on the interface is caught by PAL-EC2-004', () => {
    expect(findings((j) => (launchTemplate(j).network_interfaces[0].associate_public_ip_address = 'true'))).toEqual([`PAL-EC2-004 ${LT}`]);
  });

  test('removing the antivirus association is caught by PAL-AV-001', () => {
    expect(findings((j) => delete j.resource.aws_ssm_association)).toEqual([`PAL-AV-001 ${LT}`]);
  });

  test('pointing the association at another fleet is caught by PAL-AV-001', () => {
    expect(findings((j) => (Object.values(j.resource.aws_ssm_association)[0] as any).targets[0].values = ['other'])).toEqual([`PAL-AV-001 ${LT}`]);
  });

  test('a secret slipped into the base64gzip() user data literal is caught by PAL-EC2-005', () => {
    expect(findings((j) => (launchTemplate(j).user_data = launchTemplate(j).user_data.replace('package_update: true', 'password: Hunter2Hunter2\\npackage_update: true')))).toEqual([`PAL-EC2-005 ${LT}`]);
  });
});

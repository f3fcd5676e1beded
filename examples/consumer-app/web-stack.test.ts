import 'palisade/jest';
import { Testing } from 'cdktf';
import { Baseline } from 'palisade';
import { WebStack, WebStackProps } from './web-stack';

const props: WebStackProps = {
  environment: { name: 'dev', accountId: '123456789012', region: 'eu-west-1' },
  component: 'web',
  domainName: 'www.example.com',
  securityContactEmail: 'security@example.com',
};

/** Rule ids of the stack's findings, each marked when a suppression accepted it. */
function findingsOf(stack: WebStack): string[] {
  Testing.synth(stack); // runs the aspects that write the suppressions into the Terraform JSON
  return Baseline.check(stack, { allowedRegions: stack.allowedRegions }).findings.map((f) => `${f.ruleId}${f.suppressed ? ' (suppressed)' : ''}`);
}

test('the web stack passes the security baseline', () => {
  expect(new WebStack(Testing.app(), props)).toPassBaseline();
});

test('an unencrypted log group fails the baseline', () => {
  const stack = new WebStack(Testing.app(), { ...props, legacyLogGroup: 'unsuppressed' });
  expect(stack).not.toPassBaseline();
  expect(findingsOf(stack)).toEqual(['PAL-LOGS-001']);
});

test('a reasoned suppression accepts the finding and keeps it visible', () => {
  const stack = new WebStack(Testing.app(), { ...props, legacyLogGroup: 'suppressed' });
  expect(stack).toPassBaseline();
  expect(findingsOf(stack)).toEqual(['PAL-LOGS-001 (suppressed)']);
});

test('resources get readable addresses', () => {
  const json = JSON.parse(Testing.synth(new WebStack(Testing.app(), props)));
  expect(Object.keys(json.resource.aws_lb)).toEqual(['dev_alb']);
});

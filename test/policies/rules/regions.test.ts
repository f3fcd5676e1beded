import { modelOf, StackBuilder } from '../fixtures';
import { providerRegionsAllowed } from '../../../policies/rules/pal-gdpr-001';

const run = (s: StackBuilder, allowed = ['eu-west-1', 'eu-central-1']) => providerRegionsAllowed.evaluate(modelOf(s), { allowedRegions: allowed });

describe('PAL-GDPR-001 provider regions', () => {
  test('a provider in an allowed region is compliant', () => {
    expect(run(new StackBuilder('a', 'eu-central-1'))).toMatchObject([{ resource: 'provider.aws', status: 'compliant', jsonPath: 'provider.aws[0]' }]);
  });

  test('a provider outside the allowlist is non-compliant', () => {
    const r = run(new StackBuilder('a', 'us-east-1'));
    expect(r[0].status).toBe('non-compliant');
    expect(r[0].message).toContain('us-east-1');
  });

  test('an aliased provider is judged on its own and named by alias', () => {
    const r = run(new StackBuilder('a', 'eu-west-1').provider({ alias: 'us', region: 'us-west-2' }));
    expect(r.map((x) => [x.resource, x.status])).toEqual([
      ['provider.aws', 'compliant'],
      ['provider.aws.us', 'non-compliant'],
    ]);
  });

  test('a provider without region is non-compliant: the environment picks the region at deploy time', () => {
    expect(run(new StackBuilder('a').setProviders([{ default_tags: [] }]))[0].status).toBe('non-compliant');
  });

  test('a region expression the input cannot evaluate is unproven, never compliant (derivations: test/policies/model/region.test.ts)', () => {
    expect(run(new StackBuilder('a', '${var.region}'))[0]).toMatchObject({ status: 'unproven', message: expect.stringContaining('cannot be shown at plan time because its region is var.region, which this input does not declare') });
  });

  test('the allowlist is configurable', () => {
    expect(run(new StackBuilder('a', 'us-east-1'), ['us-east-1'])[0].status).toBe('compliant');
  });
});

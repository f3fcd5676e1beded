import { loadEstateConfig } from '../../config/load';
import { exampleEstate } from '../../config/estate';
import { synthSecurity } from '../security/helpers';

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

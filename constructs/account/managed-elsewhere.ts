import { ACCOUNT_CONTROL_IDS } from '../../policies/rules/lib/account-controls';
import { PalisadeConfigError } from '../errors';

/**
 * The account controls a construct must not create because they are run elsewhere (config
 * `security.managedElsewhere`, e.g. GuardDuty or Security Hub by the organization's delegated administrator: a second
 * detector or Security Hub account fails at deploy time). An unknown control id is refused with the construct path.
 */
export function managedElsewhereSet(where: string, controls: readonly string[] | undefined): ReadonlySet<string> {
  (controls ?? []).forEach((control, i) => {
    if (!(ACCOUNT_CONTROL_IDS as readonly string[]).includes(control)) throw new PalisadeConfigError(where, `managedElsewhere[${i}]`, control, `an account control id: ${ACCOUNT_CONTROL_IDS.join(', ')}`);
  });
  return new Set(controls ?? []);
}

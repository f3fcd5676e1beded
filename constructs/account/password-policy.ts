import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';

/** The floor Palisade enforces (CIS v3.0.0 1.8/1.9, FSBP IAM.7): overrides may only be stricter. */
export const PASSWORD_POLICY_FLOOR = { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 } as const;

export interface PasswordPolicyProps {
  /** Minimum password length, 14–128. @default 14 */
  readonly minimumLength?: number;
  /** Previous passwords that may not be reused, 24 (IAM's maximum). @default 24 */
  readonly reusePrevention?: number;
  /** Days before a password must be changed, 1–90. @default 90 */
  readonly maxAgeDays?: number;
}

/**
 * The IAM account password policy: long passwords of all four character classes, no reuse of the last 24, changed
 * every 90 days. Values can be tightened, never loosened.
 */
export class PasswordPolicy extends Construct {
  public readonly policy: IamAccountPasswordPolicy;

  constructor(scope: Construct, id: string, props: PasswordPolicyProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const minimumLength = props.minimumLength ?? PASSWORD_POLICY_FLOOR.minimumLength;
    const reusePrevention = props.reusePrevention ?? PASSWORD_POLICY_FLOOR.reusePrevention;
    const maxAgeDays = props.maxAgeDays ?? PASSWORD_POLICY_FLOOR.maxAgeDays;
    if (!Number.isInteger(minimumLength) || minimumLength < PASSWORD_POLICY_FLOOR.minimumLength || minimumLength > 128) {
      throw new PalisadeConfigError(where, 'minimumLength', minimumLength, `must be ${PASSWORD_POLICY_FLOOR.minimumLength}–128 (CIS 1.8): only stricter than the baseline is accepted`);
    }
    if (!Number.isInteger(reusePrevention) || reusePrevention !== PASSWORD_POLICY_FLOOR.reusePrevention) {
      throw new PalisadeConfigError(where, 'reusePrevention', reusePrevention, `must be ${PASSWORD_POLICY_FLOOR.reusePrevention} (CIS 1.9; IAM allows no more)`);
    }
    if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > PASSWORD_POLICY_FLOOR.maxAgeDays) {
      throw new PalisadeConfigError(where, 'maxAgeDays', maxAgeDays, `must be 1–${PASSWORD_POLICY_FLOOR.maxAgeDays} days: only stricter than the baseline is accepted`);
    }
    this.policy = new IamAccountPasswordPolicy(this, 'resource', {
      minimumPasswordLength: minimumLength,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      passwordReusePrevention: reusePrevention,
      maxPasswordAge: maxAgeDays,
      allowUsersToChangePassword: true,
      // An expired password is changed at next sign-in instead of locking the user out for an administrator to reset.
      hardExpiry: false,
    });
  }
}

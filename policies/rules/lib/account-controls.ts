import { providerAccounts } from '../../model/account';
import type { Model } from '../../model/model';
import type { Resource, StackInfo } from '../../model/types';
import { asBool, isObject, list } from '../../model/values';

/** Whether a control is one per account (IAM, S3 account settings, a multi-region trail) or one per region. */
export type ControlScope = 'account' | 'region';

export interface AccountControl {
  /** Identifier used in config (`security.managedElsewhere[].control`) and in the synthesized declaration. */
  id: string;
  name: string;
  scope: ControlScope;
  /** Resources of the account/region that provide the control. */
  providers(model: Model): readonly Resource[];
}

/** The controls every account must have (AWS SRA / CIS AWS Foundations v3.0.0 sections 1–4). */
export const ACCOUNT_CONTROLS: readonly AccountControl[] = [
  { id: 'cloudtrail', name: 'a multi-region CloudTrail trail', scope: 'account', providers: (m) => m.ofType('aws_cloudtrail').filter((t) => asBool(t.values.is_multi_region_trail) === true) },
  { id: 'config', name: 'an AWS Config recorder', scope: 'region', providers: (m) => m.ofType('aws_config_configuration_recorder') },
  { id: 'security-hub', name: 'Security Hub', scope: 'region', providers: (m) => m.ofType('aws_securityhub_account') },
  { id: 'guardduty', name: 'a GuardDuty detector', scope: 'region', providers: (m) => m.ofType('aws_guardduty_detector') },
  { id: 'access-analyzer', name: 'an IAM Access Analyzer', scope: 'region', providers: (m) => m.ofType('aws_accessanalyzer_analyzer') },
  { id: 'ebs-default-encryption', name: 'EBS encryption by default', scope: 'region', providers: (m) => m.ofType('aws_ebs_encryption_by_default') },
  { id: 's3-account-public-access-block', name: 'the S3 account public access block', scope: 'account', providers: (m) => m.ofType('aws_s3_account_public_access_block') },
  { id: 'password-policy', name: 'the IAM account password policy', scope: 'account', providers: (m) => m.ofType('aws_iam_account_password_policy') },
];

export const ACCOUNT_CONTROL_IDS = ACCOUNT_CONTROLS.map((c) => c.id) as [string, ...string[]];

/** Key of the stack-level `//.palisade` entry declaring controls managed outside the estate. */
export const MANAGED_ELSEWHERE_KEY = 'managedElsewhere';

/** One declaration: this control of the stack's account is run elsewhere (e.g. by the organization), and why. */
export interface ManagedElsewhere {
  control: string;
  reason: string;
}

/** The account a stack deploys to: the first account its providers show (`providerAccounts`; undefined: unknown). */
export function accountOfStack(s: StackInfo): string | undefined {
  return s.providers.map((p) => providerAccounts(p)?.accounts[0]).find((id) => id !== undefined);
}

/** `//.palisade.managedElsewhere` entries of the given stacks (only well-formed ones with a reason). */
export function managedElsewhereDeclarations(stacks: readonly StackInfo[]): ManagedElsewhere[] {
  return stacks.flatMap((s) => list(s.palisade?.[MANAGED_ELSEWHERE_KEY]))
    .filter((d): d is ManagedElsewhere => isObject(d) && typeof d.control === 'string' && typeof d.reason === 'string' && d.reason.trim() !== '');
}

/** The declaration that `control` of `account` is run elsewhere, if a stack of that account makes one. */
export function declaredElsewhere(model: Model, account: string | undefined, control: string): ManagedElsewhere | undefined {
  if (account === undefined) return undefined;
  return managedElsewhereDeclarations(model.stacks.filter((s) => accountOfStack(s) === account)).find((d) => d.control === control);
}

import type { Statement } from './document';

/**
 * AWS-managed policies whose grants make a principal an administrator (or able to become one), as their
 * documents read: AdministratorAccess allows everything, PowerUserAccess everything except IAM, Organizations and
 * Account management, IAMFullAccess all of IAM. Attaching one is judged exactly like writing its statements inline.
 * Other AWS-managed policies are service-scoped job/service-role policies and are not expanded.
 */
const POWERFUL: Readonly<Record<string, ReadonlyArray<Pick<Statement, 'actions' | 'resources'>>>> = {
  AdministratorAccess: [{ actions: { negated: false, values: ['*'] }, resources: { negated: false, values: ['*'] } }],
  PowerUserAccess: [{ actions: { negated: true, values: ['iam:*', 'organizations:*', 'account:*'] }, resources: { negated: false, values: ['*'] } }],
  IAMFullAccess: [{ actions: { negated: false, values: ['iam:*'] }, resources: { negated: false, values: ['*'] } }],
};

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/;

/** The name of an AWS-managed policy ARN (`arn:aws:iam::aws:policy/AdministratorAccess` → `AdministratorAccess`). */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED.exec(arn)?.[1];
}

/** The statements of a powerful AWS-managed policy, or undefined for any other ARN. */
export function powerfulManagedStatements(arn: string): Statement[] | undefined {
  const name = awsManagedPolicyName(arn);
  const doc = name ? POWERFUL[name] : undefined;
  return doc?.map((s, i) => ({ ...s, effect: 'Allow', conditions: [], origin: `AWS-managed ${name} statement #${i}` }));
}

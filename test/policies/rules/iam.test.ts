import { iamNoAdminEquivalent } from '../../../policies/rules/pal-iam-001';
import { iamNoPrivilegeEscalation } from '../../../policies/rules/pal-iam-002';
import { iamNoServiceWildcards } from '../../../policies/rules/pal-iam-003';
import { iamNoWriteOnEveryResource } from '../../../policies/rules/pal-iam-004';
import { iamTrustNotOpen } from '../../../policies/rules/pal-iam-005';
import { iamServicePrincipalsPinned } from '../../../policies/rules/pal-iam-006';
import { resourcePoliciesNotPublic } from '../../../policies/rules/pal-iam-007';
import { iamUsersWithoutPolicies } from '../../../policies/rules/pal-iam-008';
import { iamNoUserAccessKeys } from '../../../policies/rules/pal-iam-009';
import { kmsNoPublicPrincipal } from '../../../policies/rules/pal-kms-003';
import type { Rule } from '../../../policies/rules/types';
import { modelFromDocuments } from '../../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { evaluate, ref, StackBuilder } from '../fixtures';
import { FOREIGN, OWN, ownStack, RESOURCE_HOLDERS, resourcePolicy, roleTrusting, roleWithPolicy, SPELLINGS, type Spelling } from './iam-fixtures';

const statusOn = (rule: Rule, stack: StackBuilder, resource: string) => evaluate(rule, stack).find((r) => r.resource === resource);
const allow = (extra: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', ...extra }] });
const each = <T,>(cases: T[]) => SPELLINGS.flatMap((s) => cases.map((c) => [s, c] as [Spelling, T]));

describe('identity policies (PAL-IAM-001 … 004), in every spelling', () => {
  const scoped = allow({ Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::palisade-data/*'] });

  test.each(SPELLINGS)('a scoped statement (%s) passes all four rules', (spelling) => {
    for (const rule of [iamNoAdminEquivalent, iamNoPrivilegeEscalation, iamNoServiceWildcards, iamNoWriteOnEveryResource]) {
      expect(statusOn(rule, roleWithPolicy(spelling, scoped), 'aws_iam_role_policy.app')?.status).toBe('compliant');
    }
  });

  test.each(each<[string, Record<string, unknown>]>([
    ['Action "*" on "*"', { Action: '*', Resource: '*' }],
    ['Action "*:*"', { Action: ['*:*'], Resource: ['*'] }],
    ['iam:* on every resource', { Action: 'iam:*', Resource: '*' }],
    ['runs of stars: "**" and "iam:**"', { Action: ['**', 'IAM:**'], Resource: '*' }],
    ['NotAction on "*"', { NotAction: ['s3:*'], Resource: '*' }],
    ['"*" with NotResource', { Action: '*', NotResource: 'arn:aws:s3:::audit/*' }],
  ]))('%s: %s is administrator-equivalent (PAL-IAM-001) and nothing else', (spelling, [, st]) => {
    const stack = roleWithPolicy(spelling, allow(st));
    const r = statusOn(iamNoAdminEquivalent, stack, 'aws_iam_role_policy.app');
    expect(r?.status).toBe('non-compliant');
    expect(r?.message).toContain('given to role aws_iam_role.app');
    for (const rule of [iamNoPrivilegeEscalation, iamNoServiceWildcards, iamNoWriteOnEveryResource]) expect(statusOn(rule, stack, 'aws_iam_role_policy.app')?.status).toBe('compliant');
  });

  test('a Deny of "*" is not a grant', () => {
    expect(statusOn(iamNoAdminEquivalent, roleWithPolicy('json', { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }), 'aws_iam_role_policy.app')?.status).toBe('compliant');
  });

  test.each(each<[string, Record<string, unknown>]>([
    ['iam:PassRole on "*"', { Action: 'iam:PassRole', Resource: '*' }],
    ['iam:Pass* on "*"', { Action: ['iam:Pass*'], Resource: '*' }],
    ['iam:CreatePolicyVersion on every policy ARN', { Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws:iam::*:policy/*' }],
    ['sts:AssumeRole on "*"', { Action: 'sts:AssumeRole', Resource: ['*'] }],
  ]))('%s: %s is privilege escalation (PAL-IAM-002)', (spelling, [, st]) => {
    expect(statusOn(iamNoPrivilegeEscalation, roleWithPolicy(spelling, allow(st)), 'aws_iam_role_policy.app')?.status).toBe('non-compliant');
  });

  test('iam:PassRole on one named role passes PAL-IAM-002', () => {
    expect(statusOn(iamNoPrivilegeEscalation, roleWithPolicy('json', allow({ Action: 'iam:PassRole', Resource: `arn:aws:iam::${OWN}:role/app` })), 'aws_iam_role_policy.app')?.status).toBe('compliant');
  });

  test.each(each<[string, Record<string, unknown>]>([
    ['s3:* on one bucket', { Action: 's3:*', Resource: 'arn:aws:s3:::palisade-data' }],
    ['upper-case KMS:* on "*"', { Action: ['KMS:*'], Resource: '*' }],
    ['iam:* on one role', { Action: 'iam:*', Resource: `arn:aws:iam::${OWN}:role/app` }],
    ['s3:** (a run of stars) on one bucket', { Action: 's3:**', Resource: 'arn:aws:s3:::palisade-data' }],
  ]))('%s: %s is a whole-service wildcard (PAL-IAM-003)', (spelling, [, st]) => {
    expect(statusOn(iamNoServiceWildcards, roleWithPolicy(spelling, allow(st)), 'aws_iam_role_policy.app')?.status).toBe('non-compliant');
  });

  test.each(each<[string, Record<string, unknown>]>([
    ['kms:Decrypt on "*"', { Action: 'kms:Decrypt', Resource: '*' }],
    ['s3:Put* on "*"', { Action: ['s3:Put*'], Resource: '*' }],
    ['sqs:SendMessage on every queue ARN', { Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:*' }],
  ]))('%s: %s is a write/decrypt on every resource (PAL-IAM-004)', (spelling, [, st]) => {
    const r = statusOn(iamNoWriteOnEveryResource, roleWithPolicy(spelling, allow(st)), 'aws_iam_role_policy.app');
    expect(r?.status).toBe('non-compliant');
    expect(r?.message).toMatch(/write\/decrypt action\(s\) "(kms:Decrypt|s3:Put|sqs:SendMessage)/);
  });

  test.each([
    ['read-only actions on "*"', { Action: ['ec2:Describe*', 's3:ListAllMyBuckets'], Resource: '*' }],
    ['write actions AWS offers no resource scoping for', { Action: ['ssmmessages:CreateControlChannel', 'ec2messages:AcknowledgeMessage'], Resource: '*' }],
  ])('%s pass PAL-IAM-004', (_n, st) => {
    expect(statusOn(iamNoWriteOnEveryResource, roleWithPolicy('json', allow(st)), 'aws_iam_role_policy.app')?.status).toBe('compliant');
  });

  describe('managed policies attached by ARN', () => {
    const role = () => ownStack().add('aws_iam_role', 'app', { name: 'app', assume_role_policy: '{}' });
    test.each([
      ['aws_iam_role_policy_attachment', 'arn:aws:iam::aws:policy/AdministratorAccess', (s: StackBuilder) => s.add('aws_iam_role_policy_attachment', 'x', { role: ref('aws_iam_role', 'app', 'name'), policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'aws_iam_role_policy_attachment.x'],
      ['aws_iam_user_policy_attachment', 'PowerUserAccess', (s: StackBuilder) => s.add('aws_iam_user_policy_attachment', 'x', { user: 'ci', policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }), 'aws_iam_user_policy_attachment.x'],
      ['aws_iam_group_policy_attachment', 'IAMFullAccess', (s: StackBuilder) => s.add('aws_iam_group_policy_attachment', 'x', { group: 'ops', policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess' }), 'aws_iam_group_policy_attachment.x'],
      ['aws_iam_policy_attachment', 'AdministratorAccess (GovCloud partition)', (s: StackBuilder) => s.add('aws_iam_policy_attachment', 'x', { name: 'x', roles: [ref('aws_iam_role', 'app', 'name')], policy_arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }), 'aws_iam_policy_attachment.x'],
      ['aws_iam_role.managed_policy_arns', 'AdministratorAccess', (s: StackBuilder) => s.update('aws_iam_role', 'app', (v) => { v.managed_policy_arns = ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess']; }), 'aws_iam_role.app'],
    ])('%s with %s fails PAL-IAM-001 on the attaching resource', (_t, _p, attach, resource) => {
      const r = statusOn(iamNoAdminEquivalent, attach(role()), resource);
      expect(r?.status).toBe('non-compliant');
      expect(r?.message).toContain('attaches AWS-managed');
    });

    test('a job-function AWS-managed policy (ReadOnlyAccess) passes', () => {
      expect(statusOn(iamNoAdminEquivalent, role().add('aws_iam_role_policy_attachment', 'x', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }), 'aws_iam_role_policy_attachment.x')?.status).toBe('compliant');
    });

    test('a customer-managed policy defined elsewhere cannot be shown: unproven with the reason, never a pass', () => {
      const r = statusOn(iamNoAdminEquivalent, role().add('aws_iam_role_policy_attachment', 'x', { role: 'app', policy_arn: `arn:aws:iam::${OWN}:policy/legacy` }), 'aws_iam_role_policy_attachment.x');
      expect(r).toEqual(expect.objectContaining({ status: 'unproven', message: expect.stringContaining('cannot be shown at plan time because') }));
    });

    test('a declared aws_iam_policy is judged on itself, once, and names whom it is attached to', () => {
      const s = role()
        .add('aws_iam_policy', 'broad', { name: 'broad', policy: JSON.stringify(allow({ Action: '*', Resource: '*' })) })
        .add('aws_iam_role_policy_attachment', 'x', { role: ref('aws_iam_role', 'app', 'name'), policy_arn: ref('aws_iam_policy', 'broad', 'arn') });
      const failed = evaluate(iamNoAdminEquivalent, s).filter((r) => r.status === 'non-compliant');
      expect(failed.map((f) => f.resource)).toEqual(['aws_iam_policy.broad']);
      expect(failed[0].message).toContain('given to role aws_iam_role.app');
    });
  });

  test('a role inline_policy block is read like an inline policy resource', () => {
    const s = ownStack().add('aws_iam_role', 'app', { name: 'app', assume_role_policy: '{}', inline_policy: [{ name: 'x', policy: JSON.stringify(allow({ Action: 's3:*', Resource: '*' })) }] });
    expect(statusOn(iamNoServiceWildcards, s, 'aws_iam_role.app')?.message).toContain('inline_policy');
  });

  test.each([
    ['a policy only known after apply', '${aws_s3_bucket.x.policy}'],
    ['jsonencode of a for-expression', '${jsonencode({"Statement" = [for a in var.actions : {"Effect" = "Allow", "Action" = a}]})}'],
    ['jsonencode with a reference outside a string', '${jsonencode({"Statement" = {"Effect" = "Allow", "Action" = "*", "Resource" = aws_s3_bucket.x.arn}})}'],
  ])('%s is unproven: it cannot be shown at plan time', (_n, policy) => {
    const s = ownStack().add('aws_iam_role_policy', 'app', { role: 'app', policy });
    expect(statusOn(iamNoAdminEquivalent, s, 'aws_iam_role_policy.app')).toEqual(expect.objectContaining({ status: 'unproven', severity: 'low', message: expect.stringContaining('cannot be shown at plan time because') }));
  });

  test('source and override documents are merged (an override replaces the statement with the same Sid)', () => {
    const s = ownStack()
      .addData('aws_iam_policy_document', 'base', { statement: [{ sid: 'S', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }] })
      .addData('aws_iam_policy_document', 'wide', { statement: [{ sid: 'S', effect: 'Allow', actions: ['*'], resources: ['*'] }] })
      .addData('aws_iam_policy_document', 'app', { source_policy_documents: ['${data.aws_iam_policy_document.base.json}'], override_policy_documents: ['${data.aws_iam_policy_document.wide.json}'] })
      .add('aws_iam_role_policy', 'app', { role: 'app', policy: '${data.aws_iam_policy_document.app.json}' });
    expect(statusOn(iamNoAdminEquivalent, s, 'aws_iam_role_policy.app')?.status).toBe('non-compliant');
  });

  test('IAM Identity Center permission sets: an inline policy and a managed-policy attachment are identity policies of the permission set', () => {
    const set = { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: ref('aws_ssoadmin_permission_set', 'admins', 'arn') };
    const s = ownStack()
      .add('aws_ssoadmin_permission_set', 'admins', { name: 'admins', instance_arn: 'arn:aws:sso:::instance/ssoins-1' })
      .add('aws_ssoadmin_permission_set_inline_policy', 'wide', { ...set, inline_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }) })
      .add('aws_ssoadmin_managed_policy_attachment', 'admin', { ...set, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' })
      .add('aws_ssoadmin_managed_policy_attachment', 'viewer', { ...set, managed_policy_arn: 'arn:aws:iam::aws:policy/ViewOnlyAccess' });
    expect(statusOn(iamNoServiceWildcards, s, 'aws_ssoadmin_permission_set_inline_policy.wide')?.message).toContain('given to permission set aws_ssoadmin_permission_set.admins');
    expect(statusOn(iamNoAdminEquivalent, s, 'aws_ssoadmin_managed_policy_attachment.admin')?.status).toBe('non-compliant');
    expect(statusOn(iamNoAdminEquivalent, s, 'aws_ssoadmin_managed_policy_attachment.viewer')?.status).toBe('compliant');
  });
});

describe('role trust policies (PAL-IAM-005)', () => {
  const assume = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });

  test.each(each<[string, Record<string, unknown>]>([
    ['{"AWS": "*"}', assume({ AWS: '*' })],
    ['Principal "*"', assume('*')],
    ['a foreign account without sts:ExternalId', assume({ AWS: `arn:aws:iam::${FOREIGN}:root` })],
    ['a foreign account id with a condition that does not restrict the caller', assume({ AWS: FOREIGN }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
    ['"*" with an IfExists organization condition', assume({ AWS: '*' }, { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } })],
    ['an OIDC provider without a condition on its claims', { Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity' }] }],
  ]))('%s: %s fails', (spelling, [, doc]) => {
    expect(statusOn(iamTrustNotOpen, roleTrusting(spelling, doc), 'aws_iam_role.app')?.status).toBe('non-compliant');
  });

  test.each(each<[string, Record<string, unknown>]>([
    ['an own-account role', assume({ AWS: `arn:aws:iam::${OWN}:role/ci` })],
    ['a foreign account with sts:ExternalId', assume({ AWS: `arn:aws:iam::${FOREIGN}:root` }, { Condition: { StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } } })],
    ['"*" restricted to our organization', assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })],
    ['GitHub OIDC restricted to one repository', { Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/infra:*' } } }] }],
    ['the EC2 service', assume({ Service: 'ec2.amazonaws.com' })],
  ]))('%s: %s passes', (spelling, [, doc]) => {
    expect(statusOn(iamTrustNotOpen, roleTrusting(spelling, doc), 'aws_iam_role.app')?.status).toBe('compliant');
  });

  test.each<[string, unknown, string]>([
    ['a foreign account behind an interpolated partition', { AWS: `arn:\${data.aws_partition.current.partition}:iam::${FOREIGN}:root` }, 'non-compliant'],
    ['our account behind an interpolated partition', { AWS: `arn:\${data.aws_partition.current.partition}:iam::${OWN}:role/ci` }, 'compliant'],
    ['the current account (aws_caller_identity)', { AWS: 'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root' }, 'compliant'],
    ['a role of the configuration', { AWS: '${aws_iam_role.ci.arn}' }, 'compliant'],
    ['a principal from a variable', { AWS: '${var.trusted_principal}' }, 'unproven'],
    ['an account from a variable', { AWS: 'arn:aws:iam::${var.account}:root' }, 'unproven'],
  ])('a principal written with interpolations: %s is %s', (_name, principal, expected) => {
    expect(statusOn(iamTrustNotOpen, roleTrusting('json', assume(principal)), 'aws_iam_role.app')?.status).toBe(expected);
  });

  const github = (condition: Record<string, unknown>, provider = `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`) => ({ Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }] });
  const GH = 'token.actions.githubusercontent.com';
  test.each<[string, Record<string, unknown>, string]>([
    ['GitHub OIDC with only aud (the same for every workflow)', github({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }), 'non-compliant'],
    ['GitHub OIDC with sub "repo:*"', github({ StringLike: { [`${GH}:sub`]: 'repo:*' } }), 'non-compliant'],
    ['GitHub OIDC with sub "*:*"', github({ StringLike: { [`${GH}:sub`]: '*:*' } }), 'non-compliant'],
    ['GitHub OIDC with one repository or "*" (values are alternatives)', github({ StringLike: { [`${GH}:sub`]: ['repo:acme/infra:*', '*'] } }), 'non-compliant'],
    ['GitHub OIDC with sub of one repository and aud', github({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:ref:refs/heads/main' } }), 'compliant'],
    ['a provider of the configuration, narrowed by sub', github({ StringLike: { [`${GH}:sub`]: 'repo:acme/infra:*' } }, '${aws_iam_openid_connect_provider.github.arn}'), 'compliant'],
    ['a provider of the configuration, with only aud', github({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }, '${aws_iam_openid_connect_provider.github.arn}'), 'non-compliant'],
    ['Cognito with only amr', { Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } } }] }, 'non-compliant'],
    ['Cognito pinned to one identity pool by aud', { Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' } } }] }, 'compliant'],
  ])('federated trust: %s is %s', (_name, doc, expected) => {
    expect(statusOn(iamTrustNotOpen, roleTrusting('json', doc), 'aws_iam_role.app')?.status).toBe(expected);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['StringLike aws:PrincipalOrgID "o-*"', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }, 'non-compliant'],
    ['StringLike aws:PrincipalOrgID "o-??????????"', { StringLike: { 'aws:PrincipalOrgID': 'o-??????????' } }, 'non-compliant'],
    ['ForAnyValue:StringLike aws:PrincipalOrgPaths "o-*/*"', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*/*' } }, 'non-compliant'],
    ['StringLike aws:SourceVpce "vpce-*"', { StringLike: { 'aws:SourceVpce': 'vpce-*' } }, 'non-compliant'],
    ['ForAnyValue:StringLike aws:PrincipalOrgPaths "o-abc123/*" (our organization, any path)', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/*' } }, 'compliant'],
    ['StringEquals aws:SourceVpce of one endpoint', { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } }, 'compliant'],
  ])('"*" with %s: %s (anyone can create an organization or a VPC endpoint)', (_name, condition, expected) => {
    expect(statusOn(iamTrustNotOpen, roleTrusting('json', assume({ AWS: '*' }, { Condition: condition })), 'aws_iam_role.app')?.status).toBe(expected);
  });

  test('without allowed_account_ids a named account cannot be shown to be ours: unproven, never a pass', () => {
    const s = new StackBuilder('prod').setProviders([{ region: 'eu-west-1' }]).add('aws_iam_role', 'app', { name: 'app', assume_role_policy: JSON.stringify(assume({ AWS: `arn:aws:iam::${FOREIGN}:root` })) });
    expect(statusOn(iamTrustNotOpen, s, 'aws_iam_role.app')).toEqual(expect.objectContaining({ status: 'unproven', message: expect.stringContaining('cannot be shown at plan time because the provider sets no allowed_account_ids') }));
  });
});

describe('service principals are pinned (PAL-IAM-006)', () => {
  const service = (principal: string, condition?: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });

  test.each(each<[string, Record<string, unknown>, string]>([
    ['no condition', service('vpc-flow-logs.amazonaws.com'), 'non-compliant'],
    ['aws:SourceAccount of our account', service('vpc-flow-logs.amazonaws.com', { StringEquals: { 'aws:SourceAccount': OWN } }), 'compliant'],
    ['aws:SourceArn of our trail', service('cloudtrail.amazonaws.com', { ArnLike: { 'aws:SourceArn': `arn:aws:cloudtrail:eu-west-1:${OWN}:trail/main` } }), 'compliant'],
    ['aws:SourceAccount of a foreign account', service('backup.amazonaws.com', { StringEquals: { 'aws:SourceAccount': FOREIGN } }), 'non-compliant'],
    ['aws:SourceArn with a wildcard account', service('backup.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:backup:eu-west-1:*:backup-vault:*' } }), 'non-compliant'],
    ['a negative operator', service('backup.amazonaws.com', { StringNotEquals: { 'aws:SourceAccount': FOREIGN } }), 'non-compliant'],
    ['aws:SourceArn of one bucket (S3 ARNs name no account)', service('s3.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::palisade-logs' } }), 'compliant'],
    ['aws:SourceArn of any bucket whose name starts with "a" (anyone can create one)', service('s3.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::a*' } }), 'non-compliant'],
  ]))('trust (%s) with %s: %s', (spelling, [, doc, expected]) => {
    expect(statusOn(iamServicePrincipalsPinned, roleTrusting(spelling, doc), 'aws_iam_role.app')?.status).toBe(expected);
  });

  const grant = (condition?: Record<string, unknown>) => ({ Statement: [{ Sid: 'Svc', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['sns:Publish', 'kms:Decrypt'], Resource: '*', ...(condition ? { Condition: condition } : {}) }] });

  test.each(each(RESOURCE_HOLDERS.map((h) => h.type)))('a resource policy (%s on %s) grants a service only when pinned', (spelling, type) => {
    const holder = `${type}.res`;
    expect(statusOn(iamServicePrincipalsPinned, resourcePolicy(type, spelling, grant()), holder)?.status).toBe('non-compliant');
    expect(statusOn(iamServicePrincipalsPinned, resourcePolicy(type, spelling, grant({ StringEquals: { 'aws:SourceAccount': OWN } })), holder)?.status).toBe('compliant');
  });

  test('a KMS key policy may pin a service by kms:ViaService or the encryption context; other policies may not', () => {
    const via = grant({ StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } });
    expect(statusOn(iamServicePrincipalsPinned, resourcePolicy('aws_kms_key', 'json', via), 'aws_kms_key.res')?.status).toBe('compliant');
    expect(statusOn(iamServicePrincipalsPinned, resourcePolicy('aws_sqs_queue_policy', 'json', via), 'aws_sqs_queue_policy.res')?.status).toBe('non-compliant');
    const context = grant({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${OWN}:*` } });
    expect(statusOn(iamServicePrincipalsPinned, resourcePolicy('aws_kms_key', 'policy-document', context), 'aws_kms_key.res')?.status).toBe('compliant');
  });

  test('S3 log delivery pinned by the AWSLogs/<our account>/ object path passes', () => {
    const doc = { Statement: [{ Effect: 'Allow', Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::alb-logs/access/AWSLogs/${OWN}/*` }] };
    expect(statusOn(iamServicePrincipalsPinned, resourcePolicy('aws_s3_bucket_policy', 'json', doc), 'aws_s3_bucket_policy.res')?.status).toBe('compliant');
  });
});

describe('resource policies are not public or foreign (PAL-IAM-007)', () => {
  const read = (principal: unknown, condition?: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', Principal: principal, Action: ['s3:GetObject', 'kms:Decrypt', 'sns:Subscribe', 'sqs:ReceiveMessage', 'secretsmanager:GetSecretValue'], Resource: '*', ...(condition ? { Condition: condition } : {}) }] });
  const nonKms = RESOURCE_HOLDERS.map((h) => h.type).filter((t) => t !== 'aws_kms_key');

  test.each(each(nonKms.flatMap((t) => [[t, 'Principal "*"', read('*')], [t, '{"AWS": "*"}', read({ AWS: ['*'] })], [t, 'a foreign account', read({ AWS: `arn:aws:iam::${FOREIGN}:root` })], [t, 'NotPrincipal', { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: 's3:GetObject', Resource: '*' }] }], [t, '"*" with only a source-IP condition', read('*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], [t, '"*" with a wildcard account condition', read('*', { StringLike: { 'aws:PrincipalAccount': '*' } })]] as Array<[string, string, Record<string, unknown>]>)))('%s: %s with %s fails', (spelling, [type, , doc]) => {
    const r = statusOn(resourcePoliciesNotPublic, resourcePolicy(type, spelling, doc), `${type}.res`);
    expect(r?.status).toBe('non-compliant');
    expect(r?.message).toMatch(/lets (anyone|account 999999999999|everyone)|NotPrincipal/);
  });

  test.each(each(RESOURCE_HOLDERS.map((h) => h.type).flatMap((t) => [[t, 'our account', read({ AWS: `arn:aws:iam::${OWN}:root` })], [t, '"*" restricted to our organization', read('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })], [t, '"*" restricted to our account', read({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': [OWN] } })]] as Array<[string, string, Record<string, unknown>]>)))('%s: %s with %s passes', (spelling, [type, , doc]) => {
    expect(statusOn(resourcePoliciesNotPublic, resourcePolicy(type, spelling, doc), `${type}.res`)?.status).toBe('compliant');
  });

  test.each(SPELLINGS)('a KMS key policy lets a foreign account decrypt (%s): PAL-IAM-007 names the account and the key', (spelling) => {
    const r = statusOn(resourcePoliciesNotPublic, resourcePolicy('aws_kms_key', spelling, read({ AWS: `arn:aws:iam::${FOREIGN}:root` })), 'aws_kms_key.res');
    expect(r?.message).toContain('lets account 999999999999 call s3:GetObject, kms:Decrypt');
    expect(r?.message).toContain('on key aws_kms_key.res');
  });

  test.each(SPELLINGS)('a public KMS key policy (%s) is PAL-KMS-003\'s finding, not a second one', (spelling) => {
    const s = resourcePolicy('aws_kms_key', spelling, read('*'));
    expect(statusOn(kmsNoPublicPrincipal, s, 'aws_kms_key.res')?.status).toBe('non-compliant');
    expect(statusOn(resourcePoliciesNotPublic, s, 'aws_kms_key.res')?.status).toBe('compliant');
  });

  test('the ELB log-delivery account of the provider region may write logs under our AWSLogs/ prefix only', () => {
    const elb = (resource: string, action = 's3:PutObject') => ({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::156460612806:root' }, Action: action, Resource: resource }] });
    expect(statusOn(resourcePoliciesNotPublic, resourcePolicy('aws_s3_bucket_policy', 'json', elb(`arn:aws:s3:::alb/AWSLogs/${OWN}/*`)), 'aws_s3_bucket_policy.res')?.status).toBe('compliant');
    expect(statusOn(resourcePoliciesNotPublic, resourcePolicy('aws_s3_bucket_policy', 'json', elb('arn:aws:s3:::alb/*')), 'aws_s3_bucket_policy.res')?.status).toBe('non-compliant');
    expect(statusOn(resourcePoliciesNotPublic, resourcePolicy('aws_s3_bucket_policy', 'json', elb(`arn:aws:s3:::alb/AWSLogs/${OWN}/*`, 's3:GetObject')), 'aws_s3_bucket_policy.res')?.status).toBe('non-compliant');
  });
});

describe('IAM users (PAL-IAM-008, PAL-IAM-009)', () => {
  const users = () => ownStack().add('aws_iam_user', 'ci', { name: 'ci' }).add('aws_iam_user', 'auditor', { name: 'auditor' });

  test.each([
    ['aws_iam_user_policy', { user: ref('aws_iam_user', 'ci', 'name'), policy: '{}' }],
    ['aws_iam_user_policy_attachment', { user: ref('aws_iam_user', 'ci', 'name'), policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    ['aws_iam_policy_attachment', { name: 'x', users: [ref('aws_iam_user', 'ci', 'name')], policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  ])('%s on a user fails PAL-IAM-008; a user without passes', (type, values) => {
    const results = evaluate(iamUsersWithoutPolicies, users().add(type, 'direct', values));
    expect(results.find((r) => r.resource === `${type}.direct`)).toEqual(expect.objectContaining({ status: 'non-compliant', message: expect.stringContaining('aws_iam_user.ci') }));
    expect(results.find((r) => r.resource === 'aws_iam_user.auditor')?.status).toBe('compliant');
    expect(results.find((r) => r.resource === 'aws_iam_user.ci')).toBeUndefined();
  });

  test('permissions through a group pass PAL-IAM-008', () => {
    const s = users().add('aws_iam_group_policy_attachment', 'g', { group: 'ops', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }).add('aws_iam_policy_attachment', 'roles', { name: 'r', roles: ['app'], users: [], policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(evaluate(iamUsersWithoutPolicies, s).filter((r) => r.status === 'non-compliant')).toEqual([]);
  });

  test('an access key fails PAL-IAM-009 on the key; users without keys pass', () => {
    const results = evaluate(iamNoUserAccessKeys, users().add('aws_iam_access_key', 'ci', { user: ref('aws_iam_user', 'ci', 'name') }));
    expect(results.find((r) => r.resource === 'aws_iam_access_key.ci')).toEqual(expect.objectContaining({ status: 'non-compliant', message: expect.stringContaining('aws_iam_user.ci') }));
    expect(results.find((r) => r.resource === 'aws_iam_user.auditor')?.status).toBe('compliant');
  });

  test('nothing in scope is not-applicable', () => {
    expect(evaluate(iamNoUserAccessKeys, ownStack()).map((r) => r.status)).toEqual(['not-applicable']);
    expect(evaluate(iamUsersWithoutPolicies, ownStack()).map((r) => r.status)).toEqual(['not-applicable']);
  });
});

describe('plans (terraform show -json)', () => {
  const plan = {
    format_version: '1.2',
    planned_values: { root_module: { resources: [
      { address: 'aws_iam_role_policy.admin', mode: 'managed', type: 'aws_iam_role_policy', name: 'admin', values: { role: 'app', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } },
      { address: 'aws_iam_role.app', mode: 'managed', type: 'aws_iam_role', name: 'app', values: { name: 'app' } },
    ] } },
    resource_changes: [{ address: 'aws_iam_role.app', mode: 'managed', type: 'aws_iam_role', name: 'app', change: { actions: ['create'], before: null, after: { name: 'app' }, after_unknown: { assume_role_policy: true } } }],
    configuration: { root_module: { resources: [
      { address: 'aws_iam_role.app', mode: 'managed', type: 'aws_iam_role', name: 'app', expressions: { assume_role_policy: { references: ['data.aws_iam_policy_document.trust.json', 'data.aws_iam_policy_document.trust'] } } },
    ] } },
  };
  const results = (rule: Rule) => rule.evaluate(modelFromDocuments([{ file: '/x/plan.json', json: plan, stackName: 'p' }]), { allowedRegions: DEFAULT_ALLOWED_REGIONS });

  test('a policy Terraform rendered into the plan is judged like any JSON policy', () => {
    expect(results(iamNoAdminEquivalent).find((r) => r.resource === 'aws_iam_role_policy.admin')?.status).toBe('non-compliant');
  });

  test('a trust policy only known after apply is unproven: it cannot be shown at plan time', () => {
    expect(results(iamTrustNotOpen).find((r) => r.resource === 'aws_iam_role.app')).toEqual(expect.objectContaining({ status: 'unproven', severity: 'low', message: expect.stringContaining('cannot be shown at plan time because the policy document data.aws_iam_policy_document.trust is not in this input') }));
  });
  test('a policy the provider computes (the configuration writes none) is no resource policy: nothing unproven', () => {
    const bucketPlan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', name: 'data', values: { bucket: 'data' } }] } },
      resource_changes: [{ address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', name: 'data', change: { actions: ['create'], before: null, after: { bucket: 'data' }, after_unknown: { policy: true, arn: true } } }],
      configuration: { root_module: { resources: [{ address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', name: 'data', expressions: { bucket: { constant_value: 'data' } } }] } },
    };
    const model = modelFromDocuments([{ file: '/x/plan.json', json: bucketPlan, stackName: 'p' }]);
    for (const rule of [iamServicePrincipalsPinned, resourcePoliciesNotPublic]) {
      expect(rule.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS }).map((r) => r.status)).toEqual(['not-applicable']);
    }
  });
});

describe('resource policies of every holder the engine reads (PAL-IAM-007)', () => {
  const open = { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
  const own = { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: '*', Resource: '*' }] };
  const holders: Array<[type: string, attribute: string]> = [
    ['aws_s3_access_point', 'policy'], ['aws_s3control_access_point_policy', 'policy'], ['aws_opensearch_domain', 'access_policies'],
    ['aws_opensearch_domain_policy', 'access_policies'], ['aws_elasticsearch_domain_policy', 'access_policies'], ['aws_cloudwatch_event_bus_policy', 'policy'],
    ['aws_glacier_vault', 'access_policy'], ['aws_api_gateway_rest_api', 'policy'], ['aws_api_gateway_rest_api_policy', 'policy'], ['aws_dynamodb_resource_policy', 'policy'],
  ];
  test.each(holders)('a public %s.%s fails and one granting only our account passes', (type, attribute) => {
    const verdict = (doc: object) => statusOn(resourcePoliciesNotPublic, ownStack().add(type, 'holder', { [attribute]: JSON.stringify(doc) }), `${type}.holder`)?.status;
    expect([verdict(open), verdict(own)]).toEqual(['non-compliant', 'compliant']);
  });
});

describe('aws_lambda_permission is a statement of the function policy', () => {
  const permission = (values: Record<string, unknown>) => ownStack().add('aws_lambda_permission', 'p', { function_name: 'f', action: 'lambda:InvokeFunction', ...values });
  test.each<[string, Record<string, unknown>, Rule, string]>([
    ['principal "*" lets anyone invoke: PAL-IAM-007 fails', { principal: '*' }, resourcePoliciesNotPublic, 'non-compliant'],
    ['principal "*" limited to our organization passes PAL-IAM-007', { principal: '*', principal_org_id: 'o-abc123' }, resourcePoliciesNotPublic, 'compliant'],
    ['our account passes PAL-IAM-007', { principal: OWN }, resourcePoliciesNotPublic, 'compliant'],
    ['a foreign account fails PAL-IAM-007', { principal: FOREIGN }, resourcePoliciesNotPublic, 'non-compliant'],
    ['a service without source_arn or source_account fails PAL-IAM-006 (confused deputy)', { principal: 's3.amazonaws.com' }, iamServicePrincipalsPinned, 'non-compliant'],
    ['a service pinned by source_account passes PAL-IAM-006', { principal: 's3.amazonaws.com', source_account: OWN }, iamServicePrincipalsPinned, 'compliant'],
    ['a principal decided at apply is unproven', { principal: '${var.caller}' }, resourcePoliciesNotPublic, 'unproven'],
  ])('%s', (_name, values, rule, expected) => {
    expect(statusOn(rule, permission(values), 'aws_lambda_permission.p')?.status).toBe(expected);
  });
});

import { diffSides } from '../../policies/diff/diff';
import { modelFromDocuments } from '../../policies/model/load';
import { estateStack } from '../support/estate';
import { openFindings, resourceEndingWith as one, type StackJson } from '../support/mutation';

const FOREIGN = '999999999999';

/** Edits a JSON-string policy attribute in place. */
function editPolicy(resource: any, attribute: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(resource[attribute]);
  edit(doc);
  resource[attribute] = JSON.stringify(doc);
}

const statement = (doc: any, sid: string) => doc.Statement.find((s: any) => s.Sid === sid);

interface IamMutation {
  name: string;
  stack: string;
  /** The rule that must fire, and the resource it must fire on (type + name suffix). */
  rule: string;
  on: [type: string, suffix: string];
  mutate: (s: StackJson) => void;
  /** What `palisade diff` must say about it (regression, on the weakened resource). */
  diff?: RegExp;
}

const mutations: IamMutation[] = [
  {
    name: 'the instance role is given AdministratorAccess',
    stack: 'production-hosts', rule: 'PAL-IAM-001', on: ['aws_iam_role_policy_attachment', 'app_admin'],
    diff: /^This change lets role aws_iam_role\.production_app_role call every action \(\*\) on every resource \(\*\)/,
    mutate: (s) => { s.resource.aws_iam_role_policy_attachment.production_app_admin = { role: '${aws_iam_role.production_app_role.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }; },
  },
  {
    name: 'the instance role lists PowerUserAccess in managed_policy_arns',
    stack: 'production-hosts', rule: 'PAL-IAM-001', on: ['aws_iam_role', 'app_role'],
    mutate: (s) => { one(s, 'aws_iam_role', 'app_role').managed_policy_arns = ['arn:aws:iam::aws:policy/PowerUserAccess']; },
  },
  {
    name: 'the instance role gets an inline Action "*" Resource "*" policy',
    stack: 'production-hosts', rule: 'PAL-IAM-001', on: ['aws_iam_role_policy', 'antivirus_log_shipping'],
    diff: /^This change lets role aws_iam_role\.production_app_role call every action \(\*\) on every resource/,
    mutate: (s) => editPolicy(one(s, 'aws_iam_role_policy', 'antivirus_log_shipping'), 'policy', (d) => { d.Statement = { Effect: 'Allow', Action: '*', Resource: '*' }; }),
  },
  {
    name: 'the instance role gets inline_policy with NotAction',
    stack: 'production-hosts', rule: 'PAL-IAM-001', on: ['aws_iam_role', 'app_role'],
    mutate: (s) => { one(s, 'aws_iam_role', 'app_role').inline_policy = [{ name: 'all-but-iam', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }] }) }]; },
  },
  {
    name: 'the instance role may pass any role',
    stack: 'production-hosts', rule: 'PAL-IAM-002', on: ['aws_iam_role_policy', 'antivirus_log_shipping'],
    diff: /^This change lets role aws_iam_role\.production_app_role call iam:PassRole on every resource \(\*\) \(statement #1: a privilege-escalation path\)/,
    mutate: (s) => editPolicy(one(s, 'aws_iam_role_policy', 'antivirus_log_shipping'), 'policy', (d) => { d.Statement.push({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }); }),
  },
  ...([
    ['production-hosts', 'antivirus_log_shipping'],
    ['production-network', 'flow_log_role_policy'],
    ['production-security', 'cloudtrail_role_policy'],
    ['staging-network', 'flow_log_role_policy'],
  ] as const).map(([stack, suffix]): IamMutation => ({
    name: `${stack} inline role policy ${suffix} widened to logs:* on *`,
    stack, rule: 'PAL-IAM-003', on: ['aws_iam_role_policy', suffix],
    mutate: (s) => editPolicy(one(s, 'aws_iam_role_policy', suffix), 'policy', (d) => { d.Statement = [{ Effect: 'Allow', Action: ['logs:*'], Resource: ['*'] }]; }),
  })),
  {
    name: 'an inline role policy may decrypt with every key',
    stack: 'production-hosts', rule: 'PAL-IAM-004', on: ['aws_iam_role_policy', 'antivirus_log_shipping'],
    diff: /^This change lets role aws_iam_role\.production_app_role call kms:Decrypt on every resource \(\*\)/,
    mutate: (s) => editPolicy(one(s, 'aws_iam_role_policy', 'antivirus_log_shipping'), 'policy', (d) => { d.Statement.push({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }); }),
  },
  {
    name: 'the instance role trust is opened to {"AWS": "*"}',
    stack: 'production-hosts', rule: 'PAL-IAM-005', on: ['aws_iam_role', 'app_role'],
    diff: /^This change lets anyone \(Principal "\*"\) call sts:AssumeRole on role aws_iam_role\.production_app_role/,
    mutate: (s) => editPolicy(one(s, 'aws_iam_role', 'app_role'), 'assume_role_policy', (d) => { d.Statement[0].Principal = { AWS: '*' }; }),
  },
  {
    name: 'the backup role trusts a foreign account without sts:ExternalId',
    stack: 'production-security', rule: 'PAL-IAM-005', on: ['aws_iam_role', 'backup_role'],
    diff: /^This change lets account 999999999999 call sts:AssumeRole on role aws_iam_role\.production_backup_role .*without sts:ExternalId/,
    mutate: (s) => editPolicy(one(s, 'aws_iam_role', 'backup_role'), 'assume_role_policy', (d) => { d.Statement.push({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: 'sts:AssumeRole' }); }),
  },
  {
    name: 'the flow-log role trust loses its aws:SourceAccount/aws:SourceArn condition',
    stack: 'production-network', rule: 'PAL-IAM-006', on: ['aws_iam_role', 'flow_log_role'],
    diff: /^This change lets service vpc-flow-logs\.amazonaws\.com call sts:AssumeRole on role aws_iam_role\.production_network_flow_log_role without the condition StringEquals aws:SourceAccount, ArnLike aws:SourceArn/,
    mutate: (s) => editPolicy(one(s, 'aws_iam_role', 'flow_log_role'), 'assume_role_policy', (d) => { delete d.Statement[0].Condition; }),
  },
  {
    name: 'the CloudTrail role trust loses its condition',
    stack: 'production-security', rule: 'PAL-IAM-006', on: ['aws_iam_role', 'cloudtrail_role'],
    mutate: (s) => editPolicy(one(s, 'aws_iam_role', 'cloudtrail_role'), 'assume_role_policy', (d) => { delete d.Statement[0].Condition; }),
  },
  {
    name: 'the alarm key\'s CloudWatch grant loses its aws:SourceAccount/aws:SourceArn condition',
    stack: 'production-hosts', rule: 'PAL-IAM-006', on: ['aws_kms_key', 'app_alarms_key'],
    diff: /^This change lets service cloudwatch\.amazonaws\.com call kms:Decrypt, kms:GenerateDataKey\* on key aws_kms_key\.production_app_alarms_key without the condition/,
    mutate: (s) => editPolicy(one(s, 'aws_kms_key', 'app_alarms_key'), 'policy', (d) => { delete statement(d, 'ServiceUse0').Condition; }),
  },
  {
    name: 'the alert topic\'s EventBridge grant is pinned to a foreign account',
    stack: 'production-security', rule: 'PAL-IAM-006', on: ['aws_sns_topic_policy', 'security_alerts_policy'],
    mutate: (s) => editPolicy(one(s, 'aws_sns_topic_policy', 'security_alerts_policy'), 'policy', (d) => { d.Statement[0].Condition = { StringEquals: { 'aws:SourceAccount': FOREIGN } }; }),
  },
  {
    name: 'the access-log bucket policy grants Principal "*" read',
    stack: 'production-security', rule: 'PAL-IAM-007', on: ['aws_s3_bucket_policy', 'access_logs_policy'],
    diff: /^This change lets anyone \(Principal "\*"\) call s3:GetObject on bucket aws_s3_bucket\.production_access_logs/,
    mutate: (s) => editPolicy(one(s, 'aws_s3_bucket_policy', 'access_logs_policy'), 'policy', (d) => { d.Statement.push({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::palisade-production-security-access-logs-222222222222/*' }); }),
  },
  {
    name: 'the CloudTrail bucket policy grants read to an account outside allowed_account_ids',
    stack: 'production-security', rule: 'PAL-IAM-007', on: ['aws_s3_bucket_policy', 'cloudtrail_bucket_policy'],
    diff: /^This change lets account 999999999999 call s3:GetObject, s3:ListBucket on bucket aws_s3_bucket\.production_account_cloudtrail_bucket/,
    mutate: (s) => editPolicy(one(s, 'aws_s3_bucket_policy', 'cloudtrail_bucket_policy'), 'policy', (d) => { d.Statement.push({ Effect: 'Allow', Principal: { AWS: [FOREIGN] }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::palisade-production-cloudtrail-222222222222', 'arn:aws:s3:::palisade-production-cloudtrail-222222222222/*'] }); }),
  },
  {
    name: 'the logs key policy lets a foreign account decrypt',
    stack: 'production-network', rule: 'PAL-IAM-007', on: ['aws_kms_key', 'logs_key'],
    diff: /^This change lets account 999999999999 call kms:Decrypt on key aws_kms_key\.production_logs_key \(statement "Partner": an account outside allowed_account_ids\)\.$/,
    mutate: (s) => editPolicy(one(s, 'aws_kms_key', 'logs_key'), 'policy', (d) => { d.Statement.push({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: 'kms:Decrypt', Resource: '*' }); }),
  },
  {
    name: 'the app alarm topic policy is opened to {"AWS": "*"}',
    stack: 'production-hosts', rule: 'PAL-IAM-007', on: ['aws_sns_topic_policy', 'app_alarm_topic_policy'],
    diff: /^This change lets anyone \(Principal "\*"\) call sns:Subscribe on topic aws_sns_topic\.production_app_alarm_topic/,
    mutate: (s) => editPolicy(one(s, 'aws_sns_topic_policy', 'app_alarm_topic_policy'), 'policy', (d) => { d.Statement.push({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Subscribe', Resource: '*' }); }),
  },
  {
    name: 'an IAM user gets a policy and an access key',
    stack: 'production-security', rule: 'PAL-IAM-008', on: ['aws_iam_user_policy_attachment', 'ci_readonly'],
    mutate: (s) => {
      s.resource.aws_iam_user = { production_ci: { name: 'ci' } };
      s.resource.aws_iam_user_policy_attachment = { production_ci_readonly: { user: '${aws_iam_user.production_ci.name}', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } };
      s.resource.aws_iam_access_key = { production_ci_key: { user: '${aws_iam_user.production_ci.name}' } };
    },
  },
  {
    name: 'an IAM user gets a long-lived access key',
    stack: 'production-security', rule: 'PAL-IAM-009', on: ['aws_iam_access_key', 'ci_key'],
    mutate: (s) => {
      s.resource.aws_iam_user = { production_ci: { name: 'ci' } };
      s.resource.aws_iam_access_key = { production_ci_key: { user: '${aws_iam_user.production_ci.name}' } };
    },
  },
];

describe('weakening the IAM and resource policies of the synthesized estate is caught', () => {
  const stacks = new Map<string, StackJson>();
  const stack = (name: string) => {
    if (!stacks.has(name)) stacks.set(name, estateStack(name));
    return stacks.get(name)!;
  };

  test.each(['production-hosts', 'production-network', 'production-security', 'production-edge', 'staging-network'])('unmutated, %s has no unsuppressed finding', (name) => {
    expect(openFindings(name, stack(name))).toEqual([]);
  });

  test.each(mutations.map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const copy = structuredClone(stack(m.stack));
    m.mutate(copy);
    const [type, suffix] = m.on;
    const target = Object.keys(copy.resource[type] ?? {}).filter((n) => n.endsWith(suffix));
    expect(target).toHaveLength(1);
    const fired = openFindings(m.stack, copy).filter((f) => f.ruleId === m.rule).map((f) => f.resource);
    expect(fired).toContain(`${type}.${target[0]}`);
  });

  const side = (name: string, json: StackJson) => ({ inputs: [name], model: modelFromDocuments([{ file: `stacks/${name}/cdk.tf.json`, json, stackName: name }]), changes: new Map() });

  test.each(mutations.filter((m) => m.diff).map((m) => [m.name, m] as const))('palisade diff names the new access: %s', (_name, m) => {
    const copy = structuredClone(stack(m.stack));
    m.mutate(copy);
    const report = diffSides(side(m.stack, stack(m.stack)), side(m.stack, copy), { today: '2026-12-01' });
    const iam = report.stacks.flatMap((st) => st.changes).filter((c) => c.category === 'iam' && c.impact === 'regression');
    expect(iam.map((c) => c.message)).toContainEqual(expect.stringMatching(m.diff!));
    expect(report.summary.regression).toBe(true);
  });
});

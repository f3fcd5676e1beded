import * as fs from 'fs';
import * as path from 'path';
import { diffPaths } from '../../policies/diff/diff';
import { DIFF_COMMENT_MARKER, formatDiffMarkdown } from '../../policies/diff/format';
import type { DiffReport, SecurityChange } from '../../policies/diff/types';
import { compliantEstate, ref, rmrf, StackBuilder, tempDir, writeCdktfOut, writeJson } from '../policies/fixtures';
import { foreignHtml, rendered } from '../support/markdown';
import { runPalisade } from '../support/cli';

/** The diff engine on synthesized configurations (no plan: actions are inferred). Real plans: plan-diff.test.ts. */


let dir: string;
beforeEach(() => {
  dir = tempDir('palisade-diff-');
});
afterEach(() => rmrf(dir));

function outs(base: StackBuilder, head: StackBuilder): [string, string] {
  return [writeCdktfOut(path.join(dir, 'base'), base), writeCdktfOut(path.join(dir, 'head'), head)];
}

function run(base: StackBuilder, head: StackBuilder): DiffReport {
  const [b, h] = outs(base, head);
  return diffPaths(b, h, { baseDir: dir, today: '2026-06-01' });
}

function changes(report: DiffReport, impact?: SecurityChange['impact']): SecurityChange[] {
  return report.stacks.flatMap((s) => s.changes).filter((c) => impact === undefined || c.impact === impact);
}

const palisade = (...args: string[]) => runPalisade(dir, ...args);

const withLogGroup = () =>
  compliantEstate('network').add('aws_cloudwatch_log_group', 'audit', { name: '/audit', retention_in_days: 365, kms_key_id: ref('aws_kms_key', 'logs', 'arn') });

describe('palisade diff without a plan (inferred actions)', () => {
  test('two identical synths: no change, no regression', () => {
    const report = run(compliantEstate('network'), compliantEstate('network'));
    expect(report.actions).toBe('inferred');
    expect(report.summary).toMatchObject({ regression: false, created: 0, updated: 0, replaced: 0, destroyed: 0 });
    expect(report.stacks[0].status).toBe('unchanged');
  });

  test('a renamed log group is a likely replacement (ForceNew name) of a stateful resource: blocking', () => {
    const report = run(withLogGroup(), withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.name = '/audit-v2')));
    expect(report.stacks[0].resources).toEqual([expect.objectContaining({ address: 'aws_cloudwatch_log_group.audit', action: 'replace', replaceReasons: ['name'], source: 'inferred' })]);
    expect(changes(report, 'blocking')).toEqual([expect.objectContaining({ message: expect.stringContaining('is likely REPLACED') })]);
    expect(report.summary.regression).toBe(true);
  });

  test('a changed retention is an in-place update, shown for review, not a blocking change', () => {
    const report = run(withLogGroup(), withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.retention_in_days = 400)));
    expect(report.stacks[0].resources).toEqual([expect.objectContaining({ action: 'update', changedAttributes: ['retention_in_days'] })]);
    expect(changes(report, 'blocking')).toEqual([]);
    expect(changes(report)).toEqual([expect.objectContaining({ impact: 'improvement', category: 'logging' })]);
  });

  test('attribute values compare as JSON: member order is no change; members named like Object methods are compared, not called', () => {
    const tags = { Name: 'audit', constructor: 'x', valueOf: 'y', toString: 'z', hasOwnProperty: 'w' };
    const reordered = Object.fromEntries(Object.entries(tags).reverse());
    const same = run(withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.tags = tags)), withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.tags = reordered)));
    expect(same.stacks[0].resources).toEqual([]);
    const changed = run(withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.tags = tags)), withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.tags = { ...tags, valueOf: 'changed' })));
    expect(changed.stacks[0].resources).toEqual([expect.objectContaining({ action: 'update', changedAttributes: ['tags'] })]);
    const dropped = run(withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.tags = tags)), withLogGroup().update('aws_cloudwatch_log_group', 'audit', (v) => (v.tags = { Name: 'audit' })));
    expect(dropped.stacks[0].resources).toEqual([expect.objectContaining({ changedAttributes: ['tags'] })]);
  });

  test('a removed bucket is destroyed: blocking', () => {
    const withBucket = () => compliantEstate('network').add('aws_s3_bucket', 'archive', { bucket: 'acme-archive' });
    const report = run(withBucket(), compliantEstate('network'));
    expect(changes(report, 'blocking')).toEqual([expect.objectContaining({ resource: 'aws_s3_bucket.archive', message: expect.stringContaining('is DESTROYED: the objects it stores will be lost') })]);
  });

  test('ingress widened from a private range to the internet on an existing rule is a regression naming old and new source', () => {
    const base = compliantEstate('network').add('aws_security_group_rule', 'https', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'], description: 'HTTPS' });
    const head = compliantEstate('network').add('aws_security_group_rule', 'https', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'HTTPS' });
    // The old rule is covered by the new one, so there is one change, not an "opened" plus a "closed".
    expect(changes(run(base, head)).filter((c) => c.category === 'ingress')).toEqual([
      expect.objectContaining({ impact: 'regression', message: 'Ingress widened on aws_security_group.app: TCP port 443 from 0.0.0.0/0 (the whole internet) (was TCP port 443 from 10.0.0.0/16) (via aws_security_group_rule.https).' }),
    ]);
  });

  test('a new internal ingress is for review, not a regression', () => {
    const head = compliantEstate('network').add('aws_vpc_security_group_ingress_rule', 'from_vpc', { security_group_id: ref('aws_security_group', 'app'), cidr_ipv4: '10.0.0.0/16', from_port: 8080, to_port: 8080, ip_protocol: 'tcp', description: 'internal' });
    const report = run(compliantEstate('network'), head);
    expect(changes(report).filter((c) => c.category === 'ingress')).toEqual([expect.objectContaining({ impact: 'review' })]);
    expect(report.summary.regression).toBe(false);
  });

  test('egress widened to the whole internet on every port is a regression', () => {
    const head = compliantEstate('network').add('aws_vpc_security_group_egress_rule', 'all_out', { security_group_id: ref('aws_security_group', 'app'), cidr_ipv4: '0.0.0.0/0', ip_protocol: '-1', description: 'everything' });
    expect(changes(run(compliantEstate('network'), head)).filter((c) => c.category === 'egress')).toEqual([
      expect.objectContaining({ impact: 'regression', message: expect.stringContaining('Egress widened on aws_security_group.app: all traffic (every protocol and port) to 0.0.0.0/0 (the whole internet) (was TCP port 443 to 0.0.0.0/0 (the whole internet))') }),
    ]);
  });

  test('a NACL rule allowing SSH from the internet is a regression', () => {
    const head = compliantEstate('network').add('aws_network_acl_rule', 'ssh', { network_acl_id: ref('aws_network_acl', 'main'), rule_number: 90, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 });
    const report = run(compliantEstate('network'), head);
    expect(changes(report).filter((c) => c.category === 'nacl')).toEqual([expect.objectContaining({ impact: 'regression', message: expect.stringContaining('rule #90 allows TCP port 22 (22/SSH) from 0.0.0.0/0') })]);
  });

  test('an ALB listener moved to a TLS 1.0 policy is a TLS weakening', () => {
    const listener = (policy: string) => compliantEstate('network').add('aws_lb_listener', 'https', { load_balancer_arn: '${aws_lb.edge.arn}', port: 443, protocol: 'HTTPS', ssl_policy: policy, default_action: [{ type: 'fixed-response' }] });
    const report = run(listener('ELBSecurityPolicy-TLS13-1-2-2021-06'), listener('ELBSecurityPolicy-2016-08'));
    expect(changes(report)).toEqual([expect.objectContaining({ impact: 'regression', category: 'tls', message: 'TLS weakened: TLS policy of aws_lb_listener.https goes from ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.2+) to ELBSecurityPolicy-2016-08 (TLS 1.0+).' })]);
  });

  test('a removed WAF association (load balancer kept) is a WAF weakening', () => {
    const base = () => compliantEstate('network').add('aws_lb', 'edge', { name: 'edge', internal: false }).add('aws_wafv2_web_acl_association', 'edge', { resource_arn: ref('aws_lb', 'edge', 'arn'), web_acl_arn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1' });
    const report = run(base(), base().remove('aws_wafv2_web_acl_association', 'edge'));
    expect(changes(report)).toEqual([expect.objectContaining({ impact: 'regression', category: 'waf', message: expect.stringContaining('the WAF web ACL association of aws_lb.edge is removed') })]);
  });

  test('deletion protection turned off on a load balancer is a regression', () => {
    const lb = (on: boolean) => compliantEstate('network').add('aws_lb', 'edge', { name: 'edge', internal: false, enable_deletion_protection: on });
    expect(changes(run(lb(true), lb(false)))).toEqual([expect.objectContaining({ impact: 'regression', category: 'deletion-protection' })]);
  });

  describe('IAM: who can do what, in plain words', () => {
    const role = (statements: object[]) => compliantEstate('network').add('aws_iam_role_policy', 'app', { role: 'app', policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
    const read = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme/*'] };

    test('a new whole-service wildcard on every resource is a regression naming who gets what', () => {
      const report = run(role([read]), role([read, { Effect: 'Allow', Action: 's3:*', Resource: '*' }]));
      expect(changes(report)).toEqual([expect.objectContaining({ impact: 'regression', category: 'iam', resource: 'aws_iam_role_policy.app', message: 'This change lets role app call s3:* on every resource (*) (statement #1: every action of the service).' })]);
    });

    test('a new specific action is for review; an action covered by an existing wildcard is no change', () => {
      expect(changes(run(role([read]), role([{ ...read, Action: ['s3:GetObject', 's3:PutObject'] }])))).toEqual([expect.objectContaining({ impact: 'review', message: 'This change lets role app call s3:PutObject on "arn:aws:s3:::acme/*".' })]);
      const wide = { ...read, Action: ['s3:Get*'] };
      expect(changes(run(role([wide]), role([{ ...wide, Action: ['s3:Get*', 's3:GetObjectTagging'] }])))).toEqual([]);
    });

    test('a new "*" principal on a key policy is a regression (resource "*" in a key policy is the key itself)', () => {
      const key = (principal: unknown) =>
        compliantEstate('network').update('aws_kms_key', 'logs', (v) => {
          v.policy = JSON.stringify({ Statement: [{ Sid: 'Use', Effect: 'Allow', Principal: principal, Action: 'kms:Decrypt', Resource: '*' }] });
        });
      const report = run(key({ AWS: 'arn:aws:iam::123456789012:root' }), key('*'));
      expect(changes(report).filter((c) => c.category === 'iam')).toEqual([
        expect.objectContaining({ impact: 'regression', message: expect.stringMatching(/^This change lets anyone \(Principal "\*"\) call kms:Decrypt on key aws_kms_key\.logs \(statement "Use": anyone at all/) }),
        expect.objectContaining({ impact: 'improvement', message: 'Account 123456789012 may no longer call kms:Decrypt on key aws_kms_key.logs.' }),
      ]);
    });

    test('a foreign account on a key policy is named with the action and the key', () => {
      const key = (extra: object[]) => compliantEstate('network').setProviders([{ region: 'eu-west-1', allowed_account_ids: ['111122223333'] }]).update('aws_kms_key', 'logs', (v) => {
        v.policy = JSON.stringify({ Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }, ...extra] });
      });
      const report = run(key([]), key([{ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: ['kms:Decrypt'], Resource: '*' }]));
      expect(changes(report).filter((c) => c.category === 'iam')).toEqual([expect.objectContaining({ impact: 'regression', resource: 'aws_kms_key.logs', message: 'This change lets account 999999999999 call kms:Decrypt on key aws_kms_key.logs (statement "Partner": an account outside allowed_account_ids).' })]);
    });

    test('a removed condition and a removed Deny are regressions; dropped actions are an improvement', () => {
      const guarded = { Sid: 'Svc', Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } };
      const deny = { Sid: 'NoDelete', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' };
      const key = (statements: object[]) => compliantEstate('network').update('aws_kms_key', 'logs', (v) => (v.policy = JSON.stringify({ Statement: statements })));
      const messages = changes(run(key([guarded, deny]), key([{ ...guarded, Condition: undefined }]))).filter((c) => c.category === 'iam').map((c) => `${c.impact}: ${c.message}`);
      expect(messages).toEqual([
        expect.stringMatching(/^regression: This change lets service logs\.amazonaws\.com call kms:Decrypt on key aws_kms_key\.logs without the condition StringEquals aws:SourceAccount: no aws:SourceAccount/),
        'regression: This change removes the Deny "NoDelete" from aws_kms_key.logs: what it forbade is allowed again wherever another statement allows it.',
      ]);
      expect(changes(run(role([read, { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:q' }]), role([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:q' }])))).toEqual([
        expect.objectContaining({ impact: 'improvement', message: 'Role app may no longer call s3:GetObject on "arn:aws:s3:::acme/*".' }),
      ]);
    });

    test('policy documents (data.aws_iam_policy_document) are compared through the policy that uses them', () => {
      const doc = (actions: string[]) => compliantEstate('network')
        .addData('aws_iam_policy_document', 'app', { statement: [{ effect: 'Allow', actions, resources: ['arn:aws:sqs:eu-west-1:123456789012:q'] }] })
        .add('aws_iam_role_policy', 'app', { role: 'app', policy: '${data.aws_iam_policy_document.app.json}' });
      expect(changes(run(doc(['sqs:SendMessage']), doc(['sqs:*'])))).toEqual([expect.objectContaining({ impact: 'regression', resource: 'aws_iam_role_policy.app', message: expect.stringContaining('lets role app call sqs:* on "arn:aws:sqs:eu-west-1:123456789012:q"') })]);
    });

    test('attaching AdministratorAccess is a regression naming the role and what it may now do', () => {
      const head = compliantEstate('network').add('aws_iam_role_policy_attachment', 'admin', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      expect(changes(run(compliantEstate('network'), head))).toEqual([expect.objectContaining({ impact: 'regression', category: 'iam', resource: 'aws_iam_role_policy_attachment.admin', message: 'This change lets role app call every action (*) on every resource (*) (AWS-managed AdministratorAccess statement #0: administrator-equivalent).' })]);
    });

    test('attaching another AWS-managed policy is for review', () => {
      const head = compliantEstate('network').add('aws_iam_role_policy_attachment', 'ro', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
      expect(changes(run(compliantEstate('network'), head))).toEqual([expect.objectContaining({ impact: 'review', message: 'This change attaches AWS-managed ReadOnlyAccess to role app; review what it grants.' })]);
    });
  });

  describe('baseline findings', () => {
    const ssh = (b: StackBuilder) => b.add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'debug' });

    test('are matched by rule + stack + resource: introduced, resolved and still open', () => {
      const base = ssh(compliantEstate('network')).update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT'));
      const head = ssh(compliantEstate('network')).update('aws_kms_key', 'logs', (v) => (v.enable_key_rotation = false));
      const f = run(base, head).stacks[0].findings;
      expect(f.introduced.map((x) => `${x.ruleId} ${x.resource}`)).toEqual(['PAL-KMS-001 aws_kms_key.logs']);
      expect(f.resolved.map((x) => `${x.ruleId} ${x.resource}`)).toEqual(['PAL-VPC-001 aws_vpc.main']);
      expect(f.open.map((x) => `${x.ruleId} ${x.resource}`)).toEqual(['PAL-SG-001 aws_security_group_rule.ssh']);
    });

    test('a new finding that arrives suppressed (with a reason) is listed but is no regression', () => {
      const head = ssh(compliantEstate('network')).suppress('aws_security_group_rule', 'ssh', [{ ruleId: 'PAL-SG-001', reason: 'break-glass SEC-1', expires: '2026-12-31' }]);
      const report = run(compliantEstate('network'), head);
      expect(report.stacks[0].findings.introducedSuppressed.map((x) => x.ruleId)).toEqual(['PAL-SG-001']);
      expect(report.stacks[0].findings.introduced).toEqual([]);
      expect(changes(report, 'regression').map((c) => c.category)).toEqual(['ingress']); // the exposure itself is still shown
    });

    test('--fail-on high ignores a newly introduced medium finding (the weakening itself still counts)', async () => {
      const [b, h] = outs(compliantEstate('network'), compliantEstate('network').update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT')));
      const r = await palisade('diff', b, h, '--format', 'json', '--fail-on', 'high');
      const report = JSON.parse(r.stdout) as DiffReport;
      expect(report.stacks[0].findings.introduced.map((x) => x.severity)).toEqual(['medium']);
      expect(changes(report, 'regression')).toEqual([expect.objectContaining({ category: 'logging', message: expect.stringContaining('captured traffic of aws_flow_log.main goes from ALL to REJECT') })]);
      expect(r.code).toBe(1);
    });
  });

  test('stacks pair by name; a stack that disappears is reported as unmanaged, not destroyed', () => {
    const [b, h] = [writeCdktfOut(path.join(dir, 'base'), compliantEstate('network'), compliantEstate('edge')), writeCdktfOut(path.join(dir, 'head'), compliantEstate('network'))];
    const report = diffPaths(b, h, { baseDir: dir, today: '2026-06-01' });
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([['edge', 'removed'], ['network', 'unchanged']]);
    expect(report.stacks[0].changes[0]).toMatchObject({ impact: 'review', category: 'unmanaged' });
    expect(report.summary.destroyed).toBe(0);
  });
});

describe('palisade diff CLI', () => {
  test('exit 0 and a markdown comment starting with the hidden marker when nothing weakens', async () => {
    const [b, h] = outs(compliantEstate('network'), compliantEstate('network'));
    const r = await palisade('diff', b, h);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${DIFF_COMMENT_MARKER}\n## Palisade security diff: :white_check_mark: no security regression`)).toBe(true);
  });

  test('--output writes the file and a one-line verdict to stderr; exit 1 on regression', async () => {
    const [b, h] = outs(compliantEstate('network'), compliantEstate('network').update('aws_kms_key', 'logs', (v) => (v.enable_key_rotation = false)));
    const r = await palisade('diff', b, h, '--format', 'markdown', '--output', 'out/diff.md');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^palisade: diff written to out\/diff\.md: SECURITY REGRESSION/);
    expect(fs.readFileSync(path.join(dir, 'out', 'diff.md'), 'utf8')).toContain('automatic key rotation of aws_kms_key.logs goes from on to off');
  });

  test.each([
    ['a missing base', (b: string, h: string) => ['diff', path.join(dir, 'nope'), h], /no such file or directory/],
    ['a malformed head', (b: string) => ['diff', b, writeMalformed()], /malformed JSON/],
    ['an errored plan', (b: string) => ['diff', b, writeErroredPlan()], /the plan errored/],
    ['an unknown format', (b: string, h: string) => ['diff', b, h, '--format', 'html'], /unknown format "html"/],
    ['a missing HEAD argument', (b: string) => ['diff', b], /missing required argument 'head'/],
  ])('fails closed with exit 2 on %s', async (_name, args, message) => {
    const [b, h] = outs(compliantEstate('network'), compliantEstate('network'));
    const r = await palisade(...args(b, h));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  function writeMalformed(): string {
    const f = path.join(dir, 'head.json');
    fs.writeFileSync(f, '{"format_version": "1.2", "planned_values": ');
    return f;
  }

  function writeErroredPlan(): string {
    return writeJson(path.join(dir, 'errored', 'plan.json'), { format_version: '1.2', errored: true, planned_values: { root_module: {} }, resource_changes: [{ address: 'aws_vpc.x', mode: 'managed', type: 'aws_vpc', name: 'x', change: { actions: ['update'], before: {}, after: {} } }] });
  }

  test('markdown escapes HTML in resource names and messages', () => {
    const report = run(compliantEstate('network'), compliantEstate('network').add('aws_s3_bucket', 'x', { bucket: '<img src=x onerror=alert(1)>' }));
    const md = formatDiffMarkdown({ ...report, stacks: report.stacks.map((s) => ({ ...s, changes: [{ impact: 'review', category: 'exposure', resource: 'x', message: '<script>alert(1)</script>' }] })) });
    expect(foreignHtml(md)).toEqual([]);
    expect(rendered(md).text).toContain('<script>alert(1)</script>');
  });
});

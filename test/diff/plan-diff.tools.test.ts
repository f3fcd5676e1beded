import { spawnSync } from 'child_process';
import * as path from 'path';
import { Testing } from '../../constructs/framework';
import { KmsKey } from '../../constructs/kms/kms-key';
import type { DiffReport, StackDiff } from '../../policies/diff/types';
import { NetworkStack } from '../../stacks/network-stack';
import { testRunDir } from '../support/paths';
import { planBase, planHead, plannedActions, type PlannedBase, type PlannedStack } from '../support/plan-diff';
import { synthStack, testEnvironment, type TerraformJson } from '../support/synth';
import { requireTerraform } from '../support/terraform';

/**
 * Real Terraform plans: the base network stack (plus an archive key) is planned and turned into state; each head is a
 * mutation planned against that state, so the AWS provider decides update vs replace vs destroy. `palisade diff` then
 * reads the base plan and the head plan.
 */

const BIN = path.join(__dirname, '..', '..', 'bin', 'palisade.js');

function network(overrides: Parameters<typeof testEnvironment>[0] = {}, withArchiveKey = true): TerraformJson {
  const env = testEnvironment(overrides);
  const stack = new NetworkStack(Testing.app(), env);
  if (withArchiveKey) {
    new KmsKey(stack, 'archive_key', { purpose: 'archive', environment: env.name, accountId: env.accountId, region: env.region, description: 'Encrypts the test archive' });
  }
  return synthStack(stack);
}

const clone = (j: TerraformJson): TerraformJson => JSON.parse(JSON.stringify(j));

const HEADS: Record<string, () => TerraformJson> = {
  'postgres-open-to-world': () => {
    const j = clone(network());
    j.resource.aws_vpc_security_group_ingress_rule.test_network_endpoints_security_group_ingress_world_5432 = {
      security_group_id: '${aws_security_group.test_network_endpoints_security_group.id}',
      cidr_ipv4: '0.0.0.0/0',
      from_port: 5432,
      to_port: 5432,
      ip_protocol: 'tcp',
      description: 'temporary debugging access',
    };
    return j;
  },
  'rotation-off': () => {
    const j = clone(network());
    j.resource.aws_kms_key.test_logs_key.enable_key_rotation = false;
    return j;
  },
  'subnet-cidr': () => {
    const j = clone(network());
    j.resource.aws_subnet.test_network_data_a.cidr_block = '10.0.200.0/24';
    return j;
  },
  'log-group-renamed': () => {
    const j = clone(network());
    j.resource.aws_cloudwatch_log_group.test_network_flow_log_log_group.name = '/palisade/test/vpc-flow-logs-v2';
    return j;
  },
  'key-removed': () => network({}, false),
  'owner-tag-changed': () => network({ owner: 'network-team' }),
};

let base: PlannedBase;
const heads: Record<string, PlannedStack> = {};
const diffs: Record<string, { code: number | null; report: DiffReport; stderr: string }> = {};

function diff(baseFile: string, headFile: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'diff', baseFile, headFile, '--format', 'json', '--today', '2026-06-01', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function only(report: DiffReport): StackDiff {
  expect(report.stacks.map((s) => s.stack)).toEqual(['test-network']);
  return report.stacks[0];
}

beforeAll(async () => {
  requireTerraform();
  const root = path.join(testRunDir(), 'plan-diff');
  base = await planBase(network(), path.join(root, 'base'));
  const names = Object.keys(HEADS);
  // Two at a time: each plan starts the AWS provider (CPU- and memory-hungry).
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(names.slice(i, i + 2).map(async (name) => {
      heads[name] = await planHead(base, HEADS[name](), path.join(root, name));
    }));
  }
  for (const name of names) {
    const r = diff(base.planFile, heads[name].planFile);
    diffs[name] = { code: r.code, report: JSON.parse(r.stdout || '{}'), stderr: r.stderr };
  }
}, 900_000);

describe('the derived base state', () => {
  test('is faithful: planning the base against its own state changes nothing', () => {
    // planBase throws when the fixpoint does not settle; it settles in a few rounds.
    expect(base.rounds).toBeLessThanOrEqual(3);
    expect(base.state.version).toBe(4);
    expect(base.state.resources.every((r: any) => typeof r.instances[0].schema_version === 'number')).toBe(true);
  });
});

describe('palisade diff on real plans', () => {
  test('a security group opened to 0.0.0.0/0 on 5432 is a regression (exit 1) with the port and source in words', () => {
    const { code, report } = diffs['postgres-open-to-world'];
    expect(plannedActions(heads['postgres-open-to-world'].plan)).toEqual({ 'aws_vpc_security_group_ingress_rule.test_network_endpoints_security_group_ingress_world_5432': 'create' });
    expect(code).toBe(1);
    expect(report.actions).toBe('plan');
    const s = only(report);
    const ingress = s.changes.filter((c) => c.category === 'ingress');
    expect(ingress).toEqual([expect.objectContaining({ impact: 'regression' })]);
    expect(ingress[0].message).toMatch(/Ingress opened on aws_security_group\.test_network_endpoints_security_group: TCP port 5432 \(5432\/PostgreSQL\) from 0\.0\.0\.0\/0 \(the whole internet\)/);
    expect(s.findings.introduced.map((f) => f.ruleId)).toContain('PAL-SG-001');
  });

  test('KMS key rotation disabled is an in-place update and a regression (exit 1)', () => {
    const { code, report } = diffs['rotation-off'];
    expect(plannedActions(heads['rotation-off'].plan)).toEqual({ 'aws_kms_key.test_logs_key': 'update' });
    expect(code).toBe(1);
    const s = only(report);
    expect(s.resources).toEqual([expect.objectContaining({ address: 'aws_kms_key.test_logs_key', action: 'update', changedAttributes: ['enable_key_rotation'], source: 'plan' })]);
    expect(s.changes).toEqual([expect.objectContaining({ impact: 'regression', category: 'rotation', message: expect.stringContaining('automatic key rotation of aws_kms_key.test_logs_key goes from on to off') })]);
    expect(s.findings.introduced.map((f) => f.ruleId)).toEqual(['PAL-KMS-001']);
  });

  test('a subnet CIDR change replaces the subnet (forced by cidr_block) but blocks nothing: no stateful data is lost (exit 0)', () => {
    const { code, report } = diffs['subnet-cidr'];
    expect(plannedActions(heads['subnet-cidr'].plan)).toMatchObject({ 'aws_subnet.test_network_data_a': 'delete,create' });
    const s = only(report);
    expect(s.resources.find((r) => r.address === 'aws_subnet.test_network_data_a')).toMatchObject({ action: 'replace', stateful: false, replaceReasons: ['cidr_block'] });
    expect(s.changes.filter((c) => c.impact === 'blocking' || c.impact === 'regression')).toEqual([]);
    expect(report.summary).toMatchObject({ regression: false, blocking: 0 });
    expect(code).toBe(0);
  });

  test('a renamed log group is a replacement of a stateful resource: BLOCKING (exit 1)', () => {
    const { code, report } = diffs['log-group-renamed'];
    expect(plannedActions(heads['log-group-renamed'].plan)).toMatchObject({ 'aws_cloudwatch_log_group.test_network_flow_log_log_group': 'delete,create' });
    expect(code).toBe(1);
    const s = only(report);
    const blocking = s.changes.filter((c) => c.impact === 'blocking');
    expect(blocking).toEqual([expect.objectContaining({ category: 'data-loss', resource: 'aws_cloudwatch_log_group.test_network_flow_log_log_group' })]);
    expect(blocking[0].message).toContain('REPLACED (destroyed, then re-created; forced by name)');
    expect(report.summary.blocking).toBe(1);
  });

  test('a removed KMS key is destroyed: BLOCKING, the data it encrypts becomes unreadable (exit 1)', () => {
    const { code, report } = diffs['key-removed'];
    expect(plannedActions(heads['key-removed'].plan)).toEqual({ 'aws_kms_key.test_archive_key': 'delete', 'aws_kms_alias.test_archive_key_alias': 'delete' });
    expect(code).toBe(1);
    const s = only(report);
    expect(s.changes.filter((c) => c.impact === 'blocking')).toEqual([
      expect.objectContaining({ resource: 'aws_kms_key.test_archive_key', message: expect.stringMatching(/is DESTROYED: the key material: everything encrypted with it becomes unreadable/) }),
    ]);
    expect(s.resources.map((r) => `${r.action} ${r.address}`)).toEqual(['delete aws_kms_alias.test_archive_key_alias', 'delete aws_kms_key.test_archive_key']);
  });

  test('a harmless tag change updates tags in place and is no regression (exit 0)', () => {
    const { code, report, stderr } = diffs['owner-tag-changed'];
    const actions = Object.values(plannedActions(heads['owner-tag-changed'].plan));
    expect(actions.length).toBeGreaterThan(10);
    expect(new Set(actions)).toEqual(new Set(['update']));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const s = only(report);
    expect(s.changes).toEqual([]);
    expect(s.findings.introduced).toEqual([]);
    expect(s.resources.every((r) => r.changedAttributes.every((a) => a === 'tags' || a === 'tags_all'))).toBe(true);
  });

  test('the markdown comment of a blocking change carries the marker, the verdict and the blocking line', () => {
    const r = diff(base.planFile, heads['log-group-renamed'].planFile, '--format', 'markdown');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('<!-- palisade-diff -->');
    expect(r.stdout).toContain('security regression');
    expect(r.stdout).toMatch(/Blocking — data loss \(1\)/);
  });
});

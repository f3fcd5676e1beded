/**
 * Plans and states that cannot be judged as a whole configuration are input errors naming the file: a `-target` plan
 * (`complete: false`), a `-refresh-only` plan, and a plan or state in a JSON format other than 1.x. A `-destroy` plan
 * still loads (nothing is planned, and that is the truth). Shapes as `terraform show -json` 1.11 writes them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../../../policies/model/errors';
import { modelFromDocuments } from '../../../policies/model/load';
import { runPalisade } from '../../support/cli';

type Obj = Record<string, unknown>;

const SG = { address: 'aws_security_group.sg', mode: 'managed', type: 'aws_security_group', name: 'sg', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 1 };
const SG_VALUES = { name: 'x', description: 'x', vpc_id: 'vpc-12345678', ingress: [], egress: [] };
const CONFIGURATION = {
  provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
  root_module: { resources: [{ address: 'aws_security_group.sg', mode: 'managed', type: 'aws_security_group', name: 'sg', provider_config_key: 'aws', expressions: {}, schema_version: 1 }] },
};
const PRIOR_STATE = { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [{ ...SG, values: { ...SG_VALUES, id: 'sg-0123456789abcdef0' }, sensitive_values: {} }] } } };

/** A plan creating one security group, as `terraform plan` writes it; `edit` changes it. */
function createPlan(edit: (p: Obj) => void = () => undefined): Obj {
  const p: Obj = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [{ ...SG, values: SG_VALUES, sensitive_values: {} }] } },
    resource_changes: [{ ...SG, change: { actions: ['create'], before: null, after: SG_VALUES, after_unknown: { id: true, arn: true } } }],
    configuration: CONFIGURATION,
    timestamp: '2026-12-04T03:53:05Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  edit(p);
  return p;
}

const load = (json: Obj, file = '/virtual/plan.json') => modelFromDocuments([{ file, json }], { baseDir: '/virtual' });
const errorOf = (json: Obj, file = '/virtual/plan.json'): InputError => {
  try {
    load(json, file);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('loaded without an input error');
};

describe('a targeted plan (complete: false)', () => {
  test('is an input error naming the file', () => {
    const e = errorOf(createPlan((p) => (p.complete = false)));
    expect(e.path).toBe('/virtual/plan.json');
    expect(e.message).toBe('/virtual/plan.json: the plan is incomplete (complete: false, e.g. planned with -target): check a full plan');
  });

  test('a "complete" that is not a boolean is refused too', () => {
    expect(errorOf(createPlan((p) => (p.complete = 'false'))).message).toMatch(/"complete" is "false", not true or false/);
  });

  test('a complete plan, and one from a Terraform that writes no "complete", load', () => {
    expect(load(createPlan()).resources.map((r) => r.address)).toEqual(['aws_security_group.sg']);
    expect(load(createPlan((p) => delete p.complete)).resources).toHaveLength(1);
  });
});

describe('format_version', () => {
  test.each(['2.0', 'banana', '0.2', '1', '10.0', ''])('plan format %j is an input error naming the file and the version', (version) => {
    const e = errorOf(createPlan((p) => (p.format_version = version)));
    expect(e.path).toBe('/virtual/plan.json');
    expect(e.message).toContain(`unsupported plan JSON format_version ${JSON.stringify(version)}`);
  });

  test('state format 2.0 is an input error naming the file and the version', () => {
    const state = { format_version: '2.0', terraform_version: '1.11.4', values: { root_module: { resources: [] } } };
    expect(errorOf(state, '/virtual/state.json').message).toMatch(/^\/virtual\/state\.json: unsupported state JSON format_version "2\.0"/);
  });

  test.each(['1.0', '1.1', '1.2', '1.9', '1.10'])('format %s loads', (version) => {
    expect(load(createPlan((p) => (p.format_version = version))).resources).toHaveLength(1);
    const state = { format_version: version, terraform_version: '1.11.4', values: { root_module: { resources: [{ ...SG, values: SG_VALUES }] } } };
    expect(load(state, '/virtual/state.json').resources).toHaveLength(1);
  });
});

describe('a refresh-only plan', () => {
  /** `terraform plan -refresh-only`: nothing planned, no resource_changes at all, the refreshed objects in prior_state. */
  const refreshOnly = (edit: (p: Obj) => void = () => undefined) =>
    createPlan((p) => {
      p.planned_values = { root_module: {} };
      delete p.resource_changes;
      p.resource_drift = [{ ...SG, change: { actions: ['update'], before: SG_VALUES, after: SG_VALUES, after_unknown: {} } }];
      p.prior_state = PRIOR_STATE;
      edit(p);
    });

  test('is an input error naming the file', () => {
    const e = errorOf(refreshOnly());
    expect(e.path).toBe('/virtual/plan.json');
    expect(e.message).toMatch(/^\/virtual\/plan\.json: a refresh-only plan changes no configuration .*; check a normal plan or the state$/);
  });

  test('without drift, and with the resources in a child module, too', () => {
    expect(() => load(refreshOnly((p) => delete p.resource_drift))).toThrow(/refresh-only/);
    const inModule = { ...PRIOR_STATE, values: { root_module: { child_modules: [{ address: 'module.net', resources: [{ ...SG, address: 'module.net.aws_security_group.sg', values: SG_VALUES }] }] } } };
    expect(() => load(refreshOnly((p) => (p.prior_state = inModule)))).toThrow(/refresh-only/);
  });

  test('a destroy plan (every resource of the prior state planned for delete) still loads, with nothing to judge', () => {
    const destroy = createPlan((p) => {
      p.planned_values = { root_module: {} };
      p.resource_changes = [{ ...SG, change: { actions: ['delete'], before: SG_VALUES, after: null, after_unknown: false } }];
      p.prior_state = PRIOR_STATE;
    });
    expect(load(destroy).resources).toEqual([]);
  });

  test('a plan that changes nothing (every resource no-op) still loads and is judged', () => {
    const noop = createPlan((p) => {
      p.resource_changes = [{ ...SG, change: { actions: ['no-op'], before: SG_VALUES, after: SG_VALUES, after_unknown: {} } }];
      p.prior_state = PRIOR_STATE;
    });
    expect(load(noop).resources.map((r) => r.address)).toEqual(['aws_security_group.sg']);
  });

  test('a plan of an empty configuration over an empty state loads (nothing exists to judge)', () => {
    const empty = createPlan((p) => {
      p.planned_values = { root_module: {} };
      delete p.resource_changes;
      p.prior_state = { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: {} } };
    });
    expect(load(empty).resources).toEqual([]);
  });
});

describe('palisade check', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-plan-refusals-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['a targeted plan', createPlan((p) => (p.complete = false)), /the plan is incomplete/],
    ['plan format 2.0', createPlan((p) => (p.format_version = '2.0')), /unsupported plan JSON format_version "2\.0"/],
  ])('exits 2 with one line naming the file on %s', async (_what, json, reason) => {
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(json));
    const r = await runPalisade(dir, 'check', file, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^palisade: error: [^\n]*plan\.json: [^\n]+\n$/);
    expect(r.stderr).toMatch(reason);
  });
});

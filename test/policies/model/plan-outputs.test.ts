/**
 * Root-module outputs of a plan and a state are read into the stack (as a Terraform JSON configuration's are), so
 * PAL-SECRET-001 judges them. Shapes as `terraform show -json` 1.11 writes them: a sensitive output's known value is
 * in the JSON; an output known only after apply has no value in `planned_values`, its known parts in
 * `output_changes[…].after` and its unknown parts in `after_unknown`.
 */
import { modelFromDocuments } from '../../../policies/model/load';
import { unknownThrough } from '../../../policies/model/values';
import { secretsNotExposed } from '../../../policies/rules/pal-secret-001';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { statusOf } from '../fixtures';

type Obj = Record<string, unknown>;

const CONTEXT = { allowedRegions: DEFAULT_ALLOWED_REGIONS };

interface PlannedOutput {
  /** The planned value, when known as a whole. */
  value?: unknown;
  sensitive?: boolean;
  /** `output_changes` entry: known parts and unknown marks (default: the value, nothing unknown). */
  after?: unknown;
  afterUnknown?: unknown;
  actions?: string[];
  /** Configuration expression (`references` or `constant_value`). */
  expression?: Obj;
}

function planWithOutputs(outputs: Record<string, PlannedOutput>): Obj {
  const planned: Obj = {};
  const changes: Obj = {};
  const config: Obj = {};
  for (const [name, o] of Object.entries(outputs)) {
    const deleted = o.actions?.length === 1 && o.actions[0] === 'delete';
    if (!deleted) planned[name] = { sensitive: o.sensitive ?? false, ...('value' in o ? { type: 'string', value: o.value } : {}) };
    changes[name] = { actions: o.actions ?? ['create'], before: null, ...(o.after !== undefined || 'value' in o ? { after: o.after ?? o.value } : {}), after_unknown: o.afterUnknown ?? false, before_sensitive: false, after_sensitive: o.sensitive ?? false };
    if (!deleted) config[name] = { ...(o.sensitive ? { sensitive: true } : {}), expression: o.expression ?? { constant_value: o.value } };
  }
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { outputs: planned, root_module: {} },
    output_changes: changes,
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } }, root_module: { outputs: config } },
    complete: true,
    errored: false,
  };
}

const model = (json: Obj, file = '/virtual/plan.json') => modelFromDocuments([{ file, json, stackName: 'plan' }], { baseDir: '/virtual' });
const secrets = (json: Obj) => secretsNotExposed.evaluate(model(json), CONTEXT);

describe('plan outputs', () => {
  test('a literal access key or password assignment in an output is a finding', () => {
    const r = secrets(planWithOutputs({ deploy_key: { value: 'AKIAIOSFODNN7EXAMPLE' }, db: { value: 'password=Sup3rS3cretValue!' }, name: { value: 'app' } }));
    expect(statusOf(r, 'output.deploy_key')).toBe('non-compliant');
    expect(statusOf(r, 'output.db')).toBe('non-compliant');
    expect(statusOf(r, 'output.name')).toBe('compliant');
  });

  test('a sensitive output is judged on its value: sensitive hides it from the CLI, not from the state', () => {
    const r = secrets(planWithOutputs({ db: { value: 'password=Sup3rS3cretValue!', sensitive: true } }));
    expect(statusOf(r, 'output.db')).toBe('non-compliant');
  });

  test('an output known only after apply is its references: a secret attribute is a finding', () => {
    const json = planWithOutputs({
      secret: { sensitive: true, afterUnknown: true, expression: { references: ['aws_iam_access_key.k.secret', 'aws_iam_access_key.k'] } },
      key_id: { afterUnknown: true, expression: { references: ['aws_iam_access_key.k.id', 'aws_iam_access_key.k'] } },
    });
    expect(model(json).stacks[0].outputs).toEqual({ secret: '${aws_iam_access_key.k.secret}', key_id: '${aws_iam_access_key.k.id}' });
    const r = secrets(json);
    expect(statusOf(r, 'output.secret')).toBe('non-compliant');
    expect(statusOf(r, 'output.key_id')).toBe('compliant');
  });

  test('an output partly known: the known parts are judged (a literal key beside an unknown one is a finding)', () => {
    const json = planWithOutputs({
      partial: { sensitive: true, after: { lit: 'AKIAIOSFODNN7EXAMPLE', user: 'pal-hunt' }, afterUnknown: { secret: true }, expression: { references: ['aws_iam_user.u.name', 'aws_iam_user.u', 'aws_iam_access_key.k.secret', 'aws_iam_access_key.k'] } },
      list: { after: [null, 'a'], afterUnknown: [true, false], expression: { references: ['aws_iam_access_key.k.id', 'aws_iam_access_key.k'] } },
    });
    const outputs = model(json).stacks[0].outputs!;
    expect(outputs.partial).toEqual({ lit: 'AKIAIOSFODNN7EXAMPLE', user: 'pal-hunt', secret: ['${aws_iam_user.u.name}', '${aws_iam_access_key.k.secret}'] });
    expect(outputs.list).toEqual(['${aws_iam_access_key.k.id}', 'a']);
    expect(statusOf(secrets(json), 'output.partial')).toBe('non-compliant');
  });

  test('an unknown output through a variable or module output is named as unknown', () => {
    const json = planWithOutputs({ db: { afterUnknown: true, expression: { references: ['module.db.password', 'module.db'] } } });
    expect(model(json).stacks[0].outputs).toEqual({ db: unknownThrough('module.db.password') });
    expect(statusOf(secrets(json), 'output.db')).toBe('non-compliant');
  });

  test('an output being removed is no output', () => {
    const json = planWithOutputs({ old: { actions: ['delete'], after: null, value: undefined } });
    expect(model(json).stacks[0].outputs).toBeUndefined();
  });
});

describe('state outputs', () => {
  test('every root output is judged, sensitive ones included', () => {
    const state = {
      format_version: '1.0',
      terraform_version: '1.11.4',
      values: {
        outputs: { db: { sensitive: true, value: 'password=Sup3rS3cretValue!', type: 'string' }, deploy_key: { sensitive: false, value: 'AKIAIOSFODNN7EXAMPLE', type: 'string' }, name: { sensitive: false, value: 'app', type: 'string' } },
        root_module: {},
      },
    };
    const r = secretsNotExposed.evaluate(model(state, '/virtual/state.json'), CONTEXT);
    expect(statusOf(r, 'output.db')).toBe('non-compliant');
    expect(statusOf(r, 'output.deploy_key')).toBe('non-compliant');
    expect(statusOf(r, 'output.name')).toBe('compliant');
  });
});

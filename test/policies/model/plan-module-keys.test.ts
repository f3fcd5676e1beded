/**
 * Module instance keys are any string (`for_each = toset(["app-module.v1", "x]y"])`); the plan quotes them in every
 * address (`module.m["app-module.v1"].aws_s3_bucket.b`). A resource's configuration is found by its module call
 * names, read token by token, so a key holding `module.`, `]`, `.` or an escaped quote reads like any other key.
 */
import { InputError } from '../../../policies/model/errors';
import { moduleCallNames } from '../../../policies/model/from-plan';
import { modelFromDocuments } from '../../../policies/model/load';

type Obj = Record<string, unknown>;

/** `module "m" { for_each = toset(keys) }` whose module holds a bucket and a policy on it (bucket id known after apply). */
function planOfModuleInstances(keys: string[]): Obj {
  const children = keys.map((key) => {
    const at = `module.m[${JSON.stringify(key)}]`;
    return {
      address: at,
      resources: [
        { address: `${at}.aws_s3_bucket.b`, mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_name: 'registry.terraform.io/hashicorp/aws', values: { force_destroy: false } },
        { address: `${at}.aws_s3_bucket_policy.p`, mode: 'managed', type: 'aws_s3_bucket_policy', name: 'p', provider_name: 'registry.terraform.io/hashicorp/aws', values: {} },
      ],
    };
  });
  const changes = children.flatMap((c) => [
    { address: c.resources[0].address, module_address: c.address, mode: 'managed', type: 'aws_s3_bucket', name: 'b', change: { actions: ['create'], before: null, after: { force_destroy: false }, after_unknown: { id: true, arn: true } } },
    { address: c.resources[1].address, module_address: c.address, mode: 'managed', type: 'aws_s3_bucket_policy', name: 'p', change: { actions: ['create'], before: null, after: {}, after_unknown: { bucket: true, policy: true } } },
  ]);
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { child_modules: children } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: {
        module_calls: {
          m: {
            source: './m',
            for_each_expression: { constant_value: keys },
            module: {
              resources: [
                { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_config_key: 'aws', expressions: {} },
                { address: 'aws_s3_bucket_policy.p', mode: 'managed', type: 'aws_s3_bucket_policy', name: 'p', provider_config_key: 'aws', expressions: { bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] }, policy: { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] } } },
              ],
            },
          },
        },
      },
    },
    complete: true,
    errored: false,
  };
}

const model = (json: Obj) => modelFromDocuments([{ file: '/virtual/plan.json', json, stackName: 'plan' }], { baseDir: '/virtual' });

describe('module instance keys in plan addresses', () => {
  const KEYS = ['ok', 'app-module.v1', 'a.module.b', 'x]y', 'say "hi"', 'back\\slash', '].module.z['];

  test.each(KEYS)('key %j: the resource is read with its configuration (its reference to the bucket known after apply)', (key) => {
    const m = model(planOfModuleInstances(KEYS));
    const at = `module.m[${JSON.stringify(key)}]`;
    const policy = m.get('plan', `${at}.aws_s3_bucket_policy.p`)!;
    const bucket = m.get('plan', `${at}.aws_s3_bucket.b`)!;
    expect(policy.values.bucket).toBe(`\${${at}.aws_s3_bucket.b.id}`);
    expect(m.targets(policy, 'bucket')).toEqual([bucket]);
  });

  test('a module address that is not one is an input error naming the file and the JSON path', () => {
    const json = planOfModuleInstances(['ok']);
    const child = (json.planned_values as { root_module: { child_modules: Obj[] } }).root_module.child_modules[0];
    child.address = 'module.m["ok'; // unterminated key
    expect(() => model(json)).toThrow(InputError);
    expect(() => model(json)).toThrow(/^\/virtual\/plan\.json: planned_values\.root_module\.child_modules\[0\]\.resources\[0\]: module address "module\.m\[\\"ok" is not a Terraform module address$/);
  });
});

describe('moduleCallNames', () => {
  test.each([
    ['module.a', ['a']],
    ['module.a[0].module.b', ['a', 'b']],
    ['module.m["app-module.v1"]', ['m']],
    ['module.m["x]y"].module.n["a.module.b"]', ['m', 'n']],
    ['module.m["say \\"hi\\"]"]', ['m']],
    ['module.my-mod_1[12]', ['my-mod_1']],
  ])('%s → %j', (address, names) => {
    expect(moduleCallNames(address)).toEqual(names);
  });

  test.each(['module.', 'module.a.', 'module.a[', 'module.a["x]', 'module.a[x]', 'module.a.b', 'aws_s3_bucket.b', 'module.a]', 'module.a["x"]y'])('%j is no module address', (address) => {
    expect(moduleCallNames(address)).toBeUndefined();
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { modelFromDocuments } from '../../../policies/model/load';
import { COMPUTED_VALUE, UNKNOWN_VALUE, unknownThrough } from '../../../policies/model/values';
import { albAccessLogs } from '../../../policies/rules/pal-alb-006';
import { ec2NoPublicIp } from '../../../policies/rules/pal-ec2-004';
import type { Rule } from '../../../policies/rules/types';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { statusOf } from '../fixtures';

/*
 * Shapes met in the plans of public modules (docs/public-module-plans.md), in a plan fixture written for this test:
 * a load balancer whose access_logs block is written dynamically in a module (the plan's configuration does not show
 * it) with the bucket known only after apply, and an instance that leaves associate_public_ip_address to the provider.
 */
const FIXTURE = path.join(__dirname, '../../fixtures/plans/public-module-shapes/lb-logs-unknown-bucket.json');
type Obj = Record<string, any>;
const LB = 'module.edge.aws_lb.this[0]';
const VM = 'aws_instance.app';

function plan(edit: (p: Obj) => void = () => undefined): Obj {
  const p = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  edit(p);
  return p;
}
const change = (p: Obj, address: string): Obj => p.resource_changes.find((c: Obj) => c.address === address).change;
const model = (p: Obj) => modelFromDocuments([{ file: 'plan.json', json: p }]);
const run = (rule: Rule, p: Obj) => rule.evaluate(model(p), { allowedRegions: DEFAULT_ALLOWED_REGIONS });
const valuesOf = (p: Obj, address: string) => model(p).resources.find((r) => r.address === address)!.values;

describe('plan values: unknown attributes inside nested blocks', () => {
  test('an unknown attribute of a block the configuration does not show is unknown, not absent', () => {
    expect(valuesOf(plan(), LB).access_logs).toEqual([{ enabled: true, prefix: null, bucket: UNKNOWN_VALUE }]);
  });

  test('an unknown attribute a written block leaves out is computed by the provider', () => {
    const p = plan((x) => {
      const lb = x.configuration.root_module.module_calls.edge.module.resources[0];
      lb.expressions.access_logs = [{ enabled: { constant_value: true } }];
    });
    expect(valuesOf(p, LB).access_logs).toEqual([{ enabled: true, prefix: null, bucket: COMPUTED_VALUE }]);
  });
});

describe('plan values: unknown attributes through variables, locals and module outputs', () => {
  test('are unknown and named by the expression, inside their module call', () => {
    expect(valuesOf(plan(), VM).subnet_id).toBe(unknownThrough('var.subnet_id'));
    const p = plan((x) => {
      x.configuration.root_module.module_calls.edge.module.resources[0].expressions.subnets = { references: ['local.subnets'] };
      change(x, LB).after_unknown.subnets = true;
    });
    expect(valuesOf(p, LB).subnets).toBe(unknownThrough('module.edge.local.subnets'));
    expect(unknownThrough('module.edge.local.subnets')).toBe('${unknown: module.edge.local.subnets}');
  });

  test('a known value keeps its value whatever its expression', () => {
    const p = plan((x) => {
      change(x, VM).after.subnet_id = 'subnet-0ff11e0000000001';
      delete change(x, VM).after_unknown.subnet_id;
    });
    expect(valuesOf(p, VM).subnet_id).toBe('subnet-0ff11e0000000001');
  });
});

describe('PAL-ALB-006 on a plan', () => {
  test('access logs enabled with a bucket known only after apply are compliant (the bucket is there, named later)', () => {
    expect(statusOf(run(albAccessLogs, plan()), LB)).toBe('compliant');
  });

  test('no access_logs block is non-compliant', () => {
    const p = plan((x) => {
      delete change(x, LB).after.access_logs;
      delete change(x, LB).after_unknown.access_logs;
    });
    expect(statusOf(run(albAccessLogs, p), LB)).toBe('non-compliant');
  });

  test('a bucket known only after apply with logging disabled is non-compliant', () => {
    const p = plan((x) => (change(x, LB).after.access_logs[0].enabled = false));
    expect(statusOf(run(albAccessLogs, p), LB)).toBe('non-compliant');
  });
});

describe('PAL-EC2-004 on a plan', () => {
  test('associate_public_ip_address left to the provider (known after apply, never written) is left to the subnet: compliant', () => {
    expect(statusOf(run(ec2NoPublicIp, plan()), VM)).toBe('compliant');
  });

  test('associate_public_ip_address set by an expression known only after apply is unproven, not a finding', () => {
    const p = plan((x) => (x.configuration.root_module.resources[0].expressions.associate_public_ip_address = { references: ['var.public'] }));
    const result = run(ec2NoPublicIp, p).find((r) => r.resource === VM)!;
    expect(result.status).toBe('unproven');
    expect(result.message).toMatch(/cannot be shown at plan time because associate_public_ip_address \(associate_public_ip_address\) is set by an expression known only after apply/);
  });

  test('associate_public_ip_address = true is non-compliant', () => {
    const p = plan((x) => {
      change(x, VM).after.associate_public_ip_address = true;
      delete change(x, VM).after_unknown.associate_public_ip_address;
    });
    expect(statusOf(run(ec2NoPublicIp, p), VM)).toBe('non-compliant');
  });
});

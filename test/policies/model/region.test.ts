import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModel, modelFromDocuments } from '../../../policies/model/load';
import type { Model } from '../../../policies/model/model';
import { providerRegion, regionOfArn, regionOfZone } from '../../../policies/model/region';
import { providerRegionsAllowed } from '../../../policies/rules/pal-gdpr-001';
import { dataDestinationsInAllowedRegions } from '../../../policies/rules/pal-gdpr-002';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import type { RuleResult } from '../../../policies/rules/types';
import { rmrf, StackBuilder, tempDir } from '../fixtures';
import { plan, type Planned } from './plan-in-memory';

type Obj = Record<string, unknown>;

const gdpr001 = (model: Model): RuleResult[] => providerRegionsAllowed.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS });
const verdict = (model: Model, resource = 'provider.aws') => gdpr001(model).find((r) => r.resource === resource)!;

/** A cdktf stack whose provider writes `region`, with extra top-level sections (variable, locals). */
function configuration(region: unknown, extra: Obj = {}, resources: Obj = {}): Model {
  const json = { ...new StackBuilder('app').setProviders([region === undefined ? {} : { region }]).toJSON(), ...extra } as Obj;
  json.resource = { ...(json.resource as Obj), ...resources };
  return modelFromDocuments([{ file: '/virtual/stacks/app/cdk.tf.json', json, stackName: 'app' }], { baseDir: '/virtual' });
}

const byLocal = { region: { references: ['local.region'] } };
const subnet = (address: string, zone: string): Planned => ({ address, values: { availability_zone: zone, cidr_block: '10.0.0.0/24' }, expressions: { availability_zone: { references: ['each.value'] } } });

describe('region names, zones and ARNs', () => {
  test.each([
    ['eu-west-1a', 'eu-west-1'], ['us-gov-west-1b', 'us-gov-west-1'], ['us-west-2-lax-1a', 'us-west-2'], ['ap-southeast-5c', 'ap-southeast-5'],
    ['euw1-az1', undefined], ['eu-west-1', undefined], ['${unknown}', undefined],
  ])('zone %s lies in %s', (zone, region) => expect(regionOfZone(zone)).toBe(region));

  test.each([
    ['arn:aws:sns:eu-central-1:111122223333:alerts', 'eu-central-1'], ['arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/x', 'us-gov-west-1'],
    ['arn:aws:iam::111122223333:role/x', undefined], ['arn:aws:s3:::bucket', undefined], ['not an arn', undefined],
  ])('ARN %s names region %s', (arn, region) => expect(regionOfArn(arn)).toBe(region));
});

describe('a provider region written as an expression, in Terraform JSON (cdktf output)', () => {
  test('${var.region} with a default is that default, and the verdict says so', () => {
    const model = configuration('${var.region}', { variable: { region: { type: 'string', default: 'eu-west-1' } } });
    expect(providerRegion(model.stacks[0].providers[0])).toEqual({ region: 'eu-west-1', source: 'the default of var.region' });
    expect(verdict(model)).toMatchObject({ status: 'compliant', message: 'Provider region eu-west-1 (from the default of var.region) is allowed.' });
  });

  test('${local.region} naming ${var.region} follows both; a default of us-east-1 fails naming the region and the path', () => {
    const model = configuration('${local.region}', { locals: [{ region: '${var.region}' }], variable: [{ region: [{ default: 'us-east-1' }] }] });
    expect(verdict(model)).toMatchObject({ status: 'non-compliant' });
    expect(verdict(model).message).toContain('deploys to us-east-1 (from local.region, from the default of var.region), outside the allowed regions');
  });

  test('a local holding the literal region is that region', () => {
    expect(verdict(configuration('${local.region}', { locals: { region: 'eu-central-1' } })).message).toBe('Provider region eu-central-1 (from local.region) is allowed.');
  });

  test.each([
    ['a variable without a default', { variable: { region: { type: 'string' } } }, /var\.region, which has no default/],
    ['an undeclared variable', {}, /var\.region, which this input does not declare/],
    ['a default that is no region', { variable: { region: { default: 'ireland' } } }, /default "ireland" is not a region name/],
  ])('%s is unproven, saying why', (_what, extra, why) => {
    const r = verdict(configuration('${var.region}', extra));
    expect(r.status).toBe('unproven');
    expect(r.message).toMatch(/its region cannot be shown at plan time because/);
    expect(r.message).toMatch(why);
  });

  test('an expression other than a whole var/local reference is left to Terraform: unproven', () => {
    const r = verdict(configuration('${lookup(var.regions, terraform.workspace)}', { variable: { regions: { default: { prod: 'eu-west-1' } } } }));
    expect(r).toMatchObject({ status: 'unproven' });
    expect(r.message).toContain('is an expression only Terraform evaluates');
  });

  test('availability zones the resources are written in show the region; zones of two regions conflict', () => {
    const one = configuration('${var.region}', {}, { aws_subnet: { a: { availability_zone: 'eu-west-3a' } } });
    expect(verdict(one).message).toBe('Provider region eu-west-3 (from availability zone eu-west-3a of aws_subnet.a) is allowed.');
    const two = configuration('${var.region}', { variable: { region: { default: 'eu-west-1' } } }, { aws_subnet: { a: { availability_zone: 'us-east-1a' } } });
    expect(verdict(two)).toMatchObject({ status: 'unproven', severity: 'medium' });
    expect(verdict(two).message).toContain('more than one region for it: eu-west-1 (from the default of var.region) and us-east-1 (from availability zone us-east-1a of aws_subnet.a)');
  });

  test('a literal region is judged as written, whatever the resources say', () => {
    const model = configuration('eu-west-1', {}, { aws_subnet: { a: { availability_zone: 'us-east-1a' } } });
    expect(verdict(model)).toMatchObject({ status: 'compliant', message: 'Provider region eu-west-1 is allowed.' });
  });

  test('a provider without region fails even when its resources show one', () => {
    const model = configuration(undefined, {}, { aws_subnet: { a: { availability_zone: 'eu-west-1a' } } });
    expect(verdict(model).status).toBe('non-compliant');
    expect(verdict(model).message).toMatch(/sets no region: it is taken from the environment at deploy time/);
  });
});

describe('a provider region written as an expression, in a plan', () => {
  test('var.region: the planned value; named the default when it is the default, else set for this plan', () => {
    const ref = { region: { references: ['var.region'] } };
    expect(verdict(plan({ aws: ref }, [], { region: { value: 'eu-west-1', default: 'eu-west-1' } })).message).toBe('Provider region eu-west-1 (from the default of var.region) is allowed.');
    const set = verdict(plan({ aws: ref }, [], { region: { value: 'us-east-1', default: 'eu-west-1' } }));
    expect(set).toMatchObject({ status: 'non-compliant' });
    expect(set.message).toContain('deploys to us-east-1 (from var.region, set to us-east-1 for this plan)');
  });

  test('local.region (a plan does not record locals) is shown by the aws_region data source read at plan time', () => {
    const model = plan({ aws: byLocal }, [{ address: 'data.aws_region.current', read: true, values: { name: 'eu-west-1', id: 'eu-west-1', description: 'Europe (Ireland)' } }]);
    expect(verdict(model).message).toBe('Provider region eu-west-1 (from data.aws_region.current) is allowed.');
  });

  test('an aws_region data source that looks up a named region is no clue', () => {
    const model = plan({ aws: byLocal }, [{ address: 'data.aws_region.other', read: true, values: { name: 'us-east-1' }, expressions: { name: { constant_value: 'us-east-1' } } }]);
    expect(verdict(model).status).toBe('unproven');
  });

  test('availability zones of for_each instances in a nested module show the region', () => {
    const model = plan({ aws: byLocal }, [
      subnet('module.network.module.subnets.aws_subnet.this["eu-west-1a"]', 'eu-west-1a'),
      subnet('module.network.module.subnets.aws_subnet.this["eu-west-1b"]', 'eu-west-1b'),
    ]);
    expect(verdict(model)).toMatchObject({ status: 'compliant' });
    expect(verdict(model).message).toBe('Provider region eu-west-1 (from availability zone eu-west-1a of module.network.module.subnets.aws_subnet.this["eu-west-1a"]; 1 other clue agrees) is allowed.');
  });

  test('the zones of data.aws_availability_zones show the region', () => {
    const model = plan({ aws: byLocal }, [{ address: 'data.aws_availability_zones.available', read: true, values: { names: ['us-east-1a', 'us-east-1b'] } }]);
    expect(verdict(model)).toMatchObject({ status: 'non-compliant' });
    expect(verdict(model).message).toContain('deploys to us-east-1 (from the zones of data.aws_availability_zones.available (us-east-1a, us-east-1b))');
  });

  test('an ARN the provider assigned shows the region; an ARN the configuration writes does not', () => {
    const own = plan({ aws: byLocal }, [{ address: 'aws_sns_topic.alerts', read: true, values: { arn: 'arn:aws:sns:eu-north-1:111122223333:alerts', name: 'alerts' } }]);
    expect(verdict(own).message).toBe('Provider region eu-north-1 (from the ARN of aws_sns_topic.alerts) is allowed.');
    const written = plan({ aws: byLocal }, [{ address: 'aws_cloudwatch_event_target.bus', values: { arn: 'arn:aws:events:us-east-1:111122223333:event-bus/central' }, expressions: { arn: { constant_value: 'arn:aws:events:us-east-1:111122223333:event-bus/central' } } }]);
    expect(verdict(written).status).toBe('unproven');
  });

  test('clues of two regions are a conflict: unproven, naming both and where each came from', () => {
    const model = plan({ aws: byLocal }, [
      { address: 'data.aws_region.current', read: true, values: { name: 'eu-west-1' } },
      subnet('aws_subnet.a', 'us-east-1a'),
    ]);
    expect(verdict(model)).toMatchObject({ status: 'unproven', severity: 'medium' });
    expect(verdict(model).message).toBe('Provider aws in stack plan: its region cannot be shown at plan time because the input shows more than one region for it: eu-west-1 (from data.aws_region.current) and us-east-1 (from availability zone us-east-1a of aws_subnet.a).');
  });

  test('no clue at all: unproven, saying that a plan does not record locals and nothing shows the region', () => {
    const model = plan({ aws: byLocal }, [{ address: 'aws_s3_bucket.data', values: { bucket: 'data' } }]);
    expect(verdict(model)).toMatchObject({ status: 'unproven', severity: 'low' });
    expect(verdict(model).message).toContain('its region is local.region, whose value a plan does not record, and no resource of the plan shows the region');
  });

  test('each clue counts for the provider its resource uses: an aliased provider is judged on its own resources', () => {
    const model = plan({ aws: byLocal, 'aws.use1': { region: { references: ['local.other'] } } }, [
      subnet('aws_subnet.a', 'eu-west-1a'),
      { ...subnet('aws_subnet.b', 'us-east-1a'), provider: 'aws.use1' },
    ]);
    expect(verdict(model).status).toBe('compliant');
    expect(verdict(model, 'provider.aws.use1')).toMatchObject({ status: 'non-compliant' });
    expect(verdict(model, 'provider.aws.use1').message).toContain('deploys to us-east-1 (from availability zone us-east-1a of aws_subnet.b)');
  });

  test('a derived region feeds the other region rules: a trail delivers within its provider\'s derived region', () => {
    const model = plan({ aws: byLocal }, [
      { address: 'data.aws_region.current', read: true, values: { name: 'eu-west-1' } },
      { address: 'aws_cloudtrail.main', values: { name: 'main', s3_bucket_name: 'literal-trail-bucket' } },
    ]);
    const trail = dataDestinationsInAllowedRegions.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS }).find((r) => r.resource === 'aws_cloudtrail.main')!;
    expect(trail).toMatchObject({ status: 'compliant', message: 'Trail destination of aws_cloudtrail.main stays in eu-west-1.' });
  });
});

describe('a provider region in Terraform source (HCL)', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('palisade-region-')));
  afterEach(() => rmrf(dir));

  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const VARIABLE = 'variable "region" {\n  type    = string\n  default = "eu-west-1"\n}\n';

  test('local.region = var.region with a default: evaluated, and the verdict says from where', () => {
    write({ 'main.tf': `${VARIABLE}locals {\n  region = var.region\n}\nprovider "aws" {\n  region = local.region\n}\n` });
    expect(verdict(loadModel(dir)).message).toBe('Provider region eu-west-1 (from local.region, from the default of var.region) is allowed.');
  });

  test('a tfvars file or --var sets the region: named as such; us-east-1 fails', () => {
    write({ 'main.tf': `${VARIABLE}provider "aws" {\n  region = var.region\n}\n`, 'terraform.tfvars': 'region = "us-east-1"\n' });
    expect(verdict(loadModel(dir)).message).toContain('deploys to us-east-1 (from var.region set in terraform.tfvars)');
    expect(verdict(loadModel(dir, { source: { vars: [{ name: 'region', value: 'eu-central-1' }] } })).message).toBe('Provider region eu-central-1 (from --var region) is allowed.');
  });

  test('a variable without a value leaves the region unproven', () => {
    write({ 'main.tf': 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = var.region\n}\n' });
    const r = verdict(loadModel(dir));
    expect(r.status).toBe('unproven');
    expect(r.message).toContain('because its region is var.region, which has no value');
  });
});

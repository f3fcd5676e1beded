import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { PalisadeConfigError } from '../../constructs/errors';
import { estateStack } from '../support/estate';
import { testEnvironment } from '../support/synth';

const DATABASE = { engineVersion: '16', instanceClass: 'db.m7g.large', allocatedStorageGiB: 100 };

describe('the database section of the estate config', () => {
  test('fills secure defaults: name reviews, 14 days of backups, Multi-AZ, logs kept a year', () => {
    expect(testEnvironment({ database: DATABASE } as Parameters<typeof testEnvironment>[0]).database).toEqual({ ...DATABASE, name: 'reviews', backupRetentionDays: 14, multiAz: true, logRetentionDays: 365 });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['backups under the 7-day floor', { backupRetentionDays: 3 }, 'environments[0].database.backupRetentionDays = 3: at least 7 days'],
    ['backups over the RDS limit', { backupRetentionDays: 40 }, 'environments[0].database.backupRetentionDays = 40: at most 35 days'],
    ['an unsupported engine version', { engineVersion: '12.19' }, 'environments[0].database.engineVersion = "12.19"'],
    ['an instance class without db.', { instanceClass: 'm7g.large' }, 'environments[0].database.instanceClass = "m7g.large"'],
    ['storage under 20 GiB', { allocatedStorageGiB: 5 }, 'environments[0].database.allocatedStorageGiB = 5'],
    ['storage written as a string', { allocatedStorageGiB: '100' }, 'environments[0].database.allocatedStorageGiB = "100"'],
    ['an autoscaling ceiling under the size', { maxAllocatedStorageGiB: 50 }, 'environments[0].database.maxAllocatedStorageGiB = 50'],
    ['a master password (unknown fields are refused)', { password: 'hunter2' }, 'environments[0].database'],
  ])('refuses %s, naming field and value', (_case, change, message) => {
    const config = { environments: [{ ...exampleEstate.environments[0], database: { ...DATABASE, ...change } }] };
    expect(() => loadEstateConfig(config)).toThrow(PalisadeConfigError);
    expect(() => loadEstateConfig(config)).toThrow(message);
  });
});

describe('the example estate\'s data stacks', () => {
  const config = loadEstateConfig(exampleEstate);

  test('every environment with a database section gets <env>-data with one PostgreSQL instance', () => {
    for (const env of config.environments.filter((e) => e.database)) {
      const instances = estateStack(`${env.name}-data`).resource.aws_db_instance;
      expect(Object.keys(instances)).toEqual([`${env.name}_reviews`]);
      expect(instances[`${env.name}_reviews`]).toMatchObject({ engine: 'postgres', engine_version: env.database!.engineVersion, instance_class: env.database!.instanceClass, backup_retention_period: env.database!.backupRetentionDays });
    }
  });

  test('production runs Multi-AZ, staging a single instance', () => {
    expect(estateStack('production-data').resource.aws_db_instance.production_reviews.multi_az).toBe(true);
    expect(estateStack('staging-data').resource.aws_db_instance.staging_reviews.multi_az).toBe(false);
  });

  test('reads the data subnets and VPC of its network stack through terraform_remote_state', () => {
    const stack = estateStack('production-data');
    expect(Object.keys(stack.data.terraform_remote_state)).toEqual(['production_cross_stack_reference_input_production_network']);
    expect(stack.resource.aws_db_subnet_group.production_reviews_subnet_group.subnet_ids).toEqual(['a', 'b', 'c'].map((az) =>
      `\${data.terraform_remote_state.production_cross_stack_reference_input_production_network.outputs.production_cross_stack_output_aws_subnet_production_network_data_${az}_id}`));
  });

  test('the application hosts join the database client group, the only group the database admits', () => {
    const template = estateStack('production-hosts').resource.aws_launch_template.production_app_launch_template;
    expect(template.network_interfaces[0].security_groups).toContain(
      '${data.terraform_remote_state.production_cross_stack_reference_input_production_data.outputs.production_cross_stack_output_aws_security_group_production_reviews_clients_id}');
  });
});

/**
 * The `<env>-hosts` stacks of the example estate through the real Terraform (validate + offline plan, run once by the
 * jest global setup): the user data Terraform computes is exactly the rendered cloud-config, which the real
 * cloud-init accepts; the fleet is wired to the network and edge stacks by cross-stack references.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_APT_MIRROR_URI } from '../../constructs/hardened-host/hardened-host-fleet';
import { renderUserData } from '../../constructs/hardened-host/user-data';
import { estatePlan, estateStack, estateTerraformRuns } from '../support/estate';
import { requireTools, run, tempDir } from './helpers';

const ENVIRONMENTS = [
  { env: 'staging', region: 'eu-west-1', subnets: 2 },
  { env: 'production', region: 'eu-central-1', subnets: 3 },
];

describe.each(ENVIRONMENTS)('$env-hosts', ({ env, region, subnets }) => {
  const stack = `${env}-hosts`;
  const logGroupName = `/palisade/${env}/hardened-host/app/antivirus`;

  test('passes terraform validation (terraform plan validates first) and plans every resource as a create', () => {
    const found = estateTerraformRuns().find((r) => r.stack === stack);
    expect(found?.error).toBeUndefined();
    expect({ plan: found?.plan?.ok, output: found?.plan?.ok ? '' : found?.plan?.output }).toEqual({ plan: true, output: '' });
    const plan = estatePlan(stack);
    expect(plan.resource_changes.filter((c: any) => c.change.actions.join() !== 'create')).toEqual([]);
    expect(plan.resource_changes.map((c: any) => c.address)).toEqual(expect.arrayContaining([
      `aws_launch_template.${env}_app_launch_template`, `aws_autoscaling_group.${env}_app`, `aws_ssm_association.${env}_app_selfcheck_daily`,
    ]));
  });

  test('the user data Terraform computes decodes (base64 + gunzip) to exactly renderUserData(...)', () => {
    const lt = estatePlan(stack).resource_changes.find((c: any) => c.address === `aws_launch_template.${env}_app_launch_template`);
    const decoded = gunzipSync(Buffer.from(lt.change.after.user_data, 'base64')).toString('utf8');
    expect(decoded).toBe(renderUserData({ logGroupName }, { region, logGroupName, aptMirrorUri: DEFAULT_APT_MIRROR_URI }));
    expect(Buffer.from(lt.change.after.user_data, 'base64').length).toBeLessThan(16384);
  });

  test('that decoded document passes the real `cloud-init schema --config-file`', () => {
    requireTools('cloud-init');
    const lt = estatePlan(stack).resource_changes.find((c: any) => c.address === `aws_launch_template.${env}_app_launch_template`);
    const file = join(tempDir('hosts-userdata'), 'user-data.yaml');
    writeFileSync(file, gunzipSync(Buffer.from(lt.change.after.user_data, 'base64')));
    const r = run('cloud-init', ['schema', '--config-file', file]);
    expect(r.stdout).toContain(`Valid cloud-config: ${file}`);
    expect(r.status).toBe(0);
  });

  test('instances go into the network stack\'s app subnets and join the edge group that admits the load balancer', () => {
    const json = estateStack(stack);
    const asg = json.resource.aws_autoscaling_group[`${env}_app`];
    expect(asg.vpc_zone_identifier).toHaveLength(subnets);
    asg.vpc_zone_identifier.forEach((s: string) => expect(s).toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${env}_cross_stack_reference_input_${env}_network\\.outputs\\..*aws_subnet_${env}_network_app_[a-c]_id\\}$`)));
    expect(asg.target_group_arns).toEqual([expect.stringMatching(new RegExp(`terraform_remote_state\\.${env}_cross_stack_reference_input_${env}_edge\\.outputs\\..*aws_lb_target_group_${env}_edge_alb_targets_arn`))]);
    expect(asg.health_check_type).toBe('ELB');
    const groups = json.resource.aws_launch_template[`${env}_app_launch_template`].network_interfaces[0].security_groups;
    // Its own group, the edge group the load balancer reaches, and the data store's clients group (5432 to the database).
    expect(groups).toEqual([`\${aws_security_group.${env}_app_security_group.id}`, expect.stringMatching(/aws_security_group_.*app_targets_id\}$/), expect.stringMatching(/aws_security_group_.*_clients_id\}$/)]);
  });

  test('the root volumes use the environment\'s ebs key', () => {
    const json = estateStack(stack);
    expect(json.resource.aws_kms_alias[`${env}_ebs_key_alias`].name).toBe(`alias/palisade/${env}/ebs`);
    expect(json.resource.aws_launch_template[`${env}_app_launch_template`].block_device_mappings[0].ebs.kms_key_id).toBe(`\${aws_kms_key.${env}_ebs_key.arn}`);
  });
});

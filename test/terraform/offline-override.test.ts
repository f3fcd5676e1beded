import { offlineProviderOverride } from '../support/terraform';

describe('the offline override of the terraform test harness', () => {
  const consumer = {
    provider: { aws: [{ region: 'eu-central-1', allowed_account_ids: ['222222222222'] }] },
    data: { terraform_remote_state: { input_network: { backend: 'local', config: { path: '../../../terraform.production-network.tfstate' } } } },
    resource: {
      aws_lb: { edge: { subnets: ['${data.terraform_remote_state.input_network.outputs.out_subnet_a}', '${data.terraform_remote_state.input_network.outputs.out_subnet_b}'] } },
      aws_cloudwatch_log_group: { waf: { kms_key_id: '${data.terraform_remote_state.input_network.outputs.out_key_arn}' } },
      aws_lb_target_group: { app: { vpc_id: '${data.terraform_remote_state.input_network.outputs.out_vpc}', name: '${data.terraform_remote_state.input_network.outputs.out_other}' } },
    },
  };
  const producer = {
    out_subnet_a: { value: '${aws_subnet.production_network_public_a.id}' },
    out_subnet_b: { value: '${aws_subnet.production_network_public_b.id}' },
    out_key_arn: { value: '${aws_kms_key.production_logs_key.arn}' },
    out_vpc: { value: '${aws_vpc.production_network.id}' },
    out_other: { value: '${aws_lb.x.dns_name}' },
    unused: { value: '${aws_vpc.production_network.arn}' },
  };

  test('gives each remote state an empty local state and defaults shaped like the producer outputs it reads', () => {
    const override = offlineProviderOverride(consumer, producer) as any;
    const remote = override.data.terraform_remote_state.input_network;
    expect(remote.backend).toBe('local');
    expect(remote.config).toEqual({ path: 'palisade_offline_empty.tfstate' });
    expect(Object.keys(remote.defaults).sort()).toEqual(['out_key_arn', 'out_other', 'out_subnet_a', 'out_subnet_b', 'out_vpc']);
    expect(remote.defaults.out_subnet_a).toMatch(/^subnet-0ff11e[0-9a-f]{11}$/);
    expect(remote.defaults.out_subnet_a).not.toBe(remote.defaults.out_subnet_b);
    expect(remote.defaults.out_vpc).toMatch(/^vpc-0ff11e[0-9a-f]{11}$/);
    expect(remote.defaults.out_key_arn).toMatch(/^arn:aws:kms:eu-central-1:222222222222:key\/0ff11e00-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(remote.defaults.out_other).toBe('offline-out_other');
  });

  test('is stable from run to run', () => {
    expect(offlineProviderOverride(consumer, producer)).toEqual(offlineProviderOverride(consumer, producer));
  });

  test('a stack without cross-stack references gets only the provider settings', () => {
    expect(Object.keys(offlineProviderOverride({ provider: { aws: [{}] } }))).toEqual(['provider']);
  });
});

import { modelFromDocuments } from '../../../policies/model/load';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { ec2EbsEncrypted } from '../../../policies/rules/pal-ec2-003';

/*
 * Set-typed nested blocks (`ebs_block_device`, `ingress`…) come back from `terraform plan` in Terraform's order, not
 * the configuration's (Terraform 1.11.4 put /dev/sdb before /dev/sdc written the other way round). A written constant
 * fills in only the planned block whose known values agree with the written block, never the block at its position.
 */
type Obj = Record<string, unknown>;

function instancePlan(writtenOrder: Array<'sdb' | 'sdc'>): Obj {
  // sdc is written encrypted = true; sdb's encryption comes from a variable (known only after apply).
  const written: Record<'sdb' | 'sdc', Obj> = {
    sdb: { device_name: { constant_value: '/dev/sdb' }, volume_size: { constant_value: 8 }, encrypted: { references: ['var.encrypt_scratch'] } },
    sdc: { device_name: { constant_value: '/dev/sdc' }, volume_size: { constant_value: 8 }, encrypted: { constant_value: true } },
  };
  // The plan: sdb first, its encryption unknown; sdc second, encrypted.
  const planned = [{ device_name: '/dev/sdb', volume_size: 8 }, { device_name: '/dev/sdc', volume_size: 8, encrypted: true }];
  const values = { ami: 'ami-12345678', instance_type: 't3.micro', ebs_block_device: planned, root_block_device: [{ encrypted: true }] };
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [{ address: 'aws_instance.app', mode: 'managed', type: 'aws_instance', name: 'app', provider_name: 'registry.terraform.io/hashicorp/aws', values }] } },
    resource_changes: [{
      address: 'aws_instance.app', mode: 'managed', type: 'aws_instance', name: 'app', provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after: values, after_unknown: { id: true, ebs_block_device: [{ encrypted: true }, {}], root_block_device: [{}] } },
    }],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: { resources: [{
        address: 'aws_instance.app', mode: 'managed', type: 'aws_instance', name: 'app', provider_config_key: 'aws',
        expressions: { ami: { constant_value: 'ami-12345678' }, instance_type: { constant_value: 't3.micro' }, ebs_block_device: writtenOrder.map((d) => written[d]), root_block_device: [{ encrypted: { constant_value: true } }] },
      }] },
    },
    complete: true,
    errored: false,
  };
}

const model = (plan: Obj) => modelFromDocuments([{ file: 'plan.json', json: plan }]);
const ebsOf = (plan: Obj) => model(plan).resources[0].values.ebs_block_device as Obj[];

describe('plan: set-typed nested blocks are matched by their values, not their position', () => {
  test('sdc written first: its constant stays on sdc, and sdb stays unknown', () => {
    expect(ebsOf(instancePlan(['sdc', 'sdb'])).map((b) => [b.device_name, b.encrypted])).toEqual([['/dev/sdb', '${unknown: var.encrypt_scratch}'], ['/dev/sdc', true]]);
  });

  test('PAL-EC2-003 gives the same verdict for either written order, and never a pass for the unknown volume', () => {
    const verdict = (order: Array<'sdb' | 'sdc'>) => ec2EbsEncrypted.evaluate(model(instancePlan(order)), { allowedRegions: DEFAULT_ALLOWED_REGIONS })[0];
    const [a, b] = [verdict(['sdc', 'sdb']), verdict(['sdb', 'sdc'])];
    expect(a.status).toBe(b.status);
    expect(a.status).not.toBe('compliant');
    expect(a.message).toContain('/dev/sdb');
  });
});

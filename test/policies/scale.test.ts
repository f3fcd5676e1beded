import { runBaseline } from '../../policies/engine';
import { modelFromDocuments } from '../../policies/model/load';
import { ref, StackBuilder } from './fixtures';

function bigStack(groups: number): StackBuilder {
  const s = new StackBuilder('big');
  for (let i = 0; i < groups; i++) {
    s.add('aws_vpc', `v${i}`, { cidr_block: '10.0.0.0/16' });
    s.add('aws_flow_log', `f${i}`, { vpc_id: ref('aws_vpc', `v${i}`), traffic_type: 'ALL' });
    s.add('aws_default_security_group', `d${i}`, { vpc_id: ref('aws_vpc', `v${i}`) });
    s.add('aws_subnet', `s${i}`, { vpc_id: ref('aws_vpc', `v${i}`), tags: { Tier: i % 3 === 0 ? 'data' : 'app' } });
    s.add('aws_network_acl', `n${i}`, { vpc_id: ref('aws_vpc', `v${i}`), subnet_ids: [ref('aws_subnet', `s${i}`)], ingress: [{ rule_no: 100, action: 'allow', cidr_block: '0.0.0.0/0', protocol: 'tcp', from_port: 443, to_port: 443 }] });
    s.add('aws_route_table', `rt${i}`, { vpc_id: ref('aws_vpc', `v${i}`) });
    s.add('aws_route_table_association', `a${i}`, { subnet_id: ref('aws_subnet', `s${i}`), route_table_id: ref('aws_route_table', `rt${i}`) });
    s.add('aws_security_group', `sg${i}`, { description: 'x', vpc_id: ref('aws_vpc', `v${i}`), ingress: [{ description: 'h', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] });
    s.add('aws_kms_key', `k${i}`, { enable_key_rotation: true, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'kms:*', Resource: '*' }] }) });
    s.add('aws_cloudwatch_log_group', `lg${i}`, { name: `app-${i}`, retention_in_days: 30, kms_key_id: ref('aws_kms_key', `k${i}`, 'arn') });
  }
  return s;
}

describe('scale (speed is measured by `npm run bench`, not here)', () => {
  test('10,000 resources are parsed, indexed and checked, every one accounted for', () => {
    const json = bigStack(1000).toJSON();
    const text = JSON.stringify(json, null, 2);
    const model = modelFromDocuments([{ file: 'big.tf.json', json: JSON.parse(text), text }]);
    const report = runBaseline(model, { today: '2026-01-01' });
    expect(model.managedCount).toBe(10000);
    expect(report.findings).toEqual([]);
    expect(report.summary.resourcesScanned).toBe(10000);
  });
});

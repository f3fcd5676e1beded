/** A hardened launch template + Auto Scaling group + antivirus association, as HardenedHostFleet writes them. Tests weaken one thing. */
import { gzipSync } from 'node:zlib';
import { ref, StackBuilder } from '../fixtures';

export const CLOUD_CONFIG = '#cloud-config\npackages:\n  - clamav\nruncmd:\n  - [/usr/local/sbin/palisade-av-bootstrap.sh]\n';

export function hardenedFleet(name = 'prod'): StackBuilder {
  const s = new StackBuilder(name);
  s.add('aws_subnet', 'app_a', { vpc_id: 'vpc-1', cidr_block: '10.0.1.0/24', tags: { Tier: 'app' } });
  s.add('aws_launch_template', 'app', {
    name: 'palisade-prod-app',
    image_id: 'resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
    metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' },
    network_interfaces: [{ device_index: 0, associate_public_ip_address: 'false', security_groups: ['sg-1'] }],
    block_device_mappings: [{ device_name: '/dev/sda1', ebs: { encrypted: 'true', volume_type: 'gp3', kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/k' } }],
    user_data: gzipBase64(CLOUD_CONFIG),
    tag_specifications: [{ resource_type: 'instance', tags: { Tier: 'app', PalisadeFleet: 'app', Antivirus: 'clamav' } }],
    tags: { Name: 'palisade-prod-app', Tier: 'app' },
  });
  s.add('aws_autoscaling_group', 'app', {
    min_size: 2,
    max_size: 4,
    vpc_zone_identifier: [ref('aws_subnet', 'app_a')],
    launch_template: { id: ref('aws_launch_template', 'app'), version: ref('aws_launch_template', 'app', 'latest_version') },
    tag: [{ key: 'PalisadeFleet', value: 'app', propagate_at_launch: true }, { key: 'Tier', value: 'app', propagate_at_launch: true }],
  });
  s.add('aws_ssm_document', 'av_selfcheck', {
    name: 'palisade-prod-app-av-selfcheck',
    document_type: 'Command',
    document_format: 'JSON',
    content: JSON.stringify({ schemaVersion: '2.2', mainSteps: [{ action: 'aws:runShellScript', inputs: { runCommand: ['exec /usr/local/sbin/palisade-av-selfcheck.sh'] } }] }),
    tags: { Antivirus: 'clamav', Tier: 'app' },
  });
  s.add('aws_ssm_association', 'av_daily', {
    name: ref('aws_ssm_document', 'av_selfcheck', 'name'),
    schedule_expression: 'rate(1 day)',
    compliance_severity: 'HIGH',
    targets: [{ key: 'tag:PalisadeFleet', values: ['app'] }],
  });
  return s;
}

export function gzipBase64(text: string): string {
  return gzipSync(Buffer.from(text, 'utf8')).toString('base64');
}

/** A `${base64gzip("…")}` call on a literal, escaped as cdktf + HardenedHostFleet write it. */
export function base64gzipCall(text: string): string {
  const body = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  return `\${base64gzip("${body}")}`;
}

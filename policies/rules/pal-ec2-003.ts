import type { Resource } from '../model/types';
import { asBool, block, blocks, isToken } from '../model/values';
import { launchResources } from './lib/ec2';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

/**
 * Source: AWS FSBP EC2.181 (launch templates encrypt attached EBS volumes; no checkov check exists for launch
 * templates) and checkov CKV_AWS_8 (instances and launch configurations).
 */
export const ec2EbsEncrypted: Rule = {
  id: 'PAL-EC2-003',
  title: 'EBS volumes declared by launch templates, launch configurations and instances are encrypted.',
  rationale: 'Host volumes hold application data, logs and quarantined files; unencrypted volumes and their snapshots expose them to anyone who can read a snapshot or a reused disk.',
  severity: 'high',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_8'], fsbp: ['EC2.181'], cis: [], ccm: ['CEK-03', 'DSP-17'] },
  fixHint: 'Set encrypted = true (and kms_key_id = a customer-managed key) on every ebs block of block_device_mappings, and on root_block_device / ebs_block_device of instances.',
  evaluate(model) {
    const resources = launchResources(model);
    if (resources.length === 0) return [notApplicable('No launch template, launch configuration or instance in scope.')];
    return resources.map((r) => verdict(r));
  },
};

function verdict(r: Resource): RuleResult {
  const volumes: { where: string; encrypted: unknown }[] = [];
  if (r.type === 'aws_launch_template') {
    blocks(r.values.block_device_mappings).forEach((m, i) => {
      const ebs = block(m.ebs);
      if (ebs) volumes.push({ where: `block_device_mappings[${i}] (${String(m.device_name ?? '?')})`, encrypted: ebs.encrypted });
    });
  } else {
    const root = block(r.values.root_block_device);
    volumes.push({ where: 'root_block_device', encrypted: root?.encrypted });
    blocks(r.values.ebs_block_device).forEach((d, i) => volumes.push({ where: `ebs_block_device[${i}] (${String(d.device_name ?? '?')})`, encrypted: d.encrypted }));
  }
  if (volumes.length === 0) {
    return fail(r, `${r.address} declares no EBS volume: the root volume is encrypted only if the AMI or the account's EBS default encryption says so.`, 'low');
  }
  const bad = volumes.filter((v) => asBool(v.encrypted) !== true && !isToken(v.encrypted));
  if (bad.length > 0) return fail(r, `${r.address}: ${bad.map((v) => `${v.where} encrypted = ${v.encrypted === undefined ? 'unset' : JSON.stringify(v.encrypted)}`).join('; ')}.`);
  const unknown = volumes.filter((v) => isToken(v.encrypted));
  if (unknown.length > 0) return fail(r, `${r.address}: encryption of ${unknown.map((v) => v.where).join(', ')} is an expression that cannot be verified.`, 'low');
  return pass(r, `${r.address} encrypts all ${volumes.length} declared EBS volume(s).`);
}

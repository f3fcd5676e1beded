import fc from 'fast-check';
import { runBaseline } from '../../../policies/engine';
import { modelFromDocuments } from '../../../policies/model/load';
import { parseCidr, worldFamilies } from '../../../policies/normal/cidr';
import { naclNoWorldAdminIngress } from '../../../policies/rules/pal-nacl-002';
import { sgNoWorldAdminIngress } from '../../../policies/rules/pal-sg-001';
import { sgDescriptions } from '../../../policies/rules/pal-sg-003';

/** Every way Terraform accepts to write "the whole IPv6 internet" or "the whole IPv4 internet". */
const WORLD_V6 = ['::/0', '::0/0', '0::/0', '0:0:0:0:0:0:0:0/0', '0000:0000:0000:0000:0000:0000:0000:0000/0', '::/0 '];
const WORLD_V4_SPLITS: readonly string[][] = [['0.0.0.0/0'], ['0.0.0.0/1', '128.0.0.0/1'], ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1'], ['1.2.3.4/0']];
// The provider reads numeric protocols as integers (strconv.Atoi): "06", "+6" and "006" are TCP, "-01" is all.
const TCP = ['tcp', 'TCP', '6', 6, '06', '+6', '006'];
const ALL = ['-1', -1, 'all', '-01'];

const spelledPort = (p: number) => fc.constantFrom<unknown>(p, String(p));
const caseOf = (s: string) => fc.boolean().map((up) => (up ? s.toUpperCase() : s));

/** One security group plus ingress rules spread over the resource types that express them. */
function stack(rules: Array<{ kind: 'inline' | 'legacy' | 'vpc'; protocol: unknown; from: unknown; to: unknown; cidrs: readonly string[] }>) {
  const sg: Record<string, unknown> = { name: 'app', vpc_id: 'vpc-1', description: 'app', ingress: [] as unknown[] };
  const legacy: Record<string, unknown> = {};
  const vpcRules: Record<string, unknown> = {};
  rules.forEach((r, i) => {
    const v4 = r.cidrs.filter((c) => !c.includes(':'));
    const v6 = r.cidrs.filter((c) => c.includes(':'));
    if (r.kind === 'inline') (sg.ingress as unknown[]).push({ protocol: r.protocol, from_port: r.from, to_port: r.to, cidr_blocks: v4, ipv6_cidr_blocks: v6, description: 'x' });
    else if (r.kind === 'legacy') legacy[`r${i}`] = { type: 'ingress', security_group_id: '${aws_security_group.app.id}', protocol: r.protocol, from_port: r.from, to_port: r.to, cidr_blocks: v4, ipv6_cidr_blocks: v6, description: 'x' };
    else r.cidrs.forEach((c, j) => (vpcRules[`r${i}_${j}`] = { security_group_id: '${aws_security_group.app.id}', ip_protocol: r.protocol, from_port: r.from, to_port: r.to, [c.includes(':') ? 'cidr_ipv6' : 'cidr_ipv4']: c, description: 'x' }));
  });
  const json = { resource: { aws_security_group: { app: sg }, aws_security_group_rule: legacy, aws_vpc_security_group_ingress_rule: vpcRules } };
  return modelFromDocuments([{ file: 'stack.tf.json', json, stackName: 's' }]);
}

const kind = fc.constantFrom<'inline' | 'legacy' | 'vpc'>('inline', 'legacy', 'vpc');

function verdicts(model: ReturnType<typeof stack>) {
  return runBaseline(model, { rules: [sgNoWorldAdminIngress] }).results.map((r) => r.status);
}

describe('the network normal form: every spelling of the world is the world', () => {
  test('all IPv6 spellings of ::/0 (any case) parse to the same block, which covers every IPv6 address', () => {
    fc.assert(fc.property(fc.constantFrom(...WORLD_V6), fc.boolean(), (c, up) => {
      const parsed = parseCidr(up ? c.toUpperCase() : c);
      expect(parsed?.text).toBe('::/0');
      expect(worldFamilies([parsed!])).toEqual(['IPv6']);
    }));
  });

  test('random equivalent spellings of a world-open SSH rule all fail PAL-SG-001', () => {
    const world = fc.oneof(fc.constantFrom(...WORLD_V4_SPLITS), fc.constantFrom(...WORLD_V6).chain((c) => caseOf(c).map((s) => [s])));
    const ssh = fc.oneof(
      fc.record({ protocol: fc.constantFrom<unknown>(...TCP), from: spelledPort(22), to: spelledPort(22) }),
      fc.record({ protocol: fc.constantFrom<unknown>(...TCP), from: spelledPort(0), to: spelledPort(1024) }),
      fc.record({ protocol: fc.constantFrom<unknown>(...ALL), from: spelledPort(0), to: spelledPort(0) }),
    );
    fc.assert(fc.property(world, ssh, fc.array(kind, { minLength: 1, maxLength: 3 }), (cidrs, spec, kinds) => {
      // Spread the blocks of the world over one to three rules of different kinds on the same group.
      const parts = kinds.map((k, i) => ({ kind: k, ...spec, cidrs: cidrs.filter((_, j) => j % kinds.length === i) })).filter((p) => p.cidrs.length > 0);
      const v = verdicts(stack(parts));
      expect(v).toContain('non-compliant');
    }), { numRuns: 200 });
  });

  test('random equivalent spellings of a safe rule all pass PAL-SG-001', () => {
    const notWorld = fc.constantFrom(['10.0.0.0/8'], ['0.0.0.0/1'], ['128.0.0.0/1', '64.0.0.0/2'], ['::/1'], ['2001:DB8::/32', 'fd00::/8'], ['8000::/1', '0.0.0.0/1']);
    const safe = fc.oneof(
      fc.record({ protocol: fc.constantFrom<unknown>(...TCP), from: spelledPort(443), to: spelledPort(443), cidrs: fc.constantFrom(['0.0.0.0/0'], ['::0/0'], ['0.0.0.0/1', '128.0.0.0/1']) }),
      fc.record({ protocol: fc.constantFrom<unknown>(...ALL), from: spelledPort(0), to: spelledPort(0), cidrs: notWorld }),
      fc.record({ protocol: fc.constantFrom<unknown>(...TCP), from: spelledPort(22), to: spelledPort(22), cidrs: notWorld }),
    );
    fc.assert(fc.property(safe, kind, (spec, k) => {
      const v = verdicts(stack([{ kind: k, ...spec }]));
      expect(v.every((s) => s === 'compliant')).toBe(true);
    }), { numRuns: 200 });
  });

  test('an ingress list written as one expression (`ingress = var.rules`) is unproven for SG-001, SG-003 and NACL-002, not an empty list', () => {
    const json = { resource: {
      aws_security_group: { app: { name: 'app', vpc_id: 'vpc-1', description: 'app', ingress: '${var.rules}' } },
      aws_network_acl: { edge: { vpc_id: 'vpc-1', ingress: '${local.entries}' } },
    } };
    const report = runBaseline(modelFromDocuments([{ file: 'stack.tf.json', json, stackName: 's' }]), { rules: [sgNoWorldAdminIngress, sgDescriptions, naclNoWorldAdminIngress] });
    const verdict = (ruleId: string, resource: string) => report.results.filter((r) => r.ruleId === ruleId && r.resource === resource).map((r) => r.status);
    expect(verdict('PAL-SG-001', 'aws_security_group.app')).toEqual(['unproven']);
    expect(verdict('PAL-SG-003', 'aws_security_group.app')).toEqual(['unproven']);
    expect(verdict('PAL-NACL-002', 'aws_network_acl.edge')).toEqual(['unproven']);
  });

  test('rules on the same group expression decided at apply are one group: halves of the world together are the world', () => {
    const half = (cidr: string) => ({ type: 'ingress', security_group_id: '${var.sg_id}', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: [cidr], description: 'x' });
    const json = { resource: { aws_security_group_rule: { low: half('0.0.0.0/1'), high: half('128.0.0.0/1') } } };
    expect(verdicts(modelFromDocuments([{ file: 'stack.tf.json', json, stackName: 's' }]))).toEqual(['non-compliant', 'non-compliant']);
    const apart = { resource: { aws_security_group_rule: { low: half('0.0.0.0/1'), high: { ...half('128.0.0.0/1'), security_group_id: '${var.other_sg_id}' } } } };
    expect(verdicts(modelFromDocuments([{ file: 'stack.tf.json', json: apart, stackName: 's' }]))).toEqual(['compliant', 'compliant']);
  });

  test('a managed prefix list of the configuration admits the CIDRs of its entries, inline or as entry resources', () => {
    const json = (entries: string[], separate: string[]) => ({ resource: {
      aws_ec2_managed_prefix_list: { admins: { name: 'admins', address_family: 'IPv4', max_entries: 5, entry: entries.map((cidr) => ({ cidr })) } },
      aws_ec2_managed_prefix_list_entry: Object.fromEntries(separate.map((cidr, i) => [`e${i}`, { prefix_list_id: '${aws_ec2_managed_prefix_list.admins.id}', cidr }])),
      aws_security_group: { app: { name: 'app', vpc_id: 'vpc-1', description: 'app', ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, prefix_list_ids: ['${aws_ec2_managed_prefix_list.admins.id}'], description: 'x' }] } },
    } });
    const verdict = (entries: string[], separate: string[] = []) => verdicts(modelFromDocuments([{ file: 'stack.tf.json', json: json(entries, separate), stackName: 's' }]));
    expect(verdict(['0.0.0.0/1', '128.0.0.0/1'])).toEqual(['non-compliant']);
    expect(verdict(['0.0.0.0/1'], ['128.0.0.0/1'])).toEqual(['non-compliant']);
    expect(verdict(['10.0.0.0/8'], ['192.168.0.0/16'])).toEqual(['compliant']);
  });

  test('a CIDR known only after apply on an admin port is unproven, not a pass', () => {
    const v = verdicts(stack([{ kind: 'legacy', protocol: 'tcp', from: 22, to: 22, cidrs: ['${var.admin_cidr}'] }]));
    expect(v).toContain('unproven');
    expect(v).not.toContain('non-compliant');
  });
});

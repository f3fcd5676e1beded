import { sgDescriptions } from '../../../policies/rules/pal-sg-003';
import { sgNoUnrestrictedEgress } from '../../../policies/rules/pal-sg-002';
import { sgNoWorldAdminIngress } from '../../../policies/rules/pal-sg-001';
import { compliantEstate, evaluate, failures, ref, statusOf } from '../fixtures';

describe('PAL-SG-001 world ingress to admin/database ports', () => {
  test('HTTPS from the world and SG-to-SG rules are compliant', () => {
    const r = evaluate(sgNoWorldAdminIngress, compliantEstate());
    expect(failures(r)).toEqual([]);
    expect(statusOf(r, 'aws_security_group.alb')).toBe('compliant');
  });

  test.each([22, 3389, 3306, 5432, 1433, 1521, 6379, 27017, 9200, 11211, 2049, 445, 23, 21])('inline ingress of port %i from 0.0.0.0/0 is non-compliant', (port) => {
    const s = compliantEstate().update('aws_security_group', 'alb', (v) => {
      (v.ingress as unknown[]).push({ description: 'x', from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] });
    });
    const r = evaluate(sgNoWorldAdminIngress, s);
    expect(statusOf(r, 'aws_security_group.alb')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain(String(port));
  });

  test('a port range covering SSH from ::/0 is non-compliant', () => {
    const s = compliantEstate().update('aws_security_group', 'alb', (v) => {
      v.ingress = { description: 'range', from_port: 20, to_port: 30, protocol: '6', ipv6_cidr_blocks: ['::/0'] };
    });
    expect(failures(evaluate(sgNoWorldAdminIngress, s))[0].message).toMatch(/21\/FTP, 22\/SSH, 23\/Telnet from ::\/0/);
  });

  test('protocol -1 from the world opens all ports and is non-compliant', () => {
    const s = compliantEstate().add('aws_security_group_rule', 'all', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'], description: 'all' });
    const r = evaluate(sgNoWorldAdminIngress, s);
    expect(statusOf(r, 'aws_security_group_rule.all')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('all ports');
  });

  test('aws_vpc_security_group_ingress_rule with cidr_ipv4 0.0.0.0/0 to 5432 is non-compliant', () => {
    const s = compliantEstate().add('aws_vpc_security_group_ingress_rule', 'pg', { security_group_id: ref('aws_security_group', 'app'), cidr_ipv4: '0.0.0.0/0', from_port: 5432, to_port: 5432, ip_protocol: 'tcp', description: 'pg' });
    expect(statusOf(evaluate(sgNoWorldAdminIngress, s), 'aws_vpc_security_group_ingress_rule.pg')).toBe('non-compliant');
  });

  test('aws_vpc_security_group_ingress_rule with ip_protocol -1 from ::/0 is non-compliant', () => {
    const s = compliantEstate().add('aws_vpc_security_group_ingress_rule', 'any6', { security_group_id: ref('aws_security_group', 'app'), cidr_ipv6: '::/0', ip_protocol: '-1', description: 'any' });
    expect(statusOf(evaluate(sgNoWorldAdminIngress, s), 'aws_vpc_security_group_ingress_rule.any6')).toBe('non-compliant');
  });

  test('egress-type aws_security_group_rule is not judged as ingress', () => {
    const s = compliantEstate().add('aws_security_group_rule', 'out22', { type: 'egress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'ssh out' });
    const r = evaluate(sgNoWorldAdminIngress, s);
    expect(failures(r)).toEqual([]);
    expect(statusOf(r, 'aws_security_group_rule.out22')).toBeUndefined();
  });

  test('SSH from a private CIDR is compliant', () => {
    const s = compliantEstate().add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'], description: 'bastion' });
    expect(statusOf(evaluate(sgNoWorldAdminIngress, s), 'aws_security_group_rule.ssh')).toBe('compliant');
  });
});

describe('PAL-SG-002 unrestricted egress', () => {
  test('egress to the world on 443 only is compliant', () => {
    expect(failures(evaluate(sgNoUnrestrictedEgress, compliantEstate()))).toEqual([]);
  });

  test('inline egress of protocol -1 to 0.0.0.0/0 is non-compliant', () => {
    const s = compliantEstate().update('aws_security_group', 'alb', (v) => {
      v.egress = [{ description: 'all', from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }];
    });
    expect(statusOf(evaluate(sgNoUnrestrictedEgress, s), 'aws_security_group.alb')).toBe('non-compliant');
  });

  test('aws_vpc_security_group_egress_rule to ::/0 on all TCP ports is non-compliant', () => {
    const s = compliantEstate().add('aws_vpc_security_group_egress_rule', 'all6', { security_group_id: ref('aws_security_group', 'app'), cidr_ipv6: '::/0', from_port: 0, to_port: 65535, ip_protocol: 'tcp', description: 'all' });
    expect(statusOf(evaluate(sgNoUnrestrictedEgress, s), 'aws_vpc_security_group_egress_rule.all6')).toBe('non-compliant');
  });
});

describe('a permission that names no source (no CIDR, prefix list, security group or self)', () => {
  const sourceless = () => compliantEstate().update('aws_security_group', 'alb', (v) => {
    (v.ingress as unknown[]).push({ description: 'x', from_port: 22, to_port: 22, protocol: 'tcp', self: false, cidr_blocks: [] });
  });

  test('is unproven for PAL-SG-001 (what it admits is not in the configuration), never a pass', () => {
    expect(evaluate(sgNoWorldAdminIngress, sourceless()).find((r) => r.resource === 'aws_security_group.alb')).toMatchObject({ status: 'unproven', message: expect.stringMatching(/ingress\[\d+\] names no source/) });
  });

  test('off the admin ports it leaves PAL-SG-001 passing', () => {
    const s = compliantEstate().update('aws_security_group', 'alb', (v) => { (v.ingress as unknown[]).push({ description: 'x', from_port: 8080, to_port: 8080, protocol: 'tcp' }); });
    expect(statusOf(evaluate(sgNoWorldAdminIngress, s), 'aws_security_group.alb')).toBe('compliant');
  });

  test('still needs a description (PAL-SG-003)', () => {
    const s = sourceless().update('aws_security_group', 'alb', (v) => { delete (v.ingress as Array<Record<string, unknown>>).at(-1)!.description; });
    expect(failures(evaluate(sgDescriptions, s))[0].message).toMatch(/ingress\[\d+\] has no description/);
  });
});

describe('PAL-SG-003 descriptions', () => {
  test('groups and rules with descriptions are compliant', () => {
    expect(failures(evaluate(sgDescriptions, compliantEstate()))).toEqual([]);
  });

  test('a group without description and an undescribed inline rule are reported', () => {
    const s = compliantEstate().update('aws_security_group', 'alb', (v) => {
      delete v.description;
      delete (v.ingress as Array<Record<string, unknown>>)[0].description;
    });
    const r = evaluate(sgDescriptions, s);
    expect(failures(r)).toHaveLength(1);
    expect(failures(r)[0].message).toContain('the group has no description');
    expect(failures(r)[0].message).toContain('ingress[0] has no description');
  });

  test('a rule resource with an empty description is non-compliant', () => {
    const s = compliantEstate().update('aws_vpc_security_group_ingress_rule', 'app_from_alb', (v) => (v.description = '  '));
    expect(statusOf(evaluate(sgDescriptions, s), 'aws_vpc_security_group_ingress_rule.app_from_alb')).toBe('non-compliant');
  });
});

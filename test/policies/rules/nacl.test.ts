import { naclNoWorldAdminIngress } from '../../../policies/rules/pal-nacl-002';
import { subnetHasNacl } from '../../../policies/rules/pal-nacl-001';
import { compliantEstate, evaluate, failures, ref, statusOf } from '../fixtures';

describe('PAL-NACL-001 subnets have a network ACL', () => {
  test('subnets listed in subnet_ids or associated by aws_network_acl_association are compliant', () => {
    const r = evaluate(subnetHasNacl, compliantEstate());
    expect(failures(r)).toEqual([]);
    expect(r).toHaveLength(3);
  });

  test('a subnet without any NACL association is non-compliant', () => {
    const r = evaluate(subnetHasNacl, compliantEstate().remove('aws_network_acl_association', 'data'));
    expect(failures(r).map((f) => f.resource)).toEqual(['aws_subnet.data']);
  });

  test('a single (non-list) subnet_ids reference also counts', () => {
    const s = compliantEstate()
      .remove('aws_network_acl_association', 'data')
      .update('aws_network_acl', 'private', (v) => (v.subnet_ids = ref('aws_subnet', 'data')));
    expect(statusOf(evaluate(subnetHasNacl, s), 'aws_subnet.data')).toBe('compliant');
  });
});

describe('PAL-NACL-002 NACL world ingress', () => {
  test('world HTTPS plus ephemeral ports behind an explicit 3389 deny is compliant', () => {
    const r = evaluate(naclNoWorldAdminIngress, compliantEstate());
    expect(failures(r)).toEqual([]);
    expect(statusOf(r, 'aws_network_acl.public')).toBe('compliant');
  });

  test('the ephemeral range from 0.0.0.0/0 without the deny admits 3389 and is non-compliant', () => {
    const s = compliantEstate().update('aws_network_acl', 'public', (v) => {
      (v.ingress as unknown[]).splice(1, 1);
    });
    const r = evaluate(naclNoWorldAdminIngress, s);
    expect(statusOf(r, 'aws_network_acl.public')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('3389/tcp');
  });

  test('an inline ingress block (single object) allowing SSH from ::/0 is non-compliant', () => {
    const s = compliantEstate().update('aws_network_acl', 'private', (v) => {
      v.ingress = { rule_no: 50, action: 'allow', ipv6_cidr_block: '::/0', protocol: '6', from_port: 22, to_port: 22 };
    });
    const r = evaluate(naclNoWorldAdminIngress, s);
    expect(failures(r)[0].message).toContain('22/tcp');
  });

  test('an aws_network_acl_rule allowing all protocols from the world is non-compliant', () => {
    const s = compliantEstate().add('aws_network_acl_rule', 'open', { network_acl_id: ref('aws_network_acl', 'private'), rule_number: 90, egress: false, protocol: '-1', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 });
    const r = evaluate(naclNoWorldAdminIngress, s);
    expect(statusOf(r, 'aws_network_acl.private')).toBe('non-compliant');
    expect(failures(r)[0].message).toContain('all ports');
  });

  test('a world deny at a lower rule number shadows a later allow-all', () => {
    const s = compliantEstate().update('aws_network_acl', 'private', (v) => {
      v.ingress = [
        { rule_no: 10, action: 'deny', cidr_block: '0.0.0.0/0', protocol: '-1', from_port: 0, to_port: 0 },
        { rule_no: 20, action: 'allow', cidr_block: '0.0.0.0/0', protocol: '-1', from_port: 0, to_port: 0 },
      ];
    });
    expect(statusOf(evaluate(naclNoWorldAdminIngress, s), 'aws_network_acl.private')).toBe('compliant');
  });

  test('a deny of one protocol does not shadow a later allow of another: a UDP deny lets TCP through', () => {
    const acl = (deny: Record<string, unknown>) => compliantEstate().update('aws_network_acl', 'private', (v) => {
      v.ingress = [
        { rule_no: 10, action: 'deny', cidr_block: '0.0.0.0/0', ...deny },
        { rule_no: 20, action: 'allow', cidr_block: '0.0.0.0/0', protocol: '-1', from_port: 0, to_port: 0 },
      ];
    });
    const verdict = (deny: Record<string, unknown>) => statusOf(evaluate(naclNoWorldAdminIngress, acl(deny)), 'aws_network_acl.private');
    expect(verdict({ protocol: 'udp', from_port: 0, to_port: 65535 })).toBe('non-compliant');
    expect(verdict({ protocol: '17', from_port: 3389, to_port: 3389 })).toBe('non-compliant');
    expect(verdict({ protocol: 'tcp', from_port: 0, to_port: 65535 })).toBe('non-compliant'); // UDP still admitted on every port
    expect(verdict({ protocol: '06', from_port: 0, to_port: 65535 })).toBe('non-compliant');
    expect(verdict({ protocol: '-1', from_port: 0, to_port: 0 })).toBe('compliant');
  });

  test('numeric protocols are read as the provider reads them (integers): "06" is TCP, "-01" all', () => {
    const rule = (protocol: unknown) => compliantEstate().add('aws_network_acl_rule', 'r', { network_acl_id: 'acl-123', rule_number: 5, egress: false, protocol, rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 });
    for (const p of ['06', '+6', '006', '-01']) expect(statusOf(evaluate(naclNoWorldAdminIngress, rule(p)), 'aws_network_acl_rule.r')).toBe('non-compliant');
    expect(statusOf(evaluate(naclNoWorldAdminIngress, rule('1')), 'aws_network_acl_rule.r')).toBe('compliant'); // ICMP
  });

  test('egress = "1" is egress (Terraform converts "1" to true), not judged as ingress', () => {
    const s = compliantEstate().add('aws_network_acl_rule', 'out', { network_acl_id: 'acl-123', rule_number: 5, egress: '1', protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 });
    expect(statusOf(evaluate(naclNoWorldAdminIngress, s), 'aws_network_acl_rule.out')).not.toBe('non-compliant');
  });

  test('rules added to an unadopted VPC default ACL are judged behind the allow-all entry AWS created at rule 100', () => {
    const onDefault = (ruleNumber: number) => compliantEstate().add('aws_network_acl_rule', 'deny_ssh', { network_acl_id: ref('aws_vpc', 'main', 'default_network_acl_id'), rule_number: ruleNumber, egress: false, protocol: 'tcp', rule_action: 'deny', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 });
    const r = evaluate(naclNoWorldAdminIngress, onDefault(200));
    expect(statusOf(r, 'aws_network_acl_rule.deny_ssh')).toBe('non-compliant');
    expect(r.find((x) => x.resource === 'aws_network_acl_rule.deny_ssh')?.message).toContain("the default ACL's own entry, rule 100");
    // A deny numbered before 100 still leaves every other port, 3389 included, open: non-compliant either way.
    expect(statusOf(evaluate(naclNoWorldAdminIngress, onDefault(50)), 'aws_network_acl_rule.deny_ssh')).toBe('non-compliant');
  });

  test('egress rules are not judged as ingress', () => {
    const r = evaluate(naclNoWorldAdminIngress, compliantEstate());
    expect(statusOf(r, 'aws_network_acl.public')).toBe('compliant'); // egress allows -1 to the world
  });

  test('a NACL rule whose ACL is outside the model is still judged on its own', () => {
    const s = compliantEstate().add('aws_network_acl_rule', 'foreign', { network_acl_id: 'acl-123', rule_number: 5, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 20, to_port: 25 });
    expect(statusOf(evaluate(naclNoWorldAdminIngress, s), 'aws_network_acl_rule.foreign')).toBe('non-compliant');
  });
});

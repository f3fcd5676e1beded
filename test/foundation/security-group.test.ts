import { LeastPrivilegeSecurityGroup, Peer } from '../../constructs/network/security-group';
import { Testing } from '../../constructs/framework';
import { PalisadeStack } from '../../stacks/palisade-stack';
import { resourcesOf, synthStack, testEnvironment } from '../support/synth';

function setup() {
  const stack = new PalisadeStack(Testing.app(), { environment: testEnvironment(), component: 'sg' });
  const make = (id: string, tier: string) => new LeastPrivilegeSecurityGroup(stack, id, { vpcId: 'vpc-123', name: id, description: `${id} hosts`, tier });
  return { stack, alb: make('alb', 'public'), app: make('app', 'app'), db: make('db', 'data') };
}

describe('LeastPrivilegeSecurityGroup', () => {
  test('a new group has no rules: ingress and egress are closed until a rule opens them', () => {
    const { stack } = setup();
    const json = synthStack(stack);
    for (const group of Object.values(resourcesOf(json, 'aws_security_group'))) {
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
      expect(group.description).toMatch(/hosts$/);
    }
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
  });

  test('connect() opens egress on the source and ingress on the target, group to group, with the reason as description', () => {
    const { stack, app, db } = setup();
    LeastPrivilegeSecurityGroup.connect(app, db, 5432, 'App reads and writes the database');
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      test_app_egress_db_5432: expect.objectContaining({
        security_group_id: '${aws_security_group.test_app.id}',
        referenced_security_group_id: '${aws_security_group.test_db.id}',
        from_port: 5432, to_port: 5432, ip_protocol: 'tcp', description: 'App reads and writes the database',
      }),
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual({
      test_db_ingress_app_5432: expect.objectContaining({
        security_group_id: '${aws_security_group.test_db.id}',
        referenced_security_group_id: '${aws_security_group.test_app.id}',
        description: 'App reads and writes the database',
      }),
    });
  });

  test('HTTPS from the internet to a load balancer is allowed without an exception', () => {
    const { stack, alb } = setup();
    alb.allowIngress(Peer.anyIpv4(), 443, { reason: 'Public HTTPS' });
    alb.allowIngress(Peer.anyIpv6(), 443, { reason: 'Public HTTPS (IPv6)' });
    const rules = resourcesOf(synthStack(stack), 'aws_vpc_security_group_ingress_rule');
    expect(rules.test_alb_ingress_internet_443.cidr_ipv4).toBe('0.0.0.0/0');
    expect(rules.test_alb_ingress_internet_v6_443.cidr_ipv6).toBe('::/0');
  });

  describe('refuses', () => {
    test.each([22, 3389, { from: 20, to: 25 }, 'all' as const])('SSH or RDP from anywhere, even a security group (%p)', (port) => {
      const { app, alb } = setup();
      expect(() => app.allowIngress(Peer.securityGroup(alb), port, { reason: 'admin' })).toThrow(/port = .*: SSH \(22\) and RDP \(3389\) are never opened/);
    });

    test.each([5432, 3306, 6379, 27017])('a database port (%p) open to the world without a stated exception', (port) => {
      const { db } = setup();
      expect(() => db.allowIngress(Peer.anyIpv4(), port, { reason: 'clients' })).toThrow(`test-sg/db (ingress internet): port = ${port}: opening an administration/database port`);
    });

    test('a rule without a reason', () => {
      const { app, db } = setup();
      expect(() => app.allowEgress(Peer.securityGroup(db), 5432, { reason: ' ' })).toThrow(/reason = " ": every security group rule needs a stated reason/);
    });

    test('ports outside 1–65535 and descending ranges', () => {
      const { app, db } = setup();
      expect(() => app.allowEgress(Peer.securityGroup(db), 70000, { reason: 'x' })).toThrow(/port = 70000/);
      expect(() => app.allowEgress(Peer.securityGroup(db), { from: 600, to: 500 }, { reason: 'x' })).toThrow(/port = \{"from":600,"to":500\}/);
    });
  });

  test('a world-open database rule with a reasoned exception is created and the exception is in its description', () => {
    const { stack, db } = setup();
    db.allowIngress(Peer.anyIpv4(), 5432, { reason: 'Public read replica', worldOpenException: { reason: 'Open-data mirror, ticket SEC-42' } });
    const rule = resourcesOf(synthStack(stack), 'aws_vpc_security_group_ingress_rule').test_db_ingress_internet_5432;
    expect(rule.description).toBe('Public read replica (exception: Open-data mirror, ticket SEC-42)');
  });
});

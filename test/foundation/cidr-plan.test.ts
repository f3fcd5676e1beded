import fc from 'fast-check';
import { Netmask } from 'netmask';
import { planSubnets, TierSpec } from '../../constructs/network/cidr-plan';
import { PalisadeConfigError } from '../../constructs/errors';

const AZS3 = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const THREE_TIERS: TierSpec[] = [
  { name: 'public', kind: 'public' },
  { name: 'app', kind: 'private' },
  { name: 'data', kind: 'isolated' },
];

function overlapping(a: string, b: string) {
  const x = new Netmask(a);
  const y = new Netmask(b);
  return x.contains(y) || y.contains(x);
}

describe('planSubnets', () => {
  test('plans one subnet per tier and AZ with the default sizes, all inside the VPC and disjoint', () => {
    const plan = planSubnets('vpc', '10.0.0.0/16', AZS3, THREE_TIERS);
    const all = plan.flatMap((t) => t.subnets.map((s) => s.cidr));
    expect(plan.map((t) => t.subnets.map((s) => s.cidr.split('/')[1]))).toEqual([['24', '24', '24'], ['20', '20', '20'], ['22', '22', '22']]);
    all.forEach((cidr) => expect(new Netmask('10.0.0.0/16').contains(new Netmask(cidr))).toBe(true));
    all.forEach((a, i) => all.slice(i + 1).forEach((b) => expect(overlapping(a, b)).toBe(false)));
  });

  test('names each tier by one reserved block that covers exactly its subnets', () => {
    const plan = planSubnets('vpc', '10.0.0.0/16', AZS3, THREE_TIERS);
    for (const tier of plan) {
      expect(tier.ranges).toHaveLength(1);
      tier.subnets.forEach((s) => expect(new Netmask(tier.ranges[0]).contains(new Netmask(s.cidr))).toBe(true));
    }
    plan.forEach((a, i) => plan.slice(i + 1).forEach((b) => expect(overlapping(a.ranges[0], b.ranges[0])).toBe(false)));
  });

  test('uses explicit subnet CIDRs as given and plans the other tiers around them', () => {
    const tiers: TierSpec[] = [{ name: 'public', kind: 'public', subnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'] }, { name: 'app', kind: 'private', subnetPrefixLength: 24 }];
    const plan = planSubnets('vpc', '10.0.0.0/20', ['eu-west-1a', 'eu-west-1b'], tiers);
    expect(plan[0].subnets.map((s) => s.cidr)).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    plan[1].subnets.forEach((s) => plan[0].subnets.forEach((p) => expect(overlapping(s.cidr, p.cidr)).toBe(false)));
  });

  describe('refuses, naming the field and the bad value', () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['an unparsable VPC CIDR', () => planSubnets('vpc', '10.0.0/16', AZS3, THREE_TIERS), /vpc: cidr = "10.0.0\/16": not an IPv4 CIDR/],
      ['an octet over 255', () => planSubnets('vpc', '10.0.300.0/16', AZS3, THREE_TIERS), /cidr = "10.0.300.0\/16"/],
      ['host bits set in the VPC CIDR', () => planSubnets('vpc', '10.0.0.5/16', AZS3, THREE_TIERS), /host bits are set; the network address is 10.0.0.0\/16/],
      ['a VPC larger than /16', () => planSubnets('vpc', '10.0.0.0/8', AZS3, THREE_TIERS), /cidr = "10.0.0.0\/8": AWS accepts VPC blocks from \/16 to \/28/],
      ['an explicit subnet outside the VPC', () => planSubnets('vpc', '10.0.0.0/16', ['a1a', 'a1b'], [{ name: 'public', kind: 'public', subnetCidrs: ['10.0.0.0/24', '10.1.0.0/24'] }]), /tiers\[0\]\.subnetCidrs\[1\] = "10.1.0.0\/24": not inside the VPC CIDR 10.0.0.0\/16/],
      ['overlapping explicit subnets', () => planSubnets('vpc', '10.0.0.0/16', ['a1a', 'a1b'], [{ name: 'public', kind: 'public', subnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] }]), /subnetCidrs\[1\] = "10.0.0.128\/25": overlaps tiers\[0\]\.subnetCidrs\[0\]/],
      ['explicit CIDRs not one per AZ', () => planSubnets('vpc', '10.0.0.0/16', AZS3, [{ name: 'public', kind: 'public', subnetCidrs: ['10.0.0.0/24'] }]), /needs exactly one CIDR per AZ \(3\)/],
      ['a plan that does not fit', () => planSubnets('vpc', '10.0.0.0/20', AZS3, THREE_TIERS), /tiers\[1\]\.subnetPrefixLength = 20: 3 subnets of \/20 do not fit/],
      ['a plan that runs out of space', () => planSubnets('vpc', '10.0.0.0/22', ['a1a', 'a1b'], [{ name: 'a', kind: 'private', subnetPrefixLength: 24 }, { name: 'b', kind: 'private', subnetPrefixLength: 24 }, { name: 'c', kind: 'private', subnetPrefixLength: 24 }]), /tiers\[2\]\.subnetPrefixLength = 24: no free \/23 left/],
      ['a subnet smaller than /28', () => planSubnets('vpc', '10.0.0.0/16', AZS3, [{ name: 'app', kind: 'private', subnetPrefixLength: 29 }]), /subnetPrefixLength = 29: must be a whole number from \/16 \(the VPC\) to \/28/],
    ];
    test.each(cases)('%s', (_name, run, message) => {
      expect(run).toThrow(PalisadeConfigError);
      expect(run).toThrow(message);
    });
  });

  describe('properties over random plans', () => {
    const prefix = fc.integer({ min: 16, max: 28 });
    const tierArb = fc.record({ kind: fc.constantFrom('public', 'private', 'isolated' as const), subnetPrefixLength: fc.integer({ min: 14, max: 30 }) });
    const planArb = fc.record({
      octets: fc.tuple(fc.constantFrom(10, 172, 192), fc.integer({ min: 0, max: 255 })),
      vpcPrefix: prefix,
      azCount: fc.integer({ min: 2, max: 6 }),
      tiers: fc.array(tierArb, { minLength: 1, maxLength: 4 }),
    });

    test('every plan either yields disjoint subnets inside the VPC or raises a PalisadeConfigError — never a crash', () => {
      fc.assert(fc.property(planArb, ({ octets, vpcPrefix, azCount, tiers }) => {
        const vpc = new Netmask(`${octets[0]}.${octets[1]}.0.0/${vpcPrefix}`).toString();
        const azs = 'abcdef'.slice(0, azCount).split('').map((l) => `eu-west-1${l}`);
        const specs = tiers.map((t, i) => ({ name: `t${i}`, kind: t.kind, subnetPrefixLength: t.subnetPrefixLength }));
        let plan;
        try {
          plan = planSubnets('vpc', vpc, azs, specs);
        } catch (error) {
          expect(error).toBeInstanceOf(PalisadeConfigError);
          return;
        }
        const cidrs = plan.flatMap((t) => t.subnets.map((s) => s.cidr));
        expect(cidrs).toHaveLength(azCount * tiers.length);
        cidrs.forEach((c) => expect(new Netmask(vpc).contains(new Netmask(c))).toBe(true));
        cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => expect(overlapping(a, b)).toBe(false)));
      }), { numRuns: 300 });
    });

    test('random strings as CIDRs are refused with a PalisadeConfigError, never a crash', () => {
      fc.assert(fc.property(fc.string(), (cidr) => {
        try {
          planSubnets('vpc', cidr, AZS3, THREE_TIERS);
        } catch (error) {
          expect(error).toBeInstanceOf(PalisadeConfigError);
        }
      }), { numRuns: 300 });
    });
  });
});

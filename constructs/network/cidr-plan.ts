import { Netmask, ip2long } from 'netmask';
import { PalisadeConfigError } from '../errors';

/** How a tier reaches (or does not reach) the internet. */
export type TierKind = 'public' | 'private' | 'isolated';

/** One network tier spread across every availability zone of the VPC. */
export interface TierSpec {
  /** Tier name, used in resource addresses (`public`, `app`, `data`). Lower-case letters and digits. */
  readonly name: string;
  /** `public`: load balancers and NAT only; `private`: egress via NAT; `isolated`: no route off the VPC. */
  readonly kind: TierKind;
  /**
   * Prefix length of each subnet of the tier (one subnet per AZ), planned from the VPC CIDR.
   * @default 24 for public, 20 for private, 22 for isolated tiers
   */
  readonly subnetPrefixLength?: number;
  /**
   * Explicit subnet CIDRs, one per AZ in AZ order. Takes precedence over `subnetPrefixLength`.
   * @default planned from the VPC CIDR
   */
  readonly subnetCidrs?: string[];
}

export interface PlannedSubnet {
  readonly availabilityZone: string;
  /** `a`, `b`, … — the AZ's letter, used in stable resource names. */
  readonly azSuffix: string;
  readonly cidr: string;
}

export interface PlannedTier {
  readonly name: string;
  readonly kind: TierKind;
  readonly subnets: PlannedSubnet[];
  /** The fewest CIDR blocks covering exactly the tier's subnets: what NACL entries name. */
  readonly ranges: string[];
}

const DEFAULT_PREFIX: Record<TierKind, number> = { public: 24, private: 20, isolated: 22 };
/** AWS accepts VPC and subnet blocks between /16 and /28. */
const MIN_PREFIX = 16;
const MAX_PREFIX = 28;

/** Parses a CIDR, refusing anything not written in its canonical form (`10.0.0.5/16` is refused). */
export function parseCidr(where: string, field: string, value: string): Netmask {
  const shape = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!shape || shape.slice(1, 5).some((octet) => Number(octet) > 255) || Number(shape[5]) > 32) {
    throw new PalisadeConfigError(where, field, value, 'not an IPv4 CIDR block such as "10.0.0.0/16"');
  }
  const block = new Netmask(value);
  const written = value.split('/')[0];
  if (block.base !== written) {
    throw new PalisadeConfigError(where, field, value, `host bits are set; the network address is ${block.toString()}`);
  }
  return block;
}

export function overlaps(a: Netmask, b: Netmask): boolean {
  return a.contains(b) || b.contains(a);
}

/** The AZ letter of `eu-west-1a` → `a`; explicit zone ids fall back to their position. */
export function azSuffix(availabilityZone: string, index: number): string {
  const letter = /[a-z]$/.exec(availabilityZone)?.[0];
  return letter ?? String.fromCharCode(97 + index);
}

/**
 * Plans every tier's subnets inside the VPC CIDR.
 *
 * Planned tiers get one aligned block each (in tier order), split into one subnet per AZ, so a whole tier is
 * one CIDR in NACL entries. Explicit CIDRs are checked, never adjusted.
 */
export function planSubnets(where: string, vpcCidr: string, availabilityZones: string[], tiers: TierSpec[]): PlannedTier[] {
  const vpc = parseCidr(where, 'cidr', vpcCidr);
  if (vpc.bitmask < MIN_PREFIX || vpc.bitmask > MAX_PREFIX) {
    throw new PalisadeConfigError(where, 'cidr', vpcCidr, `AWS accepts VPC blocks from /${MIN_PREFIX} to /${MAX_PREFIX}`);
  }
  const azCount = availabilityZones.length;
  const taken: { block: Netmask; field: string }[] = [];
  const claim = (block: Netmask, field: string, value: string) => {
    if (!vpc.contains(block)) {
      throw new PalisadeConfigError(where, field, value, `not inside the VPC CIDR ${vpc.toString()}`);
    }
    const clash = taken.find((t) => overlaps(t.block, block));
    if (clash) {
      throw new PalisadeConfigError(where, field, value, `overlaps ${clash.field} (${clash.block.toString()})`);
    }
    taken.push({ block, field });
  };

  // Explicit CIDRs first, so planned tiers flow around them.
  const explicit = new Map<string, PlannedTier>();
  tiers.forEach((tier, t) => {
    if (!tier.subnetCidrs) return;
    if (tier.subnetCidrs.length !== azCount) {
      throw new PalisadeConfigError(where, `tiers[${t}].subnetCidrs`, tier.subnetCidrs, `needs exactly one CIDR per AZ (${azCount})`);
    }
    const subnets = tier.subnetCidrs.map((cidr, i) => {
      const field = `tiers[${t}].subnetCidrs[${i}]`;
      const block = parseCidr(where, field, cidr);
      if (block.bitmask > MAX_PREFIX) {
        throw new PalisadeConfigError(where, field, cidr, `AWS subnets are /${MAX_PREFIX} or larger`);
      }
      claim(block, field, cidr);
      return { availabilityZone: availabilityZones[i], azSuffix: azSuffix(availabilityZones[i], i), cidr: block.toString() };
    });
    explicit.set(tier.name, { name: tier.name, kind: tier.kind, subnets, ranges: subnets.map((s) => s.cidr) });
  });

  const azBits = Math.ceil(Math.log2(azCount));
  return tiers.map((tier, t) => {
    const done = explicit.get(tier.name);
    if (done) return done;
    const field = `tiers[${t}].subnetPrefixLength`;
    const prefix = tier.subnetPrefixLength ?? DEFAULT_PREFIX[tier.kind];
    if (!Number.isInteger(prefix) || prefix < vpc.bitmask || prefix > MAX_PREFIX) {
      throw new PalisadeConfigError(where, field, prefix, `must be a whole number from /${vpc.bitmask} (the VPC) to /${MAX_PREFIX}`);
    }
    const blockPrefix = prefix - azBits;
    if (blockPrefix < vpc.bitmask) {
      throw new PalisadeConfigError(where, field, prefix, `${azCount} subnets of /${prefix} do not fit in the VPC CIDR ${vpc.toString()}`);
    }
    const block = firstFreeBlock(vpc, blockPrefix, taken.map((x) => x.block));
    if (!block) {
      throw new PalisadeConfigError(where, field, prefix,
        `no free /${blockPrefix} left in ${vpc.toString()} for ${azCount} subnets of /${prefix} (tier "${tier.name}"); use a larger VPC CIDR or smaller subnets`);
    }
    taken.push({ block, field: `tiers[${t}] (planned)` });
    let subnet = new Netmask(block.base, prefix);
    const subnets: PlannedSubnet[] = availabilityZones.map((az, i) => {
      const planned = { availabilityZone: az, azSuffix: azSuffix(az, i), cidr: subnet.toString() };
      subnet = subnet.next();
      return planned;
    });
    // The whole block is reserved for the tier (spare slots stay unallocated), so one CIDR names it in NACLs.
    return { name: tier.name, kind: tier.kind, subnets, ranges: [block.toString()] };
  });
}

/** Lowest aligned block of the given size inside `within` that overlaps none of `taken`. */
function firstFreeBlock(within: Netmask, prefix: number, taken: Netmask[]): Netmask | undefined {
  let candidate: Netmask | undefined = new Netmask(within.base, prefix);
  const end = ip2long(within.broadcast ?? within.last);
  while (candidate && ip2long(candidate.base) <= end) {
    const current: Netmask = candidate;
    if (!within.contains(current)) return undefined;
    if (!taken.some((t) => overlaps(t, current))) return current;
    candidate = current.next();
  }
  return undefined;
}

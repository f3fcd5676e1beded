import { REMOTE_ADMIN_PORTS } from '../../policies/facts';
import { PalisadeConfigError } from '../errors';
import { PlannedTier } from './cidr-plan';

/** The source name for traffic from anywhere on the internet. */
export const INTERNET = 'internet';
const WORLD = '0.0.0.0/0';
/** Return traffic of TCP connections lands on these client ports (Linux, ELB and NAT gateway ranges). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;
/** Ports no Palisade NACL or security group ever opens: host access is via SSM Session Manager. */
export const FORBIDDEN_ADMIN_PORTS = REMOTE_ADMIN_PORTS;
/** AWS's default quota of rules per NACL and direction. */
export const MAX_NACL_RULES_PER_DIRECTION = 20;

/** "Traffic may flow from tier X (or the internet) to tier Y on these ports, because …". */
export interface TierFlow {
  /** Source tier name, or `internet`. */
  readonly from: string;
  /** Destination tier name. */
  readonly to: string;
  /** TCP ports the destination listens on. */
  readonly ports: number[];
  /** Why this path exists; becomes the description of the rules it creates. */
  readonly reason: string;
}

export interface NaclEntry {
  readonly direction: 'ingress' | 'egress';
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly reason: string;
}

export interface NaclPlanOptions {
  /** Ports private tiers may reach on the internet through NAT. */
  readonly internetEgressPorts: number[];
  /** Tier whose subnets hold the interface-endpoint ENIs, if any. */
  readonly endpointTier?: string;
  /** Tiers whose hosts call the interface endpoints. */
  readonly endpointClientTiers: string[];
}

/**
 * Turns the tier-flow matrix into deny-by-default NACL entries per tier.
 *
 * NACLs are stateless, so every allowed connection needs its request path on both sides and its
 * return path (ephemeral ports) on both sides. Everything not derived here is denied.
 */
export function planNaclEntries(where: string, tiers: PlannedTier[], flows: TierFlow[], options: NaclPlanOptions): Map<string, NaclEntry[]> {
  const byName = new Map(tiers.map((t) => [t.name, t]));
  validateFlows(where, byName, flows, options);

  const rangesOf = (name: string) => (name === INTERNET ? [WORLD] : byName.get(name)!.ranges);
  const entries = new Map<string, NaclEntry[]>(tiers.map((t) => [t.name, []]));
  const add = (tier: string, direction: NaclEntry['direction'], cidrs: string[], ports: number[] | 'ephemeral', reason: string) => {
    const list = entries.get(tier)!;
    for (const cidr of cidrs) {
      const spans = ports === 'ephemeral' ? [[EPHEMERAL_PORTS.from, EPHEMERAL_PORTS.to]] : ports.map((p) => [p, p]);
      for (const [fromPort, toPort] of spans) {
        const duplicate = list.some((e) => e.direction === direction && e.cidr === cidr && e.fromPort === fromPort && e.toPort === toPort);
        if (!duplicate) list.push({ direction, action: 'allow', cidr, fromPort, toPort, reason });
      }
    }
  };

  for (const flow of flows) {
    add(flow.to, 'ingress', rangesOf(flow.from), flow.ports, flow.reason);
    add(flow.to, 'egress', rangesOf(flow.from), 'ephemeral', `Return traffic: ${flow.reason}`);
    if (flow.from !== INTERNET) {
      add(flow.from, 'egress', rangesOf(flow.to), flow.ports, flow.reason);
      add(flow.from, 'ingress', rangesOf(flow.to), 'ephemeral', `Return traffic: ${flow.reason}`);
    }
  }

  const privateTiers = tiers.filter((t) => t.kind === 'private');
  const publicTiers = tiers.filter((t) => t.kind === 'public');
  for (const tier of privateTiers) {
    add(tier.name, 'egress', [WORLD], options.internetEgressPorts, 'Outbound internet through the NAT gateway');
    add(tier.name, 'ingress', [WORLD], 'ephemeral', 'Return traffic from the internet through the NAT gateway');
  }
  if (privateTiers.length > 0) {
    // The NAT gateways live in the public tier: they receive private tiers' requests and forward them out.
    for (const tier of publicTiers) {
      const privateRanges = privateTiers.flatMap((t) => t.ranges);
      add(tier.name, 'ingress', privateRanges, options.internetEgressPorts, 'Private tiers reaching the NAT gateway');
      add(tier.name, 'egress', [WORLD], options.internetEgressPorts, 'NAT gateway forwarding to the internet');
      add(tier.name, 'ingress', [WORLD], 'ephemeral', 'Return traffic from the internet to the NAT gateway');
      add(tier.name, 'egress', privateRanges, 'ephemeral', 'NAT gateway returning traffic to private tiers');
    }
  }

  if (options.endpointTier) {
    for (const client of options.endpointClientTiers) {
      const reason = `Tier ${client} calling AWS APIs through interface endpoints`;
      add(options.endpointTier, 'ingress', rangesOf(client), [443], reason);
      add(options.endpointTier, 'egress', rangesOf(client), 'ephemeral', `Return traffic: ${reason}`);
      if (client !== options.endpointTier) {
        add(client, 'egress', rangesOf(options.endpointTier), [443], reason);
        add(client, 'ingress', rangesOf(options.endpointTier), 'ephemeral', `Return traffic: ${reason}`);
      }
    }
  }

  // Return-traffic ranges from the internet span 22 and 3389 too: deny those first (lower rule numbers win),
  // so no NACL lets the world reach SSH or RDP even through an ephemeral range (CIS 5.1, FSBP EC2.21).
  for (const [tier, list] of entries) {
    const worldIngressCoversAdmin = list.some((e) => e.direction === 'ingress' && e.cidr === WORLD && FORBIDDEN_ADMIN_PORTS.some((p) => e.fromPort <= p && e.toPort >= p));
    if (worldIngressCoversAdmin) {
      const denies: NaclEntry[] = FORBIDDEN_ADMIN_PORTS.map((port) => ({ direction: 'ingress', action: 'deny', cidr: WORLD, fromPort: port, toPort: port, reason: 'SSH and RDP are never reachable from the internet' }));
      entries.set(tier, [...denies, ...list]);
    }
  }

  for (const [tier, list] of entries) {
    for (const direction of ['ingress', 'egress'] as const) {
      const count = list.filter((e) => e.direction === direction).length;
      if (count > MAX_NACL_RULES_PER_DIRECTION) {
        throw new PalisadeConfigError(where, 'flows', flows.map((f) => `${f.from}->${f.to}:${f.ports.join('/')}`),
          `tier "${tier}" would need ${count} ${direction} NACL rules; AWS allows ${MAX_NACL_RULES_PER_DIRECTION} by default. Use fewer ports or planned (contiguous) tier CIDRs`);
      }
    }
  }
  return entries;
}

function validateFlows(where: string, tiers: Map<string, PlannedTier>, flows: TierFlow[], options: NaclPlanOptions) {
  flows.forEach((flow, i) => {
    const field = `flows[${i}]`;
    if (flow.from !== INTERNET && !tiers.has(flow.from)) {
      throw new PalisadeConfigError(where, `${field}.from`, flow.from, `not a tier of this VPC (${[...tiers.keys()].join(', ')}) nor "${INTERNET}"`);
    }
    const target = tiers.get(flow.to);
    if (!target) {
      throw new PalisadeConfigError(where, `${field}.to`, flow.to, `not a tier of this VPC (${[...tiers.keys()].join(', ')})`);
    }
    if (flow.from === INTERNET && target.kind !== 'public') {
      throw new PalisadeConfigError(where, `${field}.to`, flow.to, `only public tiers may receive traffic from the internet; "${flow.to}" is ${target.kind}`);
    }
    if (!flow.reason || !flow.reason.trim()) {
      throw new PalisadeConfigError(where, `${field}.reason`, flow.reason, 'every network path needs a stated reason');
    }
    checkPorts(where, `${field}.ports`, flow.ports);
  });
  checkPorts(where, 'internetEgressPorts', options.internetEgressPorts);
  for (const tier of [options.endpointTier, ...options.endpointClientTiers]) {
    if (tier !== undefined && !tiers.has(tier)) {
      throw new PalisadeConfigError(where, 'endpointTier', tier, `not a tier of this VPC (${[...tiers.keys()].join(', ')})`);
    }
  }
}

function checkPorts(where: string, field: string, ports: number[]) {
  if (ports.length === 0) throw new PalisadeConfigError(where, field, ports, 'needs at least one port');
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new PalisadeConfigError(where, field, port, 'ports are whole numbers from 1 to 65535');
    }
    if ((FORBIDDEN_ADMIN_PORTS as readonly number[]).includes(port)) {
      throw new PalisadeConfigError(where, field, port, 'SSH and RDP are never opened; reach hosts through SSM Session Manager');
    }
  }
}

import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ADMIN_PORTS, REMOTE_ADMIN_PORTS } from '../../policies/facts';
import { resourceTags } from '../common/tags';
import { PalisadeConfigError } from '../errors';
import { Construct } from '../framework';
import { FORBIDDEN_ADMIN_PORTS } from './tier-flows';

/** Ports of administration and database services: never open to the whole internet without a stated exception. */
export const SENSITIVE_PORTS: readonly number[] = [...ADMIN_PORTS.keys()].filter((p) => !REMOTE_ADMIN_PORTS.includes(p));

/** Where traffic comes from or goes to. */
export type Peer =
  | { readonly kind: 'security-group'; readonly group: LeastPrivilegeSecurityGroup }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly label: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string; readonly label: string };

export const Peer = {
  securityGroup: (group: LeastPrivilegeSecurityGroup): Peer => ({ kind: 'security-group', group }),
  /** A CIDR block; `label` names it in resource addresses (`app_tier`, `vpc`). */
  cidr: (cidr: string, label: string): Peer => ({ kind: 'cidr', cidr, label }),
  anyIpv4: (): Peer => ({ kind: 'cidr', cidr: '0.0.0.0/0', label: 'internet' }),
  anyIpv6: (): Peer => ({ kind: 'cidr', cidr: '::/0', label: 'internet_v6' }),
  prefixList: (prefixListId: string, label: string): Peer => ({ kind: 'prefix-list', prefixListId, label }),
};

/** A port, or an inclusive range. `all` means every protocol and port. */
export type PortSpec = number | { readonly from: number; readonly to: number } | 'all';

export interface RuleOptions {
  /** Why this path exists: becomes the rule's description. Required. */
  readonly reason: string;
  /**
   * Allows a world-open (0.0.0.0/0, ::/0) rule on an administration/database port or on all ports.
   * Must state why; auditors read it in the synthesized rule description.
   * @default none — such rules are refused
   */
  readonly worldOpenException?: { readonly reason: string };
}

export interface LeastPrivilegeSecurityGroupProps {
  readonly vpcId: string;
  /** Group name in AWS. */
  readonly name: string;
  /** What the group guards. */
  readonly description: string;
  /** Tier tag. */
  readonly tier: string;
}

/**
 * A security group whose every rule is a separate, described resource, with egress closed until a rule opens it.
 * Say "X may reach Y on port P because R" with {@link LeastPrivilegeSecurityGroup.connect}.
 */
export class LeastPrivilegeSecurityGroup extends Construct {
  public readonly group: SecurityGroupResource;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: LeastPrivilegeSecurityGroupProps) {
    super(scope, id);
    if (!props.description.trim()) {
      throw new PalisadeConfigError(this.node.path, 'description', props.description, 'every security group needs a description');
    }
    // No inline ingress/egress: Terraform then removes AWS's default allow-all egress rule on creation.
    this.group = new SecurityGroupResource(this, 'resource', {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: resourceTags(props.name, props.tier),
    });
    this.id = this.group.id;
  }

  /** Lets `from` open connections to `to` on `port`: egress on `from`, ingress on `to`. */
  static connect(from: LeastPrivilegeSecurityGroup, to: LeastPrivilegeSecurityGroup, port: PortSpec, reason: string): void {
    from.allowEgress(Peer.securityGroup(to), port, { reason });
    to.allowIngress(Peer.securityGroup(from), port, { reason });
  }

  allowIngress(peer: Peer, port: PortSpec, options: RuleOptions): VpcSecurityGroupIngressRule {
    const config = this.ruleConfig('ingress', peer, port, options);
    return new VpcSecurityGroupIngressRule(this, `ingress_${peerLabel(peer)}_${portLabel(port)}`, config);
  }

  allowEgress(peer: Peer, port: PortSpec, options: RuleOptions): VpcSecurityGroupEgressRule {
    const config = this.ruleConfig('egress', peer, port, options);
    return new VpcSecurityGroupEgressRule(this, `egress_${peerLabel(peer)}_${portLabel(port)}`, config);
  }

  private ruleConfig(direction: 'ingress' | 'egress', peer: Peer, port: PortSpec, options: RuleOptions) {
    const where = `${this.node.path} (${direction} ${peerLabel(peer)})`;
    if (!options.reason?.trim()) {
      throw new PalisadeConfigError(where, 'reason', options.reason, 'every security group rule needs a stated reason');
    }
    const [fromPort, toPort] = portRange(where, port);
    const opensAdmin = FORBIDDEN_ADMIN_PORTS.some((p) => p >= fromPort && p <= toPort);
    if (opensAdmin) {
      throw new PalisadeConfigError(where, 'port', port, 'SSH (22) and RDP (3389) are never opened; reach hosts through SSM Session Manager');
    }
    const worldOpen = peer.kind === 'cidr' && (peer.cidr === '0.0.0.0/0' || peer.cidr === '::/0');
    const sensitive = port === 'all' || SENSITIVE_PORTS.some((p) => p >= fromPort && p <= toPort);
    if (direction === 'ingress' && worldOpen && sensitive && !options.worldOpenException?.reason?.trim()) {
      throw new PalisadeConfigError(where, 'port', port,
        `opening an administration/database port (or all ports) to ${peer.kind === 'cidr' ? peer.cidr : ''} needs worldOpenException with a reason`);
    }
    const description = options.worldOpenException ? `${options.reason} (exception: ${options.worldOpenException.reason})` : options.reason;
    return {
      securityGroupId: this.group.id,
      description,
      ipProtocol: port === 'all' ? '-1' : 'tcp',
      ...(port === 'all' ? {} : { fromPort, toPort }),
      ...(peer.kind === 'security-group' ? { referencedSecurityGroupId: peer.group.id } : {}),
      ...(peer.kind === 'cidr' ? (peer.cidr.includes(':') ? { cidrIpv6: peer.cidr } : { cidrIpv4: peer.cidr }) : {}),
      ...(peer.kind === 'prefix-list' ? { prefixListId: peer.prefixListId } : {}),
    };
  }
}

function portRange(where: string, port: PortSpec): [number, number] {
  if (port === 'all') return [0, 65535];
  const [from, to] = typeof port === 'number' ? [port, port] : [port.from, port.to];
  if (![from, to].every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) || from > to) {
    throw new PalisadeConfigError(where, 'port', port, 'ports are whole numbers from 1 to 65535, ranges ascending');
  }
  return [from, to];
}

function peerLabel(peer: Peer): string {
  return peer.kind === 'security-group' ? peer.group.node.id : peer.label;
}

function portLabel(port: PortSpec): string {
  return port === 'all' ? 'all' : typeof port === 'number' ? String(port) : `${port.from}_${port.to}`;
}

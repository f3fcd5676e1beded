import type { IpPermission, SecurityGroupRule, Tag } from '@aws-sdk/client-ec2';
import { modelFromDocuments } from '../policies/model/load';
import type { Model } from '../policies/model/model';
import { assignNames, sanitizeName } from './names';
import type { RegionSnapshot } from './snapshot';

type Obj = Record<string, unknown>;

/** Stack name of a live region in reports: `live:eu-west-1`. */
export function liveStackName(region: string): string {
  return `live:${region}`;
}

export function isLiveStack(stack: string): boolean {
  return stack.startsWith('live:');
}

/** A region rendered as Terraform JSON, plus what cannot be said in Terraform attributes. */
export interface LiveDocument {
  region: string;
  stack: string;
  /** Terraform-JSON-shaped document (`provider`, `resource`) that the normal model builder loads. */
  json: Obj;
  /** Addresses of resources AWS creates by itself (default VPC, default SG/NACL, main route table). */
  awsCreated: Set<string>;
  /** Account that owns the resources, when any response names it. */
  accountId?: string;
}

/** Tags as a map; `aws:`-prefixed system tags are dropped (Terraform cannot manage them). */
export function tagsOf(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key && !t.Key.startsWith('aws:')) out[t.Key] = t.Value ?? '';
  return out;
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value || undefined;
}

function ref(type: string, name: string, attr = 'id'): string {
  return `\${${type}.${name}.${attr}}`;
}

/** Drops undefined values so the document reads like hand-written Terraform JSON. */
function clean<T extends Obj>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Renders a region snapshot as Terraform JSON: one resource per AWS object, named readably and stably,
 * with references (`${aws_vpc.<name>.id}`) wherever AWS returns an id of another object of the region,
 * so the baseline rules and the model's edges work exactly as on synthesized code.
 */
export function toTerraformDocument(s: RegionSnapshot): LiveDocument {
  const resource: Record<string, Record<string, Obj>> = {};
  const awsCreated = new Set<string>();
  const add = (type: string, name: string, values: Obj, created = false) => {
    (resource[type] ??= {})[name] = clean(values);
    if (created) awsCreated.add(`${type}.${name}`);
  };
  /** AWS id → reference target. */
  const targets = new Map<string, { type: string; name: string }>();
  const refTo = (id: string | undefined, attr = 'id'): string | undefined => {
    if (!id) return undefined;
    const t = targets.get(id);
    return t ? ref(t.type, t.name, attr) : id;
  };
  const accountId = s.vpcs.find((v) => v.OwnerId)?.OwnerId ?? s.securityGroups.find((g) => g.OwnerId)?.OwnerId;

  // VPCs
  const vpcNames = assignNames(s.vpcs.map((v) => ({ id: v.VpcId!, readable: [nameTag(v.Tags), v.IsDefault ? 'default_vpc' : undefined] })));
  for (const v of s.vpcs) targets.set(v.VpcId!, { type: 'aws_vpc', name: vpcNames.get(v.VpcId!)! });
  for (const v of s.vpcs) {
    add(
      'aws_vpc',
      vpcNames.get(v.VpcId!)!,
      { id: v.VpcId, cidr_block: v.CidrBlock, instance_tenancy: v.InstanceTenancy, owner_id: v.OwnerId, tags: tagsOf(v.Tags) },
      v.IsDefault === true,
    );
  }
  const vpcName = (id: string | undefined) => (id ? (vpcNames.get(id) ?? sanitizeName(id)) : 'unknown_vpc');

  // Subnets
  const subnetNames = assignNames(s.subnets.map((x) => ({ id: x.SubnetId!, readable: [nameTag(x.Tags)] })));
  for (const x of s.subnets) targets.set(x.SubnetId!, { type: 'aws_subnet', name: subnetNames.get(x.SubnetId!)! });
  for (const x of s.subnets) {
    add('aws_subnet', subnetNames.get(x.SubnetId!)!, {
      id: x.SubnetId,
      vpc_id: refTo(x.VpcId),
      cidr_block: x.CidrBlock,
      ipv6_cidr_block: x.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock,
      availability_zone: x.AvailabilityZone,
      map_public_ip_on_launch: x.MapPublicIpOnLaunch === true,
      assign_ipv6_address_on_creation: x.AssignIpv6AddressOnCreation === true,
      tags: tagsOf(x.Tags),
    }, x.DefaultForAz === true);
  }

  // Security groups (names first: rules of other groups reference them)
  const isDefaultSg = (g: { GroupName?: string }) => g.GroupName === 'default';
  const sgNames = assignNames(
    s.securityGroups.map((g) => ({
      id: g.GroupId!,
      readable: isDefaultSg(g) ? [nameTag(g.Tags), `${vpcName(g.VpcId)}_default`] : [nameTag(g.Tags), g.GroupName],
    })),
  );
  for (const g of s.securityGroups) targets.set(g.GroupId!, { type: isDefaultSg(g) ? 'aws_default_security_group' : 'aws_security_group', name: sgNames.get(g.GroupId!)! });
  const rulesByGroup = new Map<string, SecurityGroupRule[]>();
  for (const r of s.securityGroupRules) {
    const l = rulesByGroup.get(r.GroupId ?? '') ?? [];
    l.push(r);
    rulesByGroup.set(r.GroupId ?? '', l);
  }
  for (const g of s.securityGroups) {
    const name = sgNames.get(g.GroupId!)!;
    const rules = rulesByGroup.get(g.GroupId!);
    if (isDefaultSg(g)) {
      // Terraform manages the default group's rules inline; so does the live model.
      const rs = rules ?? fromIpPermissions(g.GroupId!, g.IpPermissions, g.IpPermissionsEgress);
      add(
        'aws_default_security_group',
        name,
        {
          id: g.GroupId,
          vpc_id: refTo(g.VpcId),
          ingress: rs.filter((r) => !r.IsEgress).map((r) => inlineSgRule(r, g.GroupId!, refTo)),
          egress: rs.filter((r) => r.IsEgress).map((r) => inlineSgRule(r, g.GroupId!, refTo)),
          tags: tagsOf(g.Tags),
        },
        true,
      );
      continue;
    }
    add('aws_security_group', name, { id: g.GroupId, name: g.GroupName, description: g.Description, vpc_id: refTo(g.VpcId), tags: tagsOf(g.Tags) });
    const rs = rules ?? fromIpPermissions(g.GroupId!, g.IpPermissions, g.IpPermissionsEgress);
    for (const r of rs) {
      const direction = r.IsEgress ? 'egress' : 'ingress';
      const all = r.IpProtocol === '-1';
      const referenced = r.ReferencedGroupInfo?.GroupId;
      const referencedValue = referenced
        ? targets.has(referenced)
          ? refTo(referenced)
          : r.ReferencedGroupInfo?.UserId && r.ReferencedGroupInfo.UserId !== r.GroupOwnerId
            ? `${r.ReferencedGroupInfo.UserId}/${referenced}`
            : referenced
        : undefined;
      add(`aws_vpc_security_group_${direction}_rule`, `${name}_${direction}_${sanitizeName(r.SecurityGroupRuleId ?? `${r.IpProtocol}_${r.FromPort}_${r.ToPort}`)}`, {
        id: r.SecurityGroupRuleId,
        security_group_id: ref('aws_security_group', name),
        ip_protocol: r.IpProtocol,
        from_port: all ? undefined : r.FromPort,
        to_port: all ? undefined : r.ToPort,
        cidr_ipv4: r.CidrIpv4,
        cidr_ipv6: r.CidrIpv6,
        prefix_list_id: r.PrefixListId,
        referenced_security_group_id: referencedValue,
        description: r.Description,
        tags: r.Tags && r.Tags.length > 0 ? tagsOf(r.Tags) : undefined,
      });
    }
  }

  // Route tables, routes, associations
  const isMainTable = (t: { Associations?: { Main?: boolean }[] }) => (t.Associations ?? []).some((a) => a.Main);
  const rtNames = assignNames(
    s.routeTables.map((t) => ({ id: t.RouteTableId!, readable: [nameTag(t.Tags), isMainTable(t) ? `${vpcName(t.VpcId)}_main` : undefined] })),
  );
  for (const t of s.routeTables) targets.set(t.RouteTableId!, { type: 'aws_route_table', name: rtNames.get(t.RouteTableId!)! });
  for (const t of s.routeTables) {
    const name = rtNames.get(t.RouteTableId!)!;
    add('aws_route_table', name, { id: t.RouteTableId, vpc_id: refTo(t.VpcId), tags: tagsOf(t.Tags) }, isMainTable(t));
    for (const r of t.Routes ?? []) {
      if (r.GatewayId === 'local') continue; // the VPC's implicit local route; Terraform never manages it
      const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? 'unknown';
      add('aws_route', sanitizeName(`${name}_${destination}`), {
        route_table_id: ref('aws_route_table', name),
        destination_cidr_block: r.DestinationCidrBlock,
        destination_ipv6_cidr_block: r.DestinationIpv6CidrBlock,
        destination_prefix_list_id: r.DestinationPrefixListId,
        gateway_id: r.GatewayId,
        nat_gateway_id: r.NatGatewayId,
        egress_only_gateway_id: r.EgressOnlyInternetGatewayId,
        transit_gateway_id: r.TransitGatewayId,
        vpc_peering_connection_id: r.VpcPeeringConnectionId,
        network_interface_id: r.NetworkInterfaceId,
        state: r.State,
      });
    }
    for (const a of t.Associations ?? []) {
      if (a.Main) {
        add('aws_main_route_table_association', `${vpcName(t.VpcId)}_main`, { vpc_id: refTo(t.VpcId), route_table_id: ref('aws_route_table', name) });
      } else if (a.SubnetId) {
        const subnet = subnetNames.get(a.SubnetId) ?? sanitizeName(a.SubnetId);
        add('aws_route_table_association', `${name}_${subnet}`, { id: a.RouteTableAssociationId, route_table_id: ref('aws_route_table', name), subnet_id: refTo(a.SubnetId) });
      }
    }
  }

  // Network ACLs (the catch-all deny, rule 32767, is implicit in Terraform too)
  const naclNames = assignNames(
    s.networkAcls.map((n) => ({ id: n.NetworkAclId!, readable: [nameTag(n.Tags), n.IsDefault ? `${vpcName(n.VpcId)}_default` : undefined] })),
  );
  for (const n of s.networkAcls) {
    const name = naclNames.get(n.NetworkAclId!)!;
    const entries = (n.Entries ?? []).filter((e) => e.RuleNumber !== 32767);
    const entry = (e: (typeof entries)[number]) =>
      clean({
        rule_no: e.RuleNumber,
        action: e.RuleAction,
        protocol: e.Protocol,
        cidr_block: e.CidrBlock,
        ipv6_cidr_block: e.Ipv6CidrBlock,
        from_port: e.PortRange?.From ?? 0,
        to_port: e.PortRange?.To ?? 0,
        icmp_type: e.IcmpTypeCode?.Type,
        icmp_code: e.IcmpTypeCode?.Code,
      });
    const common = {
      id: n.NetworkAclId,
      subnet_ids: (n.Associations ?? []).map((a) => refTo(a.SubnetId)).filter((x): x is string => !!x),
      ingress: entries.filter((e) => !e.Egress).map(entry),
      egress: entries.filter((e) => e.Egress).map(entry),
      tags: tagsOf(n.Tags),
    };
    if (n.IsDefault) add('aws_default_network_acl', name, { default_network_acl_id: refTo(n.VpcId, 'default_network_acl_id'), ...common }, true);
    else add('aws_network_acl', name, { vpc_id: refTo(n.VpcId), ...common });
  }

  // Flow logs
  const flowNames = assignNames(s.flowLogs.map((f) => ({ id: f.FlowLogId!, readable: [nameTag(f.Tags)] })));
  for (const f of s.flowLogs) {
    const rid = f.ResourceId ?? '';
    add('aws_flow_log', flowNames.get(f.FlowLogId!)!, {
      id: f.FlowLogId,
      vpc_id: rid.startsWith('vpc-') ? refTo(rid) : undefined,
      subnet_id: rid.startsWith('subnet-') ? refTo(rid) : undefined,
      eni_id: rid.startsWith('eni-') ? rid : undefined,
      traffic_type: f.TrafficType,
      log_destination_type: f.LogDestinationType,
      log_destination: f.LogDestination ?? f.LogGroupName,
      iam_role_arn: f.DeliverLogsPermissionArn,
      max_aggregation_interval: f.MaxAggregationInterval,
      log_format: f.LogFormat,
      tags: tagsOf(f.Tags),
    });
  }

  // Volumes (before instances, which reference them)
  const volNames = assignNames(s.volumes.map((v) => ({ id: v.VolumeId!, readable: [nameTag(v.Tags)] })));
  for (const v of s.volumes) targets.set(v.VolumeId!, { type: 'aws_ebs_volume', name: volNames.get(v.VolumeId!)! });
  const volumeById = new Map(s.volumes.map((v) => [v.VolumeId!, v]));
  for (const v of s.volumes) {
    add('aws_ebs_volume', volNames.get(v.VolumeId!)!, {
      id: v.VolumeId,
      availability_zone: v.AvailabilityZone,
      size: v.Size,
      type: v.VolumeType,
      iops: v.Iops,
      encrypted: v.Encrypted === true,
      kms_key_id: v.KmsKeyId,
      snapshot_id: v.SnapshotId || undefined,
      tags: tagsOf(v.Tags),
    });
  }

  // Launch templates: the default version is what launches use unless told otherwise.
  const ltNames = assignNames(s.launchTemplates.map((t) => ({ id: t.LaunchTemplateId!, readable: [nameTag(t.Tags), t.LaunchTemplateName] })));
  for (const t of s.launchTemplates) targets.set(t.LaunchTemplateId!, { type: 'aws_launch_template', name: ltNames.get(t.LaunchTemplateId!)! });
  for (const t of s.launchTemplates) {
    const versions = s.launchTemplateVersions.filter((v) => v.LaunchTemplateId === t.LaunchTemplateId);
    const dflt = versions.find((v) => v.DefaultVersion) ?? versions.find((v) => v.VersionNumber === t.DefaultVersionNumber);
    const d = dflt?.LaunchTemplateData ?? {};
    add('aws_launch_template', ltNames.get(t.LaunchTemplateId!)!, {
      id: t.LaunchTemplateId,
      name: t.LaunchTemplateName,
      default_version: t.DefaultVersionNumber,
      latest_version: t.LatestVersionNumber,
      image_id: d.ImageId,
      instance_type: d.InstanceType,
      key_name: d.KeyName,
      iam_instance_profile: d.IamInstanceProfile ? [clean({ arn: d.IamInstanceProfile.Arn, name: d.IamInstanceProfile.Name })] : undefined,
      vpc_security_group_ids: d.SecurityGroupIds?.map((id) => refTo(id)),
      metadata_options: d.MetadataOptions
        ? [
            clean({
              http_endpoint: d.MetadataOptions.HttpEndpoint,
              http_tokens: d.MetadataOptions.HttpTokens,
              http_put_response_hop_limit: d.MetadataOptions.HttpPutResponseHopLimit,
              instance_metadata_tags: d.MetadataOptions.InstanceMetadataTags,
            }),
          ]
        : undefined,
      block_device_mappings: d.BlockDeviceMappings?.map((b) =>
        clean({
          device_name: b.DeviceName,
          ebs: b.Ebs ? [clean({ encrypted: b.Ebs.Encrypted, kms_key_id: b.Ebs.KmsKeyId, volume_size: b.Ebs.VolumeSize, volume_type: b.Ebs.VolumeType, delete_on_termination: b.Ebs.DeleteOnTermination })] : undefined,
        }),
      ),
      network_interfaces: d.NetworkInterfaces?.map((n) =>
        clean({ associate_public_ip_address: n.AssociatePublicIpAddress, subnet_id: refTo(n.SubnetId), security_groups: n.Groups?.map((g) => refTo(g)) }),
      ),
      tags: tagsOf(t.Tags),
    });
  }

  // Instances
  const instNames = assignNames(s.instances.map((i) => ({ id: i.InstanceId!, readable: [nameTag(i.Tags)] })));
  for (const i of s.instances) {
    const device = (b: NonNullable<typeof i.BlockDeviceMappings>[number]) => {
      const v = b.Ebs?.VolumeId ? volumeById.get(b.Ebs.VolumeId) : undefined;
      return clean({ device_name: b.DeviceName, volume_id: refTo(b.Ebs?.VolumeId), encrypted: v?.Encrypted, kms_key_id: v?.KmsKeyId, volume_size: v?.Size, volume_type: v?.VolumeType });
    };
    const bdm = i.BlockDeviceMappings ?? [];
    const root = bdm.filter((b) => b.DeviceName === i.RootDeviceName);
    const other = bdm.filter((b) => b.DeviceName !== i.RootDeviceName);
    const ltId = i.Tags?.find((t) => t.Key === 'aws:ec2launchtemplate:id')?.Value;
    const ltVersion = i.Tags?.find((t) => t.Key === 'aws:ec2launchtemplate:version')?.Value;
    // Kept as an attribute (system tags are dropped): drift needs it to tell fleet instances from strays.
    const autoScalingGroup = i.Tags?.find((t) => t.Key === 'aws:autoscaling:groupName')?.Value;
    const m = i.MetadataOptions;
    add('aws_instance', instNames.get(i.InstanceId!)!, {
      id: i.InstanceId,
      ami: i.ImageId,
      instance_type: i.InstanceType,
      subnet_id: refTo(i.SubnetId),
      vpc_security_group_ids: (i.SecurityGroups ?? []).map((g) => refTo(g.GroupId)).filter((x): x is string => !!x),
      associate_public_ip_address: i.PublicIpAddress !== undefined,
      public_ip: i.PublicIpAddress,
      private_ip: i.PrivateIpAddress,
      key_name: i.KeyName,
      iam_instance_profile: i.IamInstanceProfile?.Arn,
      monitoring: i.Monitoring?.State === 'enabled',
      instance_state: i.State?.Name,
      metadata_options: m
        ? [clean({ http_endpoint: m.HttpEndpoint, http_tokens: m.HttpTokens, http_put_response_hop_limit: m.HttpPutResponseHopLimit, instance_metadata_tags: m.InstanceMetadataTags })]
        : undefined,
      root_block_device: root.length > 0 ? root.map(device) : undefined,
      ebs_block_device: other.length > 0 ? other.map(device) : undefined,
      launch_template: ltId ? [clean({ id: refTo(ltId), version: ltVersion })] : undefined,
      auto_scaling_group_name: autoScalingGroup,
      tags: tagsOf(i.Tags),
    });
  }

  // Region-wide EBS settings
  add('aws_ebs_encryption_by_default', 'this', { enabled: s.ebsEncryptionByDefault });
  if (s.ebsDefaultKmsKeyId && s.ebsDefaultKmsKeyId !== 'alias/aws/ebs') add('aws_ebs_default_kms_key', 'this', { key_arn: s.ebsDefaultKmsKeyId });

  const json: Obj = { resource };
  // A provider block only where something was found: an empty region is not "infrastructure in region X".
  const hasInfra = Object.keys(resource).some((t) => t !== 'aws_ebs_encryption_by_default' && t !== 'aws_ebs_default_kms_key');
  if (hasInfra) json.provider = { aws: [accountId ? { region: s.region, allowed_account_ids: [accountId] } : { region: s.region }] };
  return { region: s.region, stack: liveStackName(s.region), json, awsCreated, ...(accountId ? { accountId } : {}) };
}

/** Rules from a group's inline permissions, for when DescribeSecurityGroupRules returned none for it. */
function fromIpPermissions(groupId: string, ingress: IpPermission[] | undefined, egress: IpPermission[] | undefined): SecurityGroupRule[] {
  const out: SecurityGroupRule[] = [];
  const expand = (perms: IpPermission[] | undefined, isEgress: boolean) => {
    (perms ?? []).forEach((p, i) => {
      const base = { GroupId: groupId, IsEgress: isEgress, IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort };
      let n = 0;
      const id = () => `${groupId}-${isEgress ? 'e' : 'i'}${i}-${n++}`;
      for (const r of p.IpRanges ?? []) out.push({ ...base, SecurityGroupRuleId: id(), CidrIpv4: r.CidrIp, Description: r.Description });
      for (const r of p.Ipv6Ranges ?? []) out.push({ ...base, SecurityGroupRuleId: id(), CidrIpv6: r.CidrIpv6, Description: r.Description });
      for (const r of p.PrefixListIds ?? []) out.push({ ...base, SecurityGroupRuleId: id(), PrefixListId: r.PrefixListId, Description: r.Description });
      for (const r of p.UserIdGroupPairs ?? []) out.push({ ...base, SecurityGroupRuleId: id(), ReferencedGroupInfo: { GroupId: r.GroupId, UserId: r.UserId }, Description: r.Description });
    });
  };
  expand(ingress, false);
  expand(egress, true);
  return out;
}

/** A rule as an inline `ingress`/`egress` block of `aws_default_security_group`. */
function inlineSgRule(r: SecurityGroupRule, ownGroupId: string, refTo: (id: string | undefined) => string | undefined): Obj {
  const all = r.IpProtocol === '-1';
  const referenced = r.ReferencedGroupInfo?.GroupId;
  return clean({
    protocol: r.IpProtocol,
    from_port: all ? 0 : r.FromPort,
    to_port: all ? 0 : r.ToPort,
    cidr_blocks: r.CidrIpv4 ? [r.CidrIpv4] : undefined,
    ipv6_cidr_blocks: r.CidrIpv6 ? [r.CidrIpv6] : undefined,
    prefix_list_ids: r.PrefixListId ? [r.PrefixListId] : undefined,
    self: referenced === ownGroupId ? true : undefined,
    security_groups: referenced && referenced !== ownGroupId ? [refTo(referenced)] : undefined,
    description: r.Description,
  });
}

/** Builds the resource model of the live regions with the normal model builder (one stack per region). */
export function liveModel(documents: readonly LiveDocument[], baseDir = process.cwd()): Model {
  return modelFromDocuments(
    documents.map((d) => ({ file: d.stack, json: d.json, stackName: d.stack })),
    { baseDir },
  );
}

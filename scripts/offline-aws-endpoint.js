#!/usr/bin/env node
'use strict';
/*
 * A stand-in AWS API for planning public module examples offline (scripts/plan-public-modules.sh).
 * Only the read calls their data sources make at plan time are answered, each with one fixed, plausible answer:
 * STS GetCallerIdentity, EC2 DescribeAvailabilityZones / DescribeVpcEndpointServices / DescribeVpcs /
 * DescribeSecurityGroups / DescribePrefixLists / DescribeImages, S3 ListBuckets (canonical user id), SSM GetParameter
 * (an AMI id), Route 53 ListHostedZones / GetHostedZone / ListTagsForResource (public zones named by the
 * comma-separated OFFLINE_AWS_ZONES, default example.com).
 * Anything else is answered 400 with the action named, so a plan that needs more fails loudly instead of guessing.
 * Usage: node scripts/offline-aws-endpoint.js PORTFILE  (listens on 127.0.0.1, writes the chosen port to PORTFILE)
 */
const http = require('node:http');
const fs = require('node:fs');

const ACCOUNT = '123456789012';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function regionOf(req) {
  const auth = String(req.headers.authorization || '');
  const m = /Credential=[^/]+\/\d+\/([a-z0-9-]+)\//.exec(auth);
  return m ? m[1] : 'eu-west-1';
}

function serviceOf(req) {
  const m = /Credential=[^/]+\/\d+\/[a-z0-9-]+\/([a-z0-9-]+)\//.exec(String(req.headers.authorization || ''));
  return m ? m[1] : '';
}

/** Form fields as name -> values; `Filter.1.Name=x&Filter.1.Value.1=y` becomes filters { x: [y] }. */
function parseForm(body) {
  const fields = new URLSearchParams(body);
  const filters = {};
  const names = {};
  for (const [k, v] of fields) {
    const n = /^Filter\.(\d+)\.Name$/.exec(k);
    if (n) names[n[1]] = v;
  }
  for (const [k, v] of fields) {
    const f = /^Filter\.(\d+)\.Value\.\d+$/.exec(k);
    if (f && names[f[1]]) (filters[names[f[1]]] ??= []).push(v);
  }
  const list = (prefix) => [...fields].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
  return { action: fields.get('Action'), fields, filters, list };
}

const ec2 = (action, inner) => `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}"><requestId>0ff11e00-0000-4000-8000-000000000000</requestId>${inner}</${action}Response>`;
const items = (xs) => xs.map((x) => `<item>${x}</item>`).join('');

const handlers = {
  GetCallerIdentity: () =>
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/offline-plan</Arn><UserId>AIDAOFFLINEPLANONLY00</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>0ff11e00-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  DescribeAvailabilityZones: (f, region) =>
    ec2('DescribeAvailabilityZones', `<availabilityZoneInfo>${items(['a', 'b', 'c'].map((s, i) =>
      `<zoneName>${region}${s}</zoneName><zoneId>euw1-az${i + 1}</zoneId><zoneState>available</zoneState><regionName>${region}</regionName><zoneType>availability-zone</zoneType><groupName>${region}</groupName><networkBorderGroup>${region}</networkBorderGroup><optInStatus>opt-in-not-required</optInStatus><messages/>`))}</availabilityZoneInfo>`),
  DescribeVpcEndpointServices: (f, region) => {
    const type = (f.filters['service-type'] || ['Interface'])[0];
    const wanted = [...(f.filters['service-name'] || []), ...f.list('ServiceName.')];
    const names = wanted.length > 0 ? wanted : [`com.amazonaws.${region}.s3`];
    const details = names.map((name) =>
      `<serviceName>${name}</serviceName><serviceId>vpce-svc-0ff11e0000000000${names.indexOf(name)}</serviceId><serviceType>${items([`<serviceType>${type}</serviceType>`])}</serviceType><serviceRegion>${region}</serviceRegion><availabilityZoneSet>${items([`${region}a`, `${region}b`, `${region}c`])}</availabilityZoneSet><owner>amazon</owner><baseEndpointDnsNameSet>${items([`${name.split('.').slice(3).join('.')}.${region}.amazonaws.com`])}</baseEndpointDnsNameSet><vpcEndpointPolicySupported>true</vpcEndpointPolicySupported><acceptanceRequired>false</acceptanceRequired><managesVpcEndpoints>false</managesVpcEndpoints><supportedIpAddressTypes>${items(['ipv4'])}</supportedIpAddressTypes><tagSet/>`);
    return ec2('DescribeVpcEndpointServices', `<serviceNameSet>${items(names)}</serviceNameSet><serviceDetailSet>${items(details)}</serviceDetailSet>`);
  },
  DescribeVpcs: () =>
    ec2('DescribeVpcs', `<vpcSet>${items([`<vpcId>vpc-0ff11e00000000001</vpcId><ownerId>${ACCOUNT}</ownerId><state>available</state><cidrBlock>172.31.0.0/16</cidrBlock><cidrBlockAssociationSet>${items(['<cidrBlock>172.31.0.0/16</cidrBlock><associationId>vpc-cidr-assoc-0ff11e0000000001</associationId><cidrBlockState><state>associated</state></cidrBlockState>'])}</cidrBlockAssociationSet><dhcpOptionsId>dopt-0ff11e00000000001</dhcpOptionsId><instanceTenancy>default</instanceTenancy><isDefault>true</isDefault><tagSet/>`])}</vpcSet>`),
  DescribeVpcAttribute: (f) => {
    const attr = f.fields.get('Attribute');
    const tag = attr === 'enableDnsSupport' ? 'enableDnsSupport' : attr === 'enableDnsHostnames' ? 'enableDnsHostnames' : 'enableNetworkAddressUsageMetrics';
    return ec2('DescribeVpcAttribute', `<vpcId>vpc-0ff11e00000000001</vpcId><${tag}><value>true</value></${tag}>`);
  },
  DescribeRouteTables: () =>
    ec2('DescribeRouteTables', `<routeTableSet>${items([`<routeTableId>rtb-0ff11e00000000001</routeTableId><vpcId>vpc-0ff11e00000000001</vpcId><ownerId>${ACCOUNT}</ownerId><routeSet/><associationSet>${items(['<routeTableAssociationId>rtbassoc-0ff11e00000000001</routeTableAssociationId><routeTableId>rtb-0ff11e00000000001</routeTableId><main>true</main><associationState><state>associated</state></associationState>'])}</associationSet><propagatingVgwSet/><tagSet/>`])}</routeTableSet>`),
  DescribeSecurityGroups: () =>
    ec2('DescribeSecurityGroups', `<securityGroupInfo>${items([`<ownerId>${ACCOUNT}</ownerId><groupId>sg-0ff11e00000000001</groupId><groupName>default</groupName><groupDescription>default VPC security group</groupDescription><vpcId>vpc-0ff11e00000000001</vpcId><ipPermissions/><ipPermissionsEgress/><tagSet/>`])}</securityGroupInfo>`),
  DescribePrefixLists: (f, region) => {
    const name = (f.filters['prefix-list-name'] || [`com.amazonaws.${region}.s3`])[0];
    const id = name.endsWith('dynamodb') ? 'pl-0ff11e02' : 'pl-0ff11e01';
    return ec2('DescribePrefixLists', `<prefixListSet>${items([`<prefixListId>${id}</prefixListId><prefixListName>${name}</prefixListName><cidrSet>${items(['192.0.2.0/24'])}</cidrSet>`])}</prefixListSet>`);
  },
  DescribeManagedPrefixLists: (f, region) => {
    const name = (f.filters['prefix-list-name'] || [`com.amazonaws.${region}.s3`])[0];
    const id = name.endsWith('dynamodb') ? 'pl-0ff11e02' : 'pl-0ff11e01';
    return ec2('DescribeManagedPrefixLists', `<prefixListSet>${items([`<prefixListId>${id}</prefixListId><prefixListName>${name}</prefixListName><addressFamily>IPv4</addressFamily><state>create-complete</state><prefixListArn>arn:aws:ec2:${region}:aws:prefix-list/${id}</prefixListArn><maxEntries>0</maxEntries><version>1</version><ownerId>AWS</ownerId><tagSet/>`])}</prefixListSet>`);
  },
  GetManagedPrefixListEntries: () =>
    ec2('GetManagedPrefixListEntries', `<entrySet>${items(['<cidr>192.0.2.0/24</cidr>'])}</entrySet>`),
  DescribeImages: (f, region) =>
    ec2('DescribeImages', `<imagesSet>${items([`<imageId>ami-0ff11e00000000001</imageId><imageLocation>amazon/offline-plan</imageLocation><imageState>available</imageState><imageOwnerId>137112412989</imageOwnerId><creationDate>2026-01-01T00:00:00.000Z</creationDate><isPublic>true</isPublic><architecture>x86_64</architecture><imageType>machine</imageType><name>amzn2-ami-hvm-2.0.20260101.0-x86_64-gp2</name><description>offline plan image in ${region}</description><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping>${items(['<deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-0ff11e00000000001</snapshotId><volumeSize>8</volumeSize><deleteOnTermination>true</deleteOnTermination><volumeType>gp2</volumeType><encrypted>false</encrypted></ebs>'])}</blockDeviceMapping><virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor><enaSupport>true</enaSupport><platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation><tagSet/>`])}</imagesSet>`),
};

function s3ListBuckets() {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>0ff11e0000000000000000000000000000000000000000000000000000000001</ID><DisplayName>offline-plan</DisplayName></Owner><Buckets></Buckets></ListAllMyBucketsResult>`;
}

const ZONE_ID = 'Z0FF11E0000000000001';

function route53(req) {
  const url = new URL(req.url, 'http://offline');
  const names = (process.env.OFFLINE_AWS_ZONES || 'example.com').split(',').map((n) => n.replace(/\.?$/, '.'));
  const zoneOf = (name, i) => `<Id>/hostedzone/${ZONE_ID.slice(0, -1)}${i + 1}</Id><Name>${name}</Name><CallerReference>offline</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount>`;
  const id = /hostedzone\/([A-Z0-9]+)/.exec(url.pathname);
  const zone = zoneOf(names[id ? Math.max(0, Number(id[1].slice(-1)) - 1) : 0] || names[0], id ? Math.max(0, Number(id[1].slice(-1)) - 1) : 0);
  const ns = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"';
  if (url.pathname.startsWith('/2013-04-01/tags/')) return `<ListTagsForResourceResponse ${ns}><ResourceTagSet><ResourceType>hostedzone</ResourceType><ResourceId>${ZONE_ID}</ResourceId><Tags/></ResourceTagSet></ListTagsForResourceResponse>`;
  if (url.pathname.startsWith(`/2013-04-01/hostedzone/`)) return `<GetHostedZoneResponse ${ns}><HostedZone>${zone}</HostedZone><DelegationSet><NameServers><NameServer>ns-1.example.net</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>`;
  const tag = url.pathname.endsWith('hostedzonesbyname') ? 'ListHostedZonesByName' : 'ListHostedZones';
  return `<${tag}Response ${ns}><HostedZones>${names.map((n, i) => `<HostedZone>${zoneOf(n, i)}</HostedZone>`).join('')}</HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></${tag}Response>`;
}

function ssm(target, body) {
  if (target !== 'AmazonSSM.GetParameter') return null;
  const name = JSON.parse(body || '{}').Name || '/offline';
  return JSON.stringify({ Parameter: { Name: name, Type: 'String', Value: 'ami-0ff11e00000000001', Version: 1, DataType: 'text', ARN: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter${name}` } });
}

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const region = regionOf(req);
    if (serviceOf(req) === 's3' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(s3ListBuckets());
      return;
    }
    if (serviceOf(req) === 'route53') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(route53(req));
      return;
    }
    const answer = serviceOf(req) === 'ssm' ? ssm(String(req.headers['x-amz-target']), body) : undefined;
    if (answer) {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(answer);
      return;
    }
    const form = parseForm(body);
    const handler = handlers[form.action];
    if (!handler) {
      process.stderr.write(`offline-aws-endpoint: unanswered ${req.method} ${serviceOf(req)} ${form.action || req.url}\n`);
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(`<Response><Errors><Error><Code>UnsupportedOperation</Code><Message>offline endpoint does not answer ${form.action || req.url}</Message></Error></Errors><RequestID>0</RequestID></Response>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(handler(form, region));
  });
});

server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(process.argv[2] || '/dev/stdout', String(server.address().port));
});

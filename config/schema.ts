import { z } from 'zod';

/** Regions personal data may live in unless the estate says otherwise (GDPR: stay in the EU). */
export const EU_REGIONS = ['eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3'];

const name = z.string().regex(/^[a-z][a-z0-9]{1,15}$/, 'lower-case letters and digits, 2–16 characters, starting with a letter');
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region name such as "eu-west-1"');
const port = z.number().int().min(1).max(65535);

const tier = z.object({
  name: z.string(),
  kind: z.enum(['public', 'private', 'isolated']),
  subnetPrefixLength: z.number().int().optional(),
  subnetCidrs: z.array(z.string()).optional(),
}).strict();

const flow = z.object({
  from: z.string(),
  to: z.string(),
  ports: z.array(port).min(1),
  reason: z.string().min(1),
}).strict();

export const networkConfigSchema = z.object({
  /** The VPC's IPv4 block. */
  cidr: z.string(),
  /** Availability zones, 2–6, named in config so planning needs no AWS lookup. */
  availabilityZones: z.array(z.string()).min(2).max(6),
  natGateways: z.enum(['per-az', 'single']).default('per-az'),
  /** Port the app tier listens on behind the load balancers. */
  appPort: port.default(8443),
  /** Ports the data tier serves to the app tier. */
  dataPorts: z.array(port).min(1).default([5432]),
  /** Internet ports the app tier may reach through NAT. */
  internetEgressPorts: z.array(port).min(1).default([443]),
  tiers: z.array(tier).optional(),
  flows: z.array(flow).optional(),
  flowLogRetentionDays: z.number().int().default(365),
}).strict();

export const environmentSchema = z.object({
  name,
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  region,
  owner: z.string().min(1),
  dataClassification: z.enum(['public', 'internal', 'confidential', 'restricted']),
  securityContactEmail: z.email(),
  /** Regions this environment may use (GDPR allowlist). */
  allowedRegions: z.array(region).min(1).default(EU_REGIONS),
  /** Cap on retention of logs that hold personal data (flow logs, WAF, ALB). */
  personalDataLogMaxRetentionDays: z.number().int().min(365).max(3653).default(731),
  network: networkConfigSchema,
}).strict();

export const estateSchema = z.object({
  environments: z.array(environmentSchema).min(1),
}).strict();

export type EstateConfig = z.infer<typeof estateSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type EstateConfigInput = z.input<typeof estateSchema>;

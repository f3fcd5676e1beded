import { z } from 'zod';
import { ACCOUNT_CONTROL_IDS } from '../policies/rules/lib/account-controls';
import { RDS_BACKUP_RETENTION_FLOOR_DAYS, RDS_BACKUP_RETENTION_MAX_DAYS } from '../policies/rules/lib/rds';

/** Regions personal data may live in unless the estate says otherwise (GDPR: stay in the EU). */
import { EU_REGIONS } from '../policies/facts';

export { EU_REGIONS };

const name = z.string().regex(/^[a-z][a-z0-9]{1,15}$/, 'lower-case letters and digits, 2–16 characters, starting with a letter');
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region name such as "eu-west-1"');
const port = z.number().int().min(1).max(65535);

/** Characters AWS accepts in tag keys and values (all services): letters, spaces, digits and `_ . : / = + - @`. */
const AWS_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const tagText = (max: number) => z.string()
  .max(max, `at most ${max} characters (AWS tag limit)`)
  .regex(AWS_TAG_CHARACTERS, 'only letters, digits, spaces and _ . : / = + - @ (AWS tag characters)')
  .refine((v) => v.trim() !== '', 'must not be empty or whitespace only');
/** An AWS tag key: 1–128 allowed characters, not `aws:`-prefixed (reserved by AWS). */
export const awsTagKey = tagText(128).refine((k) => !k.toLowerCase().startsWith('aws:'), 'the aws: prefix is reserved by AWS');
/** An AWS tag value: up to 256 allowed characters, not whitespace only. */
export const awsTagValue = tagText(256);

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

/** GuardDuty protection plans (`aws_guardduty_detector_feature`): all on unless switched off here. */
const guardDutyFeatures = z.object({
  s3DataEvents: z.boolean().default(true),
  ebsMalwareProtection: z.boolean().default(true),
  runtimeMonitoring: z.boolean().default(true),
  rdsLoginEvents: z.boolean().default(true),
  eksAuditLogs: z.boolean().default(true),
  lambdaNetworkLogs: z.boolean().default(true),
}).strict();

/** The environment's security baseline (GuardDuty, Config, passwords, backups); strict defaults. */
export const securityConfigSchema = z.object({
  guardDuty: z.object({
    features: guardDutyFeatures.default(guardDutyFeatures.parse({})),
    /** Findings at or above this GuardDuty severity (1–8.9; 7 = High) are mailed to the security contact. */
    alertSeverityThreshold: z.number().min(1).max(8.9).default(7),
  }).strict().default({ features: guardDutyFeatures.parse({}), alertSeverityThreshold: 7 }),
  /** Stricter-only overrides of the IAM password policy (weaker values are refused at synth). */
  passwordPolicy: z.object({
    minimumLength: z.number().int().optional(),
    reusePrevention: z.number().int().optional(),
    maxAgeDays: z.number().int().optional(),
  }).strict().optional(),
  backup: z.object({
    dailyRetentionDays: z.number().int().default(35),
    weeklyRetentionWeeks: z.number().int().default(13),
    monthlyRetentionMonths: z.number().int().default(12),
    /** Second region recovery points are copied to; must be in allowedRegions. @default no copy */
    copyRegion: region.optional(),
    /** `governance` (privileged users may still lift the lock) or `compliance` (immutable after the grace period). */
    vaultLockMode: z.enum(['governance', 'compliance']).default('governance'),
    /** Grace period before a compliance lock becomes immutable (AWS minimum 3). */
    vaultLockChangeableForDays: z.number().int().optional(),
  }).strict().default({ dailyRetentionDays: 35, weeklyRetentionWeeks: 13, monthlyRetentionMonths: 12, vaultLockMode: 'governance' }),
  config: z.object({
    /** Record IAM and other global resource types here. Exactly one region per account should (set false elsewhere). */
    recordGlobalResourceTypes: z.boolean().default(true),
    /** Create Config's service-linked role; false when the account already has it. */
    createServiceLinkedRole: z.boolean().default(true),
  }).strict().default({ recordGlobalResourceTypes: true, createServiceLinkedRole: true }),
  /**
   * Account controls run outside this estate (e.g. Security Hub or GuardDuty by the organization's delegated admin),
   * each with the reason; the baseline then reports them as managed elsewhere instead of missing. @default none
   */
  managedElsewhere: z.array(z.object({ control: z.enum(ACCOUNT_CONTROL_IDS), reason: z.string().trim().min(1) }).strict()).default([]),
}).strict();

/** The internet edge (`<env>-edge` stack): TLS load balancer, WAF, security.txt. */
export const edgeConfigSchema = z.object({
  /** Domain the load balancer serves: Palisade requests a DNS-validated ACM certificate for it. Give this or certificateArn. */
  domainName: z.string().regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name such as "www.example.com"').optional(),
  /** An existing ACM certificate in the environment's region, instead of requesting one. */
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, 'an ACM certificate ARN').optional(),
  /** ELB security policy of the HTTPS listener (TLS 1.2+ policies only). @default ELBSecurityPolicy-TLS13-1-2-2021-06 */
  tlsPolicy: z.string().optional(),
  /** Days to keep ALB access/connection logs (floored at 365, capped by personalDataLogMaxRetentionDays). */
  accessLogRetentionDays: z.number().int().default(365),
  /** `/.well-known/security.txt` (RFC 9116); the contact is the environment's securityContactEmail. */
  securityTxt: z.object({
    policyUrl: z.url({ protocol: /^https$/ }).optional(),
    /** `YYYY-MM-DD`, in the future and less than a year ahead. @default first day of the month six months from synth */
    expires: z.iso.date().optional(),
    preferredLanguages: z.array(z.string()).min(1).default(['en']),
  }).strict().default({ preferredLanguages: ['en'] }),
  waf: z.object({
    /** Requests per client IP per 5 minutes before it is blocked. */
    rateLimitPerFiveMinutes: z.number().int().default(1000),
    /** ISO 3166 alpha-2 codes; requests from other countries are blocked. @default no geo restriction */
    allowedCountries: z.array(z.string()).min(1).optional(),
    anonymousIpList: z.boolean().default(false),
    linuxRuleSet: z.boolean().default(true),
    /** Days to keep WAF logs (floored at 365, capped by personalDataLogMaxRetentionDays). */
    logRetentionDays: z.number().int().default(365),
  }).strict().default({ rateLimitPerFiveMinutes: 1000, anonymousIpList: false, linuxRuleSet: true, logRetentionDays: 365 }),
}).strict().refine((edge) => (edge.domainName === undefined) !== (edge.certificateArn === undefined), {
  message: 'give exactly one of domainName (a new DNS-validated certificate) or certificateArn (an existing one)',
});

/** Hardened application hosts (`<env>-hosts` stack): an Auto Scaling fleet with ClamAV in the app tier. Validated by HardenedHostFleet. */
export const hostsConfigSchema = z.object({
  /** Fleet name (PalisadeFleet tag, AWS names). */
  fleetName: z.string().default('app'),
  /** Current-generation, non-burstable: full ClamAV scans are CPU-heavy and clamd holds ~1–2 GiB of signatures. */
  instanceType: z.string().default('m7i.large'),
  minSize: z.number().int().default(2),
  maxSize: z.number().int().default(4),
  desiredCapacity: z.number().int().default(2),
  rootVolumeSizeGiB: z.number().int().default(30),
  /** Days to keep the antivirus event log (floored at 365, capped by personalDataLogMaxRetentionDays). */
  logRetentionDays: z.number().int().default(365),
  /** HTTPS Ubuntu mirror (hosts get no port 80). @default https://mirrors.edge.kernel.org/ubuntu */
  aptMirrorUri: z.string().optional(),
  /** ClamAV settings; see constructs/hardened-host/antivirus-config.ts. */
  antivirus: z.object({
    uploadPaths: z.array(z.string()).optional(),
    fullScanSchedule: z.string().optional(),
    signatureUpdateSchedule: z.string().optional(),
    quarantineDir: z.string().optional(),
    logFile: z.string().optional(),
    signatureMaxAgeHours: z.number().optional(),
  }).strict().default({}),
}).strict();

/** The PostgreSQL data store (`<env>-data` stack); see constructs/data/postgres-database.ts. */
export const databaseConfigSchema = z.object({
  /** What the database holds: part of the instance identifier. */
  name: z.string().regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, 'lower-case letters, digits and dashes, 3–32 characters').default('reviews'),
  /** PostgreSQL major (`16`) or major.minor (`16.4`); minor upgrades are automatic. */
  engineVersion: z.string().regex(/^(1[3-7])(\.\d+)?$/, 'a PostgreSQL version RDS supports: 13–17, optionally with a minor ("16" or "16.4")'),
  /** RDS instance class. */
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'an RDS instance class such as "db.m7g.large"'),
  /** gp3 storage in GiB. */
  allocatedStorageGiB: z.number().int().min(20).max(65536),
  /** Storage autoscaling ceiling in GiB. @default twice allocatedStorageGiB */
  maxAllocatedStorageGiB: z.number().int().min(20).max(65536).optional(),
  /** Days automated backups (point-in-time recovery) are kept. */
  backupRetentionDays: z.number().int().min(RDS_BACKUP_RETENTION_FLOOR_DAYS, `at least ${RDS_BACKUP_RETENTION_FLOOR_DAYS} days (the backup floor)`).max(RDS_BACKUP_RETENTION_MAX_DAYS, `at most ${RDS_BACKUP_RETENTION_MAX_DAYS} days (RDS limit)`).default(14),
  /** Synchronous standby in a second AZ: on unless switched off (staging). */
  multiAz: z.boolean().default(true),
  /** Days PostgreSQL logs are kept (capped by personalDataLogMaxRetentionDays). */
  logRetentionDays: z.number().int().default(365),
}).strict().superRefine((db, ctx) => {
  if (db.maxAllocatedStorageGiB !== undefined && db.maxAllocatedStorageGiB < db.allocatedStorageGiB) {
    ctx.addIssue({ code: 'custom', path: ['maxAllocatedStorageGiB'], input: db.maxAllocatedStorageGiB, message: `must be at least allocatedStorageGiB (${db.allocatedStorageGiB})` });
  }
});

/** Optional S3 backend for team state (see README, "Remote state"). */
export const stateBackendSchema = z.object({
  /** @default `palisade-<env>-terraform-state-<account>` (what the bootstrap stack creates) */
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name').optional(),
  keyPrefix: z.string().regex(/^[A-Za-z0-9!_.*'()/-]+$/).default('palisade'),
  /** @default the environment's region */
  region: region.optional(),
  /** KMS key ARN or alias ARN encrypting the state. @default the bootstrap stack's key `alias/palisade/<env>/state` */
  kmsKeyId: z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/, 'a KMS key ARN or alias ARN').optional(),
}).strict();

export const environmentSchema = z.object({
  name,
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  region,
  /** Owner tag of every resource (provider default tags). */
  owner: awsTagValue,
  dataClassification: z.enum(['public', 'internal', 'confidential', 'restricted']),
  securityContactEmail: z.email(),
  /** Regions this environment may use (GDPR allowlist). */
  allowedRegions: z.array(region).min(1).default(() => [...EU_REGIONS]),
  /** Cap on retention of logs that hold personal data (flow logs, WAF, ALB). */
  personalDataLogMaxRetentionDays: z.number().int().min(365).max(3653).default(731),
  network: networkConfigSchema,
  security: securityConfigSchema.default(securityConfigSchema.parse({})),
  stateBackend: stateBackendSchema.optional(),
  /** The internet edge; without it the environment has no `<env>-edge` stack. */
  edge: edgeConfigSchema.optional(),
  /** Hardened application hosts; without it the environment has no `<env>-hosts` stack. */
  hosts: hostsConfigSchema.optional(),
  /** The PostgreSQL data store; without it the environment has no `<env>-data` stack. */
  database: databaseConfigSchema.optional(),
}).strict();

export const estateSchema = z.object({
  environments: z.array(environmentSchema).min(1),
}).strict();

export type EstateConfig = z.infer<typeof estateSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type EstateConfigInput = z.input<typeof estateSchema>;
export type SecurityConfig = z.infer<typeof securityConfigSchema>;
export type StateBackendConfig = z.infer<typeof stateBackendSchema>;
export type EdgeConfig = z.infer<typeof edgeConfigSchema>;
export type HostsConfig = z.infer<typeof hostsConfigSchema>;
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

import type { Model } from '../model/model';
import type { ProviderConfig, Resource } from '../model/types';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** The security routine a rule proves. */
export type Routine =
  | 'segmentation'
  | 'encryption-in-transit'
  | 'firewall'
  | 'antivirus'
  | 'backup'
  | 'secure-storage'
  | 'passwords'
  | 'change-testing'
  | 'data-erasure'
  | 'personal-data'
  | 'monitoring'
  | 'access-control';

/** Mapped controls: checkov check IDs, AWS FSBP control IDs, CIS AWS Foundations v3.0.0 numbers, CSA CCM v4 IDs. */
export interface ControlMapping {
  checkov: string[];
  fsbp: string[];
  cis: string[];
  ccm: string[];
}

/**
 * The three verdicts (plus not-applicable): `compliant` (proven safe), `non-compliant` (proven unsafe) and `unproven`
 * (the input cannot show it either way, e.g. a value Terraform knows only after apply). Unproven is never a pass.
 */
export type ResultStatus = 'compliant' | 'non-compliant' | 'unproven' | 'not-applicable';

/** One verdict of a rule about one resource (or provider block). */
export interface RuleResult {
  stack: string;
  /** Terraform address (`aws_vpc.main`), or `provider.aws` / `provider.aws.<alias>` for provider blocks, or `*` for rule-wide verdicts. */
  resource: string;
  status: ResultStatus;
  message: string;
  /** Overrides the rule's severity for this result (e.g. a milder variant of the weakness). */
  severity?: Severity;
  file?: string;
  jsonPath?: string;
}

/** Options the engine passes to every rule. */
export interface RuleContext {
  /** Regions where providers may operate (GDPR data residency). */
  allowedRegions: readonly string[];
  /**
   * `complete` when the input is a whole account's estate (a `cdktf.out`), so an account control missing from it is
   * missing from the account; `stacks` (the default) when only some stacks are checked (the synth gate, one file).
   */
  accountScope?: AccountScope;
  /** Configurable floors and ceilings (defaults: `DEFAULT_LIMITS`). */
  limits?: Partial<BaselineLimits>;
}

export type AccountScope = 'complete' | 'stacks';

/** Thresholds a deployment may tighten (or, with a reason in review, loosen). */
export interface BaselineLimits {
  /** Highest per-IP request count per 5 minutes a WAF rate-based rule may allow. */
  wafRateLimitCeiling: number;
  /** Shortest retention of a backup recovery point and of a vault lock's min_retention_days. */
  backupMinRetentionDays: number;
  /** Shortest lifecycle expiry of an audit or log bucket's current objects. */
  logBucketMinRetentionDays: number;
}

export const DEFAULT_LIMITS: BaselineLimits = { wafRateLimitCeiling: 2000, backupMinRetentionDays: 35, logBucketMinRetentionDays: 365 };

/** The limits in force for a run. */
export function limitsOf(ctx: RuleContext): BaselineLimits {
  return { ...DEFAULT_LIMITS, ...(ctx.limits ?? {}) };
}

/** A baseline rule (cdk-nag style): metadata plus a pure evaluation over the model. */
export interface Rule {
  id: string;
  /** One sentence. */
  title: string;
  rationale: string;
  severity: Severity;
  routine: Routine;
  controls: ControlMapping;
  fixHint: string;
  evaluate(model: Model, ctx: RuleContext): RuleResult[];
}

/** Rule metadata without the evaluate function (catalogue entries, incl. engine-level rules). */
export type RuleMeta = Omit<Rule, 'evaluate'>;

// ---- result helpers -------------------------------------------------------------------------

/**
 * One result of fixed shape: rules return tens of thousands on a large estate, and building each as a single literal
 * (instead of spreading a target object) keeps them cheap to create and to copy.
 */
function result(r: Resource | ProviderConfig, status: ResultStatus, message: string, severity?: Severity): RuleResult {
  const resource = 'address' in r ? r.address : r.alias ? `provider.${r.name}.${r.alias}` : `provider.${r.name}`;
  const res: RuleResult = { stack: r.stack, resource, status, message, file: r.displayFile, jsonPath: r.jsonPath };
  if (severity) res.severity = severity;
  return res;
}

export function pass(r: Resource | ProviderConfig, message: string): RuleResult {
  return result(r, 'compliant', message);
}

export function fail(r: Resource | ProviderConfig, message: string, severity?: Severity): RuleResult {
  return result(r, 'non-compliant', message, severity);
}

/**
 * The input cannot show the property either way. `what` names the subject, `because` says what is unknown:
 * "aws_flow_log.x's VPC cannot be shown at plan time because vpc_id is known only after apply".
 */
export function unproven(r: Resource | ProviderConfig, what: string, because: string, severity?: Severity): RuleResult {
  return result(r, 'unproven', `${what} cannot be shown at plan time because ${because}.`, severity);
}

/** {@link unproven} for a message already worded "… cannot be shown at plan time because …". */
export function unprovenAs(r: Resource | ProviderConfig, message: string, severity?: Severity): RuleResult {
  return result(r, 'unproven', message, severity);
}

export function notApplicable(message: string, r?: Resource | ProviderConfig): RuleResult {
  return r ? result(r, 'not-applicable', message) : { stack: '*', resource: '*', status: 'not-applicable', message };
}

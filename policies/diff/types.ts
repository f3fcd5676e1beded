import type { Finding } from '../engine';
import type { Acceptance } from './acceptances';

/**
 * What a change does to security, from the reviewer's side:
 * - `blocking`: loses data (a stateful resource destroyed or replaced) — never merge without a deliberate decision;
 * - `regression`: weakens the estate (new exposure, protection turned off, a broadened policy);
 * - `review`: security-relevant but not a weakening by itself (a new internal ingress, new specific IAM actions);
 * - `improvement`: strengthens the estate.
 */
export type Impact = 'blocking' | 'regression' | 'review' | 'improvement';
export const IMPACTS: readonly Impact[] = ['blocking', 'regression', 'review', 'improvement'];

export type ChangeCategory =
  | 'data-loss'
  | 'ingress'
  | 'egress'
  | 'nacl'
  | 'encryption'
  | 'rotation'
  | 'logging'
  | 'deletion-protection'
  | 'waf'
  | 'tls'
  | 'exposure'
  | 'backup'
  | 'detection'
  | 'passwords'
  | 'iam'
  | 'unmanaged';

/** One security-relevant change, in plain words. */
export interface SecurityChange {
  impact: Impact;
  category: ChangeCategory;
  /** Terraform address the change is about. */
  resource: string;
  /** One sentence a reviewer can act on. */
  message: string;
  /** A blocking change or regression a current acceptance covers: listed as accepted, does not fail the diff. */
  acceptance?: Acceptance;
}

export type ResourceAction = 'create' | 'update' | 'replace' | 'delete';

/** One resource that is created, changed, replaced or destroyed. */
export interface ResourceChange {
  address: string;
  type: string;
  action: ResourceAction;
  /** Holds data that is lost when the resource is destroyed (S3 bucket, KMS key, log group, database…). */
  stateful: boolean;
  /** Top-level attributes whose value changes (`known after apply` counts as a change). */
  changedAttributes: string[];
  /** What forces a replacement: the plan's `replace_paths`, or ForceNew attributes when inferred. */
  replaceReasons: string[];
  /** `plan`: the action comes from Terraform's plan; `inferred`: from comparing the two configurations. */
  source: 'plan' | 'inferred';
}

export interface FindingsDiff {
  /** Unsuppressed in head, and not an unsuppressed finding in base (new, or its suppression was removed/expired). */
  introduced: Finding[];
  /** Unsuppressed in base, gone in head (fixed or its resource removed). */
  resolved: Finding[];
  /**
   * Unsuppressed in base, still there in head but now suppressed: an accepted risk, not a fix. The head finding is
   * listed, so its `suppression` carries the reason and expiry the reviewer must agree with.
   */
  newlySuppressed: Finding[];
  /** Unsuppressed on both sides. */
  open: Finding[];
  /** New findings that arrive suppressed (listed for the reviewer; they do not fail the diff). */
  introducedSuppressed: Finding[];
  /** Would be `introduced`, but a current acceptance covers them: listed with approver and reason, not failing. */
  accepted: { finding: Finding; acceptance: Acceptance }[];
}

export interface StackDiff {
  /** Stack name (the head's name when base and head differ). */
  stack: string;
  /** Base stack name when it differs, or null for a stack new in head. */
  baseStack: string | null;
  status: 'changed' | 'added' | 'removed' | 'unchanged';
  findings: FindingsDiff;
  changes: SecurityChange[];
  resources: ResourceChange[];
}

export interface DiffSummary {
  /** True when the change weakens security: exit status 1. */
  regression: boolean;
  /** Blocking changes, regressions and findings that an acceptance turned into "accepted". */
  accepted: number;
  blocking: number;
  regressions: number;
  review: number;
  improvements: number;
  findingsIntroduced: number;
  findingsResolved: number;
  /** Open findings the change suppresses (never counted as resolved). */
  findingsNewlySuppressed: number;
  findingsOpen: number;
  created: number;
  updated: number;
  replaced: number;
  destroyed: number;
}

export interface DiffReport {
  base: { inputs: string[]; stacks: string[] };
  head: { inputs: string[]; stacks: string[] };
  /** `plan` when HEAD is a plan against the base state (real actions), else `inferred`. */
  actions: 'plan' | 'inferred' | 'mixed';
  evaluatedOn: string;
  failOn: string;
  stacks: StackDiff[];
  /** Acceptances that matched an item but have expired (the item blocks again), and current ones that matched none. */
  acceptances: { expired: Acceptance[]; unused: Acceptance[] };
  summary: DiffSummary;
}

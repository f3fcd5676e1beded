import type { CheckedSuppression } from '../suppression-format';

/** What a file was recognised as. */
export type InputKind = 'cdktf-stack' | 'terraform-json' | 'terraform-plan' | 'terraform-state';

/** One `provider.aws[...]` block of a stack (or a plan's provider_config entry). */
export interface ProviderConfig {
  /** Provider local name, e.g. `aws`. */
  name: string;
  alias?: string;
  /** Region as written; may be an interpolation string or undefined when not set. */
  region?: unknown;
  /**
   * The region derived from the input when `region` is not a literal (or was evaluated from Terraform source), with
   * where it came from — or why it cannot be derived. Read it through `providerRegion` (`policies/model/region.ts`).
   */
  regionEvidence?: RegionEvidence;
  allowedAccountIds?: unknown;
  /**
   * A plan made without `allowed_account_ids`: the account its `aws_caller_identity` data source read at plan time
   * (the account the plan was made in). Read accounts through `providerAccounts` (`policies/model/account.ts`).
   */
  accountEvidence?: { account: string; source: string };
  defaultTags: Record<string, string>;
  stack: string;
  file: string;
  displayFile: string;
  /** JSON path of the block in its file, e.g. `provider.aws[0]`. */
  jsonPath: string;
}

/** A provider's region and how the input shows it (`source`, absent when written as a literal), or why it cannot. */
export type RegionEvidence = { region: string; source?: string } | { region?: undefined; reason: string };

export interface StackInfo {
  name: string;
  kind: InputKind;
  file: string;
  /** File path relative to the base directory (POSIX separators), used in reports. */
  displayFile: string;
  providers: ProviderConfig[];
  /** `output` values by name (Terraform JSON, source, and plan or state root-module outputs). */
  outputs?: Record<string, unknown>;
  /** The `terraform.backend` block (Terraform JSON input only): backend type (`s3`, `local`…) and its settings. */
  backend?: { type: string; config: Record<string, unknown> };
  /** The stack-level `//.palisade` comment (e.g. account controls declared as managed elsewhere). */
  palisade?: Record<string, unknown>;
  /** Terraform source: expressions the source alone could not evaluate, with why (reported, never silent). */
  unevaluated?: Array<{ file: string; expression: string; reason: string; /** When not "checked as unknown" (e.g. "not checked"). */ outcome?: string }>;
  /**
   * `module` blocks of a Terraform JSON configuration (a cdktf stack's `TerraformHclModule`, a hand-written call): the
   * configuration holds the call, not the module's resources, so nothing here checks those (PAL-MODULE-001 says so).
   */
  moduleBlocks?: ModuleBlock[];
}

/** One `module "name"` block of a Terraform JSON configuration. */
export interface ModuleBlock {
  name: string;
  /** Its `source` as written, when a string. */
  source?: string;
  /** `module.<name>`: its address and JSON path. */
  address: string;
  /** The block's own `//.palisade.suppressions`, or else its entry in the stack's `//.palisade.modules` (cdktf). */
  rawSuppressions: unknown;
  /** cdktf construct path from the block's `//.metadata.path`. */
  constructPath?: string;
}

/** A reference from one resource to another, found in an interpolation or a plan expression. */
export interface Edge {
  from: Resource;
  to: Resource;
  /** Top-level attribute of `from` holding the reference, e.g. `vpc_id`. */
  attribute: string;
  /** Path inside `from.values`, e.g. `ingress[0].security_groups[1]`. */
  path: string;
  /** Attribute of the target that is referenced (`id`, `arn`, `json`), if any. */
  targetAttribute?: string;
  /**
   * The reference names one instance of a counted or `for_each` resource, and the input does not say which
   * (`aws_s3_bucket.b[var.i].id`, `aws_route_table.rt[var.single ? 0 : count.index].id`): `to` is only a candidate,
   * linked like every other instance. A rule that blames `to` for what `from` adds (an open rule, an internet route)
   * counts it; a rule that credits `to` with what `from` provides (a public access block, a flow log) must not take
   * it as proof (unproven rather than pass). Absent when the reference names `to`, or the resource as a whole.
   */
  unresolvedInstance?: true;
}

export interface Resource {
  /** `managed` for `resource` blocks, `data` for data sources. */
  mode: 'managed' | 'data';
  stack: string;
  type: string;
  name: string;
  /** Terraform address: `type.name` (managed) or `data.type.name`; plan addresses keep module/index parts. */
  address: string;
  /** Unique key across stacks: `<stack>/<address>`. */
  key: string;
  /** Attribute values (the `//` comment key removed). */
  values: Record<string, unknown>;
  file: string;
  displayFile: string;
  /** JSON path of the resource in its file, e.g. `resource.aws_vpc.production_network`. */
  jsonPath: string;
  /** 1-based line of the resource in its file, when known. */
  line?: number;
  /** Construct path from `//.metadata.path`, when present. */
  constructPath?: string;
  uniqueId?: string;
  /** All provider configs of the stack. */
  providers: ProviderConfig[];
  /** The provider config this resource uses (by `provider` meta-argument / alias). */
  provider?: ProviderConfig;
  /** Raw suppression list from `//.palisade.suppressions` (checked by the engine). */
  rawSuppressions: unknown;
  /** For plan input: the planned change actions. */
  actions?: string[];
  /** For Terraform source inside a module: the module call that created the resource (what a user edits). */
  moduleCall?: ModuleCall;
  /**
   * Terraform source whose `count`/`for_each` (or its module call's) the source does not show: the resource is read
   * as one instance, but there may be none. A rule must not count it as a protection that exists.
   */
  instancesUnknown?: true;
}

/** A `module "name" {…}` block, innermost first; `caller` is the call around it. */
export interface ModuleCall {
  /** `module.app`, `module.app.module.db`, `module.app[0]`. */
  address: string;
  file: string;
  line?: number;
  caller?: ModuleCall;
}

export type { CheckedSuppression };

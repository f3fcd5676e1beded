import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DEFAULT_ALLOWED_REGIONS } from '../../policies/rules/pal-gdpr-001';
import { Baseline } from '../baseline/baseline';
import { requireAllowedRegion } from '../common/regions';
import { PalisadeConfigError } from '../errors';
import { Construct, TerraformElement, TerraformStack } from '../framework';

/** Construct ids dropped from resource addresses, like aws-cdk's `Resource`: `network/resource` → `…_network`. */
const ANONYMOUS_IDS = new Set(['resource', 'default']);
const ACCOUNT_ID = /^\d{12}$/;
const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]*$/;

/** The few facts a stack needs about where it deploys. The example estate's `EnvironmentConfig` is one. */
export interface PalisadeEnvironment {
  /** Environment name (`staging`, `production`): first part of stack names and resource addresses, `Environment` tag. */
  readonly name: string;
  /** The only AWS account the provider may touch (12 digits). */
  readonly accountId: string;
  /** Region of the AWS provider; must be one of `allowedRegions`. */
  readonly region: string;
  /** Regions data may live in (GDPR); the synth gate checks every provider against it. @default the EU regions */
  readonly allowedRegions?: readonly string[];
  /** `Owner` default tag (team or mailbox answerable for the resources). @default no Owner tag */
  readonly owner?: string;
  /** `DataClassification` default tag. @default no DataClassification tag */
  readonly dataClassification?: string;
  /** More default tags for every resource. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface PalisadeStackProps {
  readonly environment: PalisadeEnvironment;
  /** What the stack holds (`network`, `edge`…): the stack is named `<environment>-<component>`. */
  readonly component: string;
}

/**
 * Base of every Palisade stack: an AWS provider locked to the environment's account and region with default tags,
 * readable, stable Terraform addresses (`aws_subnet.production_network_data_a`) instead of hashed ids, and the
 * synth gate (synthesis fails on an unsuppressed baseline finding).
 */
export class PalisadeStack extends TerraformStack {
  public readonly environment: PalisadeEnvironment;
  /** Regions data may live in: `environment.allowedRegions` or the EU regions. */
  public readonly allowedRegions: readonly string[];
  public readonly provider: AwsProvider;
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, props: PalisadeStackProps) {
    const env = props.environment;
    const id = `${env.name}-${props.component}`;
    const where = scope.node.path ? `${scope.node.path}/${id}` : id;
    if (!ENVIRONMENT_NAME.test(env.name)) throw new PalisadeConfigError(where, 'environment.name', env.name, 'use lower-case letters, digits and hyphens, starting with a letter');
    if (!ENVIRONMENT_NAME.test(props.component)) throw new PalisadeConfigError(where, 'component', props.component, 'use lower-case letters, digits and hyphens, starting with a letter');
    if (!ACCOUNT_ID.test(env.accountId)) throw new PalisadeConfigError(where, 'environment.accountId', env.accountId, 'an AWS account id has 12 digits');
    const allowedRegions = env.allowedRegions ?? DEFAULT_ALLOWED_REGIONS;
    requireAllowedRegion(where, 'environment.region', env.region, allowedRegions);
    super(scope, id);
    this.environment = env;
    this.allowedRegions = allowedRegions;
    this.provider = new AwsProvider(this, 'aws', {
      region: env.region,
      // A deploy with credentials of another account stops before touching anything.
      allowedAccountIds: [env.accountId],
      defaultTags: [{ tags: defaultTags(env, this.node.id) }],
    });
    // The synth gate: `cdktf synth` fails on any unsuppressed baseline finding.
    Baseline.enforce(this, { allowedRegions });
  }

  /** `<environment>_<construct ids below the stack>`, snake_case; refuses two constructs mapping to one address. */
  protected allocateLogicalId(element: TerraformElement | { scopes: { node: { id: string } }[]; path: string }): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : (element as unknown as TerraformElement['node']);
    const scopes = node.scopes;
    const below = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id).filter((id) => !ANONYMOUS_IDS.has(id));
    const logicalId = [this.environment.name, ...below].map(snake).join('_');
    const owner = this.allocated.get(logicalId);
    if (owner !== undefined && owner !== node.path) {
      throw new PalisadeConfigError(node.path, 'id', logicalId, `resource address collides with ${owner}; give one of the constructs another id`);
    }
    this.allocated.set(logicalId, node.path);
    return logicalId;
  }
}

function defaultTags(env: PalisadeEnvironment, stackName: string): Record<string, string> {
  return {
    ...env.tags,
    Environment: env.name,
    ...(env.owner ? { Owner: env.owner } : {}),
    ...(env.dataClassification ? { DataClassification: env.dataClassification } : {}),
    ManagedBy: 'palisade',
    Stack: stackName,
  };
}

function snake(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
}

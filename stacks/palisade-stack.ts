import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Baseline } from '../constructs/baseline/baseline';
import { PalisadeConfigError } from '../constructs/errors';
import { Construct, TerraformElement, TerraformStack } from '../constructs/framework';
import { EnvironmentConfig } from '../config/schema';
import { configureStateBackend } from './state-backend';

/** Construct ids dropped from resource addresses, like aws-cdk's `Resource`: `network/resource` → `…_network`. */
const ANONYMOUS_IDS = new Set(['resource', 'default']);

export interface PalisadeStackProps {
  readonly environment: EnvironmentConfig;
  /** What the stack holds (`network`, `edge`…): the stack is named `<environment>-<component>`. */
  readonly component: string;
  /** Keep local state even when the environment has an S3 backend (the state bootstrap stack). @default false */
  readonly localState?: boolean;
}

/**
 * Base of every Palisade stack: an AWS provider locked to the environment's account and region with default tags,
 * and readable, stable Terraform addresses (`aws_subnet.production_network_data_a`) instead of hashed ids.
 */
export class PalisadeStack extends TerraformStack {
  public readonly environment: EnvironmentConfig;
  public readonly provider: AwsProvider;
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, props: PalisadeStackProps) {
    super(scope, `${props.environment.name}-${props.component}`);
    this.environment = props.environment;
    const env = props.environment;
    this.provider = new AwsProvider(this, 'aws', {
      region: env.region,
      // A deploy with credentials of another account stops before touching anything.
      allowedAccountIds: [env.accountId],
      defaultTags: [{
        tags: {
          Environment: env.name,
          Owner: env.owner,
          DataClassification: env.dataClassification,
          ManagedBy: 'palisade',
          Stack: this.node.id,
        },
      }],
    });
    // Local state unless the environment configures its S3 backend (README, "Remote state for teams").
    configureStateBackend(this, env, props.localState ?? false);
    // The synth gate: `cdktf synth` / `npm start` fail on any unsuppressed baseline finding.
    Baseline.enforce(this, { allowedRegions: env.allowedRegions });
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

function snake(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
}

import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { resourceTags, SHARED_TIER } from '../common/tags';
import { Construct } from '../framework';

export interface AccessAnalyzerProps {
  readonly environment: string;
}

/** IAM Access Analyzer (ACCOUNT zone of trust): reports resources shared outside the account. */
export class AccessAnalyzer extends Construct {
  public readonly analyzer: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: AccessAnalyzerProps) {
    super(scope, id);
    const name = `palisade-${props.environment}`;
    this.analyzer = new AccessanalyzerAnalyzer(this, 'resource', { analyzerName: name, type: 'ACCOUNT', tags: resourceTags(name, SHARED_TIER) });
  }
}

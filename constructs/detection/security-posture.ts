import { Construct } from '../framework';
import { SecureBucket } from '../storage/secure-bucket';
import { AccessAnalyzer } from './access-analyzer';
import { ConfigRecorder } from './config-recorder';
import { SecurityAlerts } from './security-alerts';
import { SecurityHub } from './security-hub';

export interface SecurityPostureProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  readonly accessLogBucket: SecureBucket;
  readonly alerts: SecurityAlerts;
  /** See {@link ConfigRecorderProps.recordGlobalResourceTypes}. @default true */
  readonly recordGlobalResourceTypes?: boolean;
  /** See {@link ConfigRecorderProps.createServiceLinkedRole}. @default true */
  readonly createConfigServiceLinkedRole?: boolean;
}

/** Continuous posture checks: AWS Config (the evidence), Security Hub with FSBP + CIS (the verdicts), IAM Access Analyzer. */
export class SecurityPosture extends Construct {
  public readonly config: ConfigRecorder;
  public readonly securityHub: SecurityHub;
  public readonly accessAnalyzer: AccessAnalyzer;

  constructor(scope: Construct, id: string, props: SecurityPostureProps) {
    super(scope, id);
    const { environment, accountId, region } = props;
    this.config = new ConfigRecorder(this, 'config', {
      environment, accountId, region,
      accessLogBucket: props.accessLogBucket,
      recordGlobalResourceTypes: props.recordGlobalResourceTypes,
      createServiceLinkedRole: props.createConfigServiceLinkedRole,
    });
    // Security Hub's controls are evaluated through Config rules: record first.
    this.securityHub = new SecurityHub(this, 'security_hub', { region, alerts: props.alerts, dependsOn: [this.config.status] });
    this.accessAnalyzer = new AccessAnalyzer(this, 'access_analyzer', { environment });
  }
}

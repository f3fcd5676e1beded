import { Construct } from '../framework';
import { managedElsewhereSet } from '../account/managed-elsewhere';
import { SecureBucket } from '../storage/secure-bucket';
import { AccessAnalyzer } from './access-analyzer';
import { ConfigRecorder } from './config-recorder';
import { SecurityAlerts } from './security-alerts';
import { SecurityHub } from './security-hub';

export interface SecurityPostureProps {
  /**
   * Account controls run outside this estate (`config`, `security-hub`, `access-analyzer`; config
   * `security.managedElsewhere`): not created here, since a second recorder, Security Hub account or analyzer fails
   * at deploy time in an organization-managed account. @default none
   */
  readonly managedElsewhere?: readonly string[];
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
  /** Absent when `config` is managed elsewhere. */
  public readonly config?: ConfigRecorder;
  /** Absent when `security-hub` is managed elsewhere. */
  public readonly securityHub?: SecurityHub;
  /** Absent when `access-analyzer` is managed elsewhere. */
  public readonly accessAnalyzer?: AccessAnalyzer;

  constructor(scope: Construct, id: string, props: SecurityPostureProps) {
    super(scope, id);
    const { environment, accountId, region } = props;
    const elsewhere = managedElsewhereSet(this.node.path, props.managedElsewhere);
    if (!elsewhere.has('config')) {
      this.config = new ConfigRecorder(this, 'config', {
        environment, accountId, region,
        accessLogBucket: props.accessLogBucket,
        recordGlobalResourceTypes: props.recordGlobalResourceTypes,
        createServiceLinkedRole: props.createConfigServiceLinkedRole,
      });
    }
    // Security Hub's controls are evaluated through Config rules: record first (when the recorder is ours).
    if (!elsewhere.has('security-hub')) this.securityHub = new SecurityHub(this, 'security_hub', { region, alerts: props.alerts, dependsOn: this.config ? [this.config.status] : undefined });
    if (!elsewhere.has('access-analyzer')) this.accessAnalyzer = new AccessAnalyzer(this, 'access_analyzer', { environment });
  }
}

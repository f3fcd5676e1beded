import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { Construct, TerraformResource } from '../framework';
import { SecurityAlerts } from './security-alerts';

/** Standards Palisade subscribes to; the ARNs are region-scoped. */
export function securityHubStandardArns(region: string): { fsbp: string; cis: string } {
  return {
    fsbp: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    cis: `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
  };
}

export interface SecurityHubProps {
  readonly region: string;
  /** Where CRITICAL findings are sent. */
  readonly alerts: SecurityAlerts;
  /** Resources to create first (Config recording, which Security Hub's controls evaluate through). @default none */
  readonly dependsOn?: TerraformResource[];
}

/**
 * Security Hub with exactly the standards Palisade proves against (FSBP v1.0.0, CIS v3.0.0) — the console's default
 * standards are off so nothing unreviewed is switched on — and an alert for every new CRITICAL finding.
 */
export class SecurityHub extends Construct {
  public readonly account: SecurityhubAccount;
  public readonly standards: SecurityhubStandardsSubscription[];

  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    this.account = new SecurityhubAccount(this, 'resource', {
      enableDefaultStandards: false,
      // One finding per control across standards instead of one per standard.
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
      dependsOn: props.dependsOn,
    });
    const arns = securityHubStandardArns(props.region);
    this.standards = [
      new SecurityhubStandardsSubscription(this, 'fsbp', { standardsArn: arns.fsbp, dependsOn: [this.account] }),
      new SecurityhubStandardsSubscription(this, 'cis', { standardsArn: arns.cis, dependsOn: [this.account] }),
    ];
    props.alerts.alertOn(this, 'critical_alert', 'securityhub-critical', 'New, active CRITICAL Security Hub findings go to the security contact', {
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      // NEW + ACTIVE: alert once when a finding appears, not on every re-import of a known one.
      detail: { findings: { Severity: { Label: ['CRITICAL'] }, Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] } },
    });
  }
}

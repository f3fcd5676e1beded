import type { Routine } from '../rules/types';

/**
 * The routines of our security page, each answered the way a CSA questionnaire asks it: how the estate implements it.
 * The evidence (rules passing, resources) is added by the report; a routine whose rules have no passing evidence is
 * shown as not proven, whatever the text says.
 */
export interface RoutineDescription {
  id: string;
  title: string;
  /** The rule routines whose results are this routine's evidence. */
  ruleRoutines: readonly Routine[];
  /** What Palisade does, in plain words. */
  how: string;
}

export const ROUTINES: readonly RoutineDescription[] = [
  {
    id: 'segmentation',
    title: 'Network segmentation',
    ruleRoutines: ['segmentation'],
    how: 'Each environment has its own VPC split into public, app and data tiers. Every tier has its own subnets, route tables and network ACL; the data tier has no route to the internet; traffic between tiers is limited to the declared flows; the VPC default security group is emptied so nothing falls back to it.',
  },
  {
    id: 'encryption-in-transit',
    title: 'Encryption in transit',
    ruleRoutines: ['encryption-in-transit'],
    how: 'Public entry points terminate TLS: load balancer listeners must use HTTPS with an AWS security policy that requires TLS 1.2 or later, and plain HTTP only redirects to HTTPS. AWS API calls from private subnets go to VPC interface endpoints over TLS. The baseline refuses listeners and policies that would allow older protocols.',
  },
  {
    id: 'firewalls-and-antivirus',
    title: 'Firewalls and antivirus',
    ruleRoutines: ['firewall', 'antivirus'],
    how: 'Security groups are closed by default (no egress unless declared), every rule carries a description, and no administration or database port is reachable from the internet; network ACLs per tier are a second layer. Hosts built with the hardened-host construct run ClamAV with scheduled signature updates, and GuardDuty threat detection covers the account.',
  },
  {
    id: 'backups-and-storage',
    title: 'Backups and secure storage',
    ruleRoutines: ['backup', 'secure-storage'],
    how: 'Data is encrypted at rest with customer-managed KMS keys (one key per purpose, rotation on, least-privilege key policies). Data-tier resources are covered by AWS Backup plans into encrypted, protected vaults; S3 buckets block public access, and EBS encryption is on by default.',
  },
  {
    id: 'access-control',
    title: 'Access control and least privilege',
    ruleRoutines: ['access-control'],
    how: 'Every IAM and resource policy is read into one normal form, whichever way it is written, and evaluated for who can do what: no identity gets administrator-equivalent rights (including the AdministratorAccess, PowerUserAccess and IAMFullAccess managed policies), privilege-escalation actions, whole-service wildcards or write actions on every resource; role trusts and resource policies (S3, KMS, SNS, SQS, Secrets Manager, ...) admit no one outside the allowed accounts unless a condition restricts the caller, and AWS service principals are pinned to our account or resources; IAM users get no policies or long-lived access keys. The pull-request diff names any new access in plain words.',
  },
  {
    id: 'passwords',
    title: 'Passwords',
    ruleRoutines: ['passwords'],
    how: 'The account password policy enforces length, complexity, reuse prevention and expiry for IAM users; secrets are never written into configuration or user data (the baseline looks for them).',
  },
  {
    id: 'change-testing',
    title: 'Change testing',
    ruleRoutines: ['change-testing'],
    how: 'Every change passes four gates before it ships: the synth gate (the baseline runs inside `cdktf synth` / `npm start` and refuses unsuppressed findings), unit tests with the `toPassBaseline` jest matcher, `terraform validate` and an offline `terraform plan` of every stack, and the pull-request diff gate (`palisade diff`), which fails on new findings, weakened protections and destroyed or replaced stateful resources. Exceptions need a written reason and may carry an expiry date; invalid or expired ones are findings.',
  },
  {
    id: 'data-erasure',
    title: 'Data erasure',
    ruleRoutines: ['data-erasure'],
    how: 'Erasure is by crypto-shredding: each data purpose has its own KMS key, and scheduling that key for deletion makes everything encrypted under it — including backups and logs — unreadable once the deletion window ends. The baseline enforces a deletion window (so an erasure is deliberate and can be cancelled within it), and log groups holding personal data have a maximum retention after which AWS deletes the events.',
  },
  {
    id: 'personal-data',
    title: 'GDPR and personal data',
    ruleRoutines: ['personal-data'],
    how: 'Every provider is pinned to an allowed region (EU by default), so data stays in the allowlisted regions; resources that hold personal data are tagged, and logs containing personal data (e.g. IP addresses in flow logs) are kept no longer than the environment\'s maximum retention.',
  },
  {
    id: 'monitoring',
    title: 'Monitoring',
    ruleRoutines: ['monitoring'],
    how: 'VPC flow logs capture all traffic into encrypted log groups with a defined retention; CloudTrail, AWS Config, GuardDuty and Security Hub record and assess account activity, and security findings are alerted on.',
  },
];

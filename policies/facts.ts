/**
 * Facts the whole product shares: the constructs refuse what the rules would report, the config defaults to what the
 * rules allow, and the diff/live reports use the same words. Each fact lives here once; no imports, so constructs,
 * config, rules, diff and live may all import it.
 */

/** Administration and database ports never open to the whole internet, with the service they belong to. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [21, 'FTP'], [22, 'SSH'], [23, 'Telnet'], [445, 'SMB'], [1433, 'MSSQL'], [1521, 'Oracle'], [2049, 'NFS'],
  [3306, 'MySQL'], [3389, 'RDP'], [5432, 'PostgreSQL'], [5439, 'Redshift'], [6379, 'Redis'], [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'], [11211, 'Memcached'], [27017, 'MongoDB'],
]);

/** Remote administration ports: not opened at all (hosts are reached with SSM Session Manager). */
export const REMOTE_ADMIN_PORTS: readonly number[] = [22, 3389];

/** The EU regions (GDPR data residency): the default allowed regions of the baseline and the config. */
export const EU_REGIONS: readonly string[] = ['eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3'];

/** Audit logs (flow logs, CloudTrail, WAF, findings) are kept at least a year (CIS, CloudWatch.16). */
export const MIN_AUDIT_LOG_RETENTION_DAYS = 365;

/** CloudWatch Logs accepts only these retention values. */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Tag that marks the antivirus self-check SSM document (and the fleets running it). */
export const ANTIVIRUS_TAG = { key: 'Antivirus', value: 'clamav' } as const;

/**
 * AWS-owned accounts that resource policies name on purpose.
 *
 * Elastic Load Balancing log delivery: in Regions opened before August 2022, ELB writes access logs as a regional AWS
 * account of its own, which the bucket policy must name; in Regions opened since, it writes as the service principal
 * `logdelivery.elasticloadbalancing.amazonaws.com`.
 *
 * Source: AWS ELB user guide, "Enable access logs for your Application Load Balancer", step 2 (bucket policy), table
 * of Elastic Load Balancing account ids per Region. eu-west-1 (156460612806) and eu-central-1 (054676820928) — the
 * example estate's Regions — are account-id Regions; eu-central-2 and eu-south-2 (opened late 2022) use the principal.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-south-1': '718504428378',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-north-1': '897822967062',
  'eu-south-1': '635631232127',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
};

export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

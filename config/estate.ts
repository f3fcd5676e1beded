import { EstateConfigInput } from './schema';

/**
 * The example estate `npm start` synthesizes: staging and production in EU regions.
 * Account ids are placeholders; replace them (the provider's allowed_account_ids stops a deploy with other credentials).
 */
export const exampleEstate: EstateConfigInput = {
  environments: [
    {
      name: 'staging',
      accountId: '111111111111',
      region: 'eu-west-1',
      owner: 'platform-team',
      dataClassification: 'confidential',
      securityContactEmail: 'security@example.com',
      edge: {
        domainName: 'staging.example.com',
        securityTxt: { policyUrl: 'https://www.example.com/security-policy' },
      },
      hosts: {},
      // One instance, no standby: staging tolerates a failover taking minutes.
      database: { engineVersion: '16', instanceClass: 'db.t4g.medium', allocatedStorageGiB: 20, backupRetentionDays: 7, multiAz: false },
      network: {
        cidr: '10.10.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        natGateways: 'single',
      },
    },
    {
      name: 'production',
      accountId: '222222222222',
      region: 'eu-central-1',
      owner: 'platform-team',
      dataClassification: 'restricted',
      securityContactEmail: 'security@example.com',
      edge: {
        domainName: 'www.example.com',
        securityTxt: { policyUrl: 'https://www.example.com/security-policy', preferredLanguages: ['en', 'de'] },
        waf: { allowedCountries: ['DE', 'AT', 'CH', 'FR', 'NL', 'BE', 'LU', 'IE', 'GB'] },
      },
      // One host per availability zone.
      hosts: { minSize: 3, desiredCapacity: 3, maxSize: 6 },
      database: { engineVersion: '16', instanceClass: 'db.m7g.large', allocatedStorageGiB: 100, maxAllocatedStorageGiB: 500, backupRetentionDays: 35 },
      network: {
        cidr: '10.20.0.0/16',
        availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
        natGateways: 'per-az',
      },
    },
  ],
};

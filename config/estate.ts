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
      network: {
        cidr: '10.20.0.0/16',
        availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
        natGateways: 'per-az',
      },
    },
  ],
};

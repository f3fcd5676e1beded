import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { PalisadeConfigError } from '../../constructs/errors';

const valid = () => JSON.parse(JSON.stringify(exampleEstate));

describe('estate config', () => {
  test('the example estate has staging and production in EU regions', () => {
    const config = loadEstateConfig(exampleEstate);
    expect(config.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    expect(config.environments.every((e) => e.region.startsWith('eu-'))).toBe(true);
  });

  test('fills strict defaults: per-AZ NAT, 443-only egress, a year of flow logs, EU-only regions', () => {
    const env = loadEstateConfig({ environments: [{ ...valid().environments[0], network: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'] } }] }).environments[0];
    expect(env.network).toMatchObject({ natGateways: 'per-az', internetEgressPorts: [443], flowLogRetentionDays: 365, appPort: 8443, dataPorts: [5432] });
    expect(env.allowedRegions.every((r) => r.startsWith('eu-'))).toBe(true);
  });

  const bad: [string, (c: any) => void, RegExp][] = [
    ['a short account id', (c) => { c.environments[0].accountId = '12345'; }, /environments\[0\]\.accountId = "12345": a 12-digit AWS account id/],
    ['a malformed region', (c) => { c.environments[1].region = 'Frankfurt'; }, /environments\[1\]\.region = "Frankfurt": an AWS region name/],
    ['a region outside the allowlist', (c) => { c.environments[0].region = 'us-east-1'; }, /environments\[0\]\.region = "us-east-1": not in allowedRegions/],
    ['a bad e-mail', (c) => { c.environments[0].securityContactEmail = 'security'; }, /environments\[0\]\.securityContactEmail = "security"/],
    ['an unknown classification', (c) => { c.environments[0].dataClassification = 'secret'; }, /dataClassification = "secret"/],
    ['a duplicate environment', (c) => { c.environments[1].name = 'staging'; }, /environments\[1\]\.name = "staging": duplicate environment name/],
    ['an unknown field (typo)', (c) => { c.environments[0].netwrok = {}; }, /environments\[0\]/],
    ['an AZ count of 7', (c) => { c.environments[0].network.availabilityZones = Array(7).fill('eu-west-1a'); }, /network\.availabilityZones/],
    ['a port of 0', (c) => { c.environments[0].network.appPort = 0; }, /network\.appPort = 0/],
    ['no environments', (c) => { c.environments = []; }, /environments = \[\]/],
  ];
  test.each(bad)('refuses %s, naming the field and the bad value', (_name, mutate, message) => {
    const config = valid();
    mutate(config);
    expect(() => loadEstateConfig(config)).toThrow(PalisadeConfigError);
    expect(() => loadEstateConfig(config)).toThrow(message);
  });
});

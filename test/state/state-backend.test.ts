import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { Testing } from '../../constructs/framework';
import { buildEstate } from '../../stacks/estate';
import { NetworkStack } from '../../stacks/network-stack';
import { StateBootstrapStack } from '../../stacks/state-bootstrap-stack';
import { resourcesOf, synthStack, testEnvironment } from '../support/synth';

describe('remote state', () => {
  test('stays local when the environment configures no state backend', () => {
    const json = synthStack(new NetworkStack(Testing.app(), testEnvironment()));
    expect(Object.keys(json.terraform.backend)).toEqual(['local']);
  });

  test('uses an encrypted, natively locked S3 backend per stack when configured', () => {
    const json = synthStack(new NetworkStack(Testing.app(), testEnvironment({ stateBackend: {} } as any)));
    expect(json.terraform.backend).toEqual({ s3: {
      bucket: 'palisade-test-terraform-state-123456789012', key: 'palisade/test-network.tfstate', region: 'eu-west-1', encrypt: true,
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/palisade/test/state', allowed_account_ids: ['123456789012'], use_lockfile: true,
    } });
  });

  test('refuses a state region outside the GDPR allowlist', () => {
    expect(() => new NetworkStack(Testing.app(), testEnvironment({ stateBackend: { region: 'us-east-1' } } as any)))
      .toThrow('test-network: stateBackend.region = "us-east-1": outside allowedRegions');
  });

  test('the bootstrap stack keeps local state and creates the state bucket (SecureBucket) and key', () => {
    const json = synthStack(new StateBootstrapStack(Testing.app(), testEnvironment({ stateBackend: {} } as any)));
    expect(Object.keys(json.terraform.backend)).toEqual(['local']);
    expect(resourcesOf(json, 'aws_s3_bucket').test_bucket.bucket).toBe('palisade-test-terraform-state-123456789012');
    expect(resourcesOf(json, 'aws_s3_bucket_server_side_encryption_configuration').test_bucket_encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe('${aws_kms_key.test_key.arn}');
    expect(resourcesOf(json, 'aws_kms_alias').test_key_alias.name).toBe('alias/palisade/test/state');
  });

  test('the bootstrap refuses a bucket it would not create', () => {
    expect(() => new StateBootstrapStack(Testing.app(), testEnvironment({ stateBackend: { bucket: 'my-state' } } as any)))
      .toThrow('test-state-bootstrap: stateBackend.bucket = "my-state": the bootstrap creates "palisade-test-terraform-state-123456789012"');
  });

  test('the estate synthesizes bootstrap stacks only when configured or asked for', () => {
    const names = (opts = {}) => buildEstate(Testing.app(), loadEstateConfig(exampleEstate), opts).map((s) => s.node.id).sort();
    expect(names()).toEqual(expect.arrayContaining(['production-security', 'staging-security']));
    expect(names().filter((n) => n.endsWith('state-bootstrap'))).toEqual([]);
    expect(names({ stateBootstrap: true })).toContain('staging-state-bootstrap');
  });
});

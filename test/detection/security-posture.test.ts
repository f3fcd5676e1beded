import { resourcesOf } from '../support/synth';
import { statements, synthSecurity } from '../security/helpers';

describe('SecurityPosture', () => {
  const { json } = synthSecurity();

  test('enables Security Hub without default standards and subscribes to FSBP v1.0.0 and CIS v3.0.0 of the region', () => {
    expect(resourcesOf(json, 'aws_securityhub_account').test_posture_security_hub).toMatchObject({ enable_default_standards: false });
    expect(Object.values(resourcesOf(json, 'aws_securityhub_standards_subscription')).map((s: any) => s.standards_arn).sort()).toEqual([
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
    ]);
  });

  test('records every supported resource type continuously with the service-linked role', () => {
    expect(resourcesOf(json, 'aws_config_configuration_recorder').test_posture_config).toMatchObject({
      role_arn: '${aws_iam_service_linked_role.test_posture_config_service_linked_role.arn}',
      recording_group: { all_supported: true, include_global_resource_types: true },
    });
    expect(resourcesOf(json, 'aws_config_configuration_recorder_status').test_posture_config_status).toMatchObject({ is_enabled: true });
  });

  test('global resource types are recorded only where config says so, and an existing service-linked role is reused', () => {
    const { json: j } = synthSecurity({ security: { config: { recordGlobalResourceTypes: false, createServiceLinkedRole: false } } } as any);
    expect(resourcesOf(j, 'aws_config_configuration_recorder').test_posture_config).toMatchObject({
      role_arn: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      recording_group: { include_global_resource_types: false },
    });
    expect(resourcesOf(j, 'aws_iam_service_linked_role')).toEqual({});
  });

  test('delivers to a KMS-encrypted SecureBucket only Config of this account may write to', () => {
    expect(resourcesOf(json, 'aws_config_delivery_channel').test_posture_config_delivery_channel).toMatchObject({
      s3_bucket_name: 'palisade-test-config-123456789012', s3_kms_key_arn: '${aws_kms_key.test_posture_config_key.arn}',
    });
    const put = statements(resourcesOf(json, 'aws_s3_bucket_policy').test_posture_config_bucket_policy.policy).find((s) => s.Sid === 'ConfigDelivery');
    expect(put).toMatchObject({ Resource: 'arn:aws:s3:::palisade-test-config-123456789012/AWSLogs/123456789012/Config/*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
  });

  test('runs IAM Access Analyzer over the account', () => {
    expect(resourcesOf(json, 'aws_accessanalyzer_analyzer').test_posture_access_analyzer).toMatchObject({ type: 'ACCOUNT' });
  });
});

import { cloudTrailBaseline } from '../../../policies/rules/pal-trail-001';
import { evaluate, ref, StackBuilder } from '../fixtures';

const trail = () => new StackBuilder('sec').add('aws_cloudtrail', 'main', {
  name: 't', s3_bucket_name: 'b', is_multi_region_trail: true, enable_log_file_validation: true, kms_key_id: ref('aws_kms_key', 'k', 'arn'),
  cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.g.arn}:*', cloud_watch_logs_role_arn: ref('aws_iam_role', 'r', 'arn'),
});

describe('PAL-TRAIL-001 CloudTrail baseline', () => {
  test('a multi-region, validated, encrypted trail delivered to CloudWatch is compliant', () => {
    expect(evaluate(cloudTrailBaseline, trail())[0].status).toBe('compliant');
  });

  test.each([
    ['is_multi_region_trail', false, 'not multi-region'],
    ['enable_log_file_validation', false, 'log file validation off'],
    ['kms_key_id', undefined, 'no kms_key_id'],
    ['cloud_watch_logs_group_arn', undefined, 'no CloudWatch Logs delivery'],
    ['enable_logging', false, 'logging stopped'],
  ])('%s = %p is non-compliant', (attr, value, message) => {
    const r = evaluate(cloudTrailBaseline, trail().update('aws_cloudtrail', 'main', (v) => { if (value === undefined) delete v[attr]; else v[attr] = value; }));
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining(message) });
  });

  test('is not applicable without a trail', () => {
    expect(evaluate(cloudTrailBaseline, new StackBuilder('x'))[0].status).toBe('not-applicable');
  });
});

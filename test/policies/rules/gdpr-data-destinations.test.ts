import { dataDestinationsInAllowedRegions } from '../../../policies/rules/pal-gdpr-002';
import { modelOf, ref, StackBuilder } from '../fixtures';

const run = (s: StackBuilder) => dataDestinationsInAllowedRegions.evaluate(modelOf(s), { allowedRegions: ['eu-west-1', 'eu-central-1'] });
const planCopyingTo = (arn: string) => new StackBuilder('sec').add('aws_backup_plan', 'p', { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: 'v', copy_action: [{ destination_vault_arn: arn }] }] });

describe('PAL-GDPR-002 copies and replicas stay in allowed regions', () => {
  test('a backup copy to an allowed region is compliant', () => {
    expect(run(planCopyingTo('arn:aws:backup:eu-central-1:111122223333:backup-vault:copy'))[0].status).toBe('compliant');
  });

  test('a backup copy to another region is non-compliant and names it', () => {
    expect(run(planCopyingTo('arn:aws:backup:us-east-1:111122223333:backup-vault:copy'))[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('us-east-1') });
  });

  test('a copy to a referenced vault is judged by the region of that vault\'s provider', () => {
    const s = planCopyingTo(ref('aws_backup_vault', 'copy', 'arn'))
      .provider({ alias: 'us', region: 'us-west-2' })
      .add('aws_backup_vault', 'copy', { name: 'copy', provider: 'aws.us' });
    expect(run(s)[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('us-west-2') });
  });

  test('S3 replication to a bucket in another region is non-compliant', () => {
    const s = new StackBuilder('data').provider({ alias: 'us', region: 'us-east-1' })
      .add('aws_s3_bucket', 'replica', { bucket: 'replica-bucket', provider: 'aws.us' })
      .add('aws_s3_bucket_replication_configuration', 'r', { bucket: 'src', role: 'x', rule: [{ id: 'all', status: 'Enabled', destination: [{ bucket: 'arn:aws:s3:::replica-bucket' }] }] });
    expect(run(s)[0].status).toBe('non-compliant');
  });

  test('DynamoDB replicas outside the allowlist are non-compliant', () => {
    const s = new StackBuilder('data').add('aws_dynamodb_table', 't', { name: 't', replica: [{ region_name: 'eu-central-1' }, { region_name: 'ap-southeast-1' }] });
    expect(run(s).map((r) => r.status)).toEqual(['compliant', 'non-compliant']);
  });

  test('is not applicable without copies or replicas', () => {
    expect(run(new StackBuilder('x'))[0].status).toBe('not-applicable');
  });
});

import { modelFromDocuments } from '../../../policies/model/load';
import { ec2UserDataNoSecrets } from '../../../policies/rules/pal-ec2-005';
import fc from 'fast-check';
import { secretIn, secretInTag, secretsNotExposed } from '../../../policies/rules/pal-secret-001';
import { evaluate, failures, StackBuilder } from '../fixtures';

const instance = (userData: string) => new StackBuilder('app').add('aws_instance', 'web', { ami: 'ami-1', user_data: userData, tags: { Name: 'web', Tier: 'app' } });

describe('PAL-SECRET-001 no secrets in tags or outputs (and the shared detector PAL-EC2-005 uses on user data)', () => {
  test('a script that reads its secret at runtime is compliant', () => {
    const r = evaluate(ec2UserDataNoSecrets, instance('#!/bin/bash\nDB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id palisade/prod/db --query SecretString --output text)\nsha256sum -c <<<"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  file"'));
    expect(failures(r)).toEqual([]);
  });

  test.each([
    ['an access key id', 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
    ['a password assignment', 'mysql -u root --password=hunter22'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIB'],
    ['a high-entropy token', 'curl -H "X-Token: wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEYq9Z3"'],
  ])('user data with %s is non-compliant under PAL-EC2-005, and PAL-SECRET-001 does not report it twice', (_, text) => {
    expect(failures(evaluate(ec2UserDataNoSecrets, instance(text)))).toHaveLength(1);
    expect(failures(evaluate(secretsNotExposed, instance(text)))).toEqual([]);
  });

  test('base64 user data of a launch template is decoded before scanning', () => {
    const s = new StackBuilder('app').add('aws_launch_template', 'lt', { user_data: Buffer.from('#!/bin/sh\npassword=s3cr3tvalue\n').toString('base64') });
    expect(failures(evaluate(ec2UserDataNoSecrets, s))).toHaveLength(1);
  });

  test('a tag holding a secret is non-compliant, and the message does not echo it', () => {
    const r = failures(evaluate(secretsNotExposed, new StackBuilder('app').add('aws_s3_bucket', 'b', { bucket: 'b', tags: { Name: 'b', ApiKey: 'AKIAIOSFODNN7EXAMPLE' } })));
    expect(r).toHaveLength(1);
    expect(r[0].message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  test('outputs exposing a secret attribute or literal are non-compliant; ordinary outputs are compliant', () => {
    const json: any = new StackBuilder('app').toJSON();
    json.output = { db_password: { value: '${aws_secretsmanager_secret_version.db.secret_string}' }, vpc_id: { value: '${aws_vpc.main.id}' }, token: { value: 'password=hunter22' } };
    const r = secretsNotExposed.evaluate(modelFromDocuments([{ file: 'app.tf.json', json, stackName: 'app' }]), { allowedRegions: ['eu-west-1'] });
    expect(r.map((x) => [x.resource, x.status])).toEqual([['output.db_password', 'non-compliant'], ['output.vpc_id', 'compliant'], ['output.token', 'non-compliant']]);
  });

  test('an output or user data read from a file of the repository cannot be shown free of secrets: unproven, not a pass', () => {
    const json: any = new StackBuilder('app').toJSON();
    json.output = { deploy_key: { value: '${file("${path.module}/deploy.key")}' }, config: { value: '${templatefile("app.tpl", { region = "eu-west-1" })}' } };
    const r = secretsNotExposed.evaluate(modelFromDocuments([{ file: 'app.tf.json', json, stackName: 'app' }]), { allowedRegions: ['eu-west-1'] });
    expect(r.map((x) => [x.resource, x.status])).toEqual([['output.deploy_key', 'unproven'], ['output.config', 'unproven']]);
    expect(evaluate(ec2UserDataNoSecrets, instance('${file("init.sh")}'))[0].status).toBe('unproven');
    expect(evaluate(ec2UserDataNoSecrets, instance('${filebase64("init.sh")}'))[0].status).toBe('unproven');
  });

  test('user data that references a secret attribute exposes it to anyone who can read the instance attributes', () => {
    const r = evaluate(ec2UserDataNoSecrets, instance('#!/bin/bash\nexport DB_PASSWORD=${aws_db_instance.main.password}\n'));
    expect(r[0]).toMatchObject({ status: 'non-compliant', message: expect.stringContaining('a reference to a secret attribute') });
  });

  test('a long resource name with an account id in a Name tag is no token: the tag key and its value are read apart', () => {
    const tags = { Name: 'palisade-production-audit-logs-123456789012-eu-west-1', Environment: 'production' };
    expect(failures(evaluate(secretsNotExposed, new StackBuilder('app').add('aws_s3_bucket', 'b', { bucket: tags.Name, tags })))).toEqual([]);
    expect(secretIn('Signature=wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEYq9Z3')).toBe('a high-entropy token');
    expect(secretIn('Blob=dGhpcyBpcyBhIHNlY3JldCB2YWx1ZSB3aXRoIDE2IGJ5dGVz==')).toBe('a high-entropy token');
  });

  test('terraform interpolations and shell variables are not secrets', () => {
    expect(secretIn('password=${var.db_password}')).toBeUndefined();
    expect(secretIn('password="$DB_PASSWORD"')).toBeUndefined();
    expect(secretIn('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')).toBeUndefined();
  });

  test('the tag pre-filter never changes a verdict: secretInTag(k, v) is secretIn(`k=v`) for any key and value', () => {
    // Pieces of every detector, so that random texts reach each of them, glued to arbitrary characters.
    const piece = fc.constantFrom('AKIA', 'ASIA', 'IOSFODNN7EXAMPLE', 'password', 'PassWd', 'pwd', 'secret', 'api-key', 'ACCESS_KEY', 'auth_token', 'Token', '=', ':', ' ', '"', '${var.x}', '${', '}', '-----BEGIN RSA PRIVATE KEY-----', 'wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEYq9Z3', 'hunter22', 'A1b2C3d4E5f6G7h8', 'Zq8Xv3Lm9Rt2Wb7Nc4Hj6Gf1Dy5Ps0Ue');
    const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, text, (k, v) => expect(secretInTag(k, v)).toBe(secretIn(`${k}=${v}`))), { numRuns: 3000 });
  });
});

import { readPolicyValue } from '../../../policies/iam/document';
import { modelFromDocuments } from '../../../policies/model/load';
import { kmsNoPublicPrincipal } from '../../../policies/rules/pal-kms-003';
import { evaluate, StackBuilder } from '../fixtures';

// Policy texts are read once per distinct text and model (policies/iam/document.ts): these tests hold the reading to
// what each holder's own text says, whatever was read before it.

const OWN = '111122223333';
const policy = (principal: unknown, condition?: Record<string, unknown>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'kms:Decrypt', Resource: '*', ...(condition ? { Condition: condition } : {}) }] });

const emptyModel = () => modelFromDocuments([{ file: '/x/empty.tf.json', json: { resource: {} } }]);
const holder = { address: 'aws_kms_key.k' } as Parameters<typeof readPolicyValue>[1];
const model = emptyModel();
const readText = (text: string, inModel = model) => readPolicyValue(inModel, holder, 'policy', text);

describe('policy texts shared by several holders', () => {
  test('every key holding the same public policy text fails on its own address; a key with a narrower text passes', () => {
    const open = policy('*');
    const stack = new StackBuilder()
      .add('aws_kms_key', 'a', { policy: open })
      .add('aws_kms_key', 'b', { policy: open })
      .add('aws_kms_key', 'c', { policy: `  ${open}\n` })
      .add('aws_kms_key', 'own', { policy: policy({ AWS: `arn:aws:iam::${OWN}:root` }) });
    const results = evaluate(kmsNoPublicPrincipal, stack);
    const status = (address: string) => results.find((r) => r.resource === address)?.status;
    expect([status('aws_kms_key.a'), status('aws_kms_key.b'), status('aws_kms_key.c'), status('aws_kms_key.own')]).toEqual(['non-compliant', 'non-compliant', 'non-compliant', 'compliant']);
    expect(results.find((r) => r.resource === 'aws_kms_key.b')?.message).toMatch(/^Key aws_kms_key\.b: /);
  });

  test('a text read before reads the same, statement for statement, the next time and in another model', () => {
    const text = policy('*', { StringEquals: { 'kms:CallerAccount': OWN } });
    const first = readText(text);
    expect(readText(text)).toEqual(first);
    expect(readText(text, emptyModel())).toEqual(first);
    expect(first).toEqual({
      readable: true,
      statements: [{ sid: undefined, effect: 'Allow', actions: { negated: false, values: ['kms:Decrypt'] }, resources: { negated: false, values: ['*'] }, principals: { negated: false, values: [{ kind: '*', id: '*' }] }, conditions: [{ operator: 'StringEquals', key: 'kms:CallerAccount', values: [OWN] }], origin: 'statement #0' }],
    });
  });

  test('a text that is not JSON is unreadable every time it is read, not remembered as an empty policy', () => {
    const broken = '{"Statement": [';
    expect(readText(broken)).toEqual({ readable: false, reason: 'the policy is not valid JSON' });
    expect(readText(broken)).toEqual({ readable: false, reason: 'the policy is not valid JSON' });
  });

  test('many distinct texts in one model each read as themselves', () => {
    for (let i = 0; i < 2_000; i++) {
      const statements = readText(JSON.stringify({ Statement: [{ Sid: `S${i}`, Effect: 'Allow', Action: `svc:Action${i}`, Resource: '*' }] }));
      if (!statements.readable || statements.statements[0].sid !== `S${i}` || statements.statements[0].actions.values[0] !== `svc:Action${i}`) {
        throw new Error(`text ${i} read as ${JSON.stringify(statements)}`);
      }
    }
    expect(readText(policy('*'))).toMatchObject({ readable: true, statements: [{ principals: { values: [{ kind: '*' }] } }] });
  });
});

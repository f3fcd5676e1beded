import { EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { runLiveAudit } from '../../live/audit';
import { auditorPolicy, auditorPolicyJson } from '../../live/auditor-policy';
import { modelOf } from '../policies/fixtures';
import { deployedAccount, emptyAccount, intendedEstate, REGION, serveAccount, testClientFactory } from './fixtures';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

/** IAM actions of the commands that went through the client: `DescribeVpcsCommand` → `ec2:DescribeVpcs`. */
function actionsSent(): string[] {
  return [...new Set(ec2.calls().map((c) => `ec2:${(c.args[0] as object).constructor.name.replace(/Command$/, '')}`))].sort();
}

describe('the auditor IAM policy', () => {
  test('lists exactly the API calls a full live audit makes', async () => {
    serveAccount(ec2, { [REGION]: deployedAccount(), 'eu-west-1': emptyAccount() });
    await runLiveAudit({ regions: [REGION, 'eu-west-1'], clientFactory: testClientFactory, against: modelOf(...intendedEstate()) });
    const [statement] = auditorPolicy().Statement;
    expect(actionsSent()).toEqual(statement.Action);
    expect(statement.Action).toHaveLength(13);
  });

  test('is read-only: only Describe*/Get* actions, no wildcards, one Allow statement', () => {
    const policy = auditorPolicy();
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Effect).toBe('Allow');
    for (const action of policy.Statement[0].Action) expect(action).toMatch(/^ec2:(Describe|Get)[A-Za-z]+$/);
  });

  test('prints as valid JSON', () => {
    expect(JSON.parse(auditorPolicyJson())).toEqual(auditorPolicy());
  });
});

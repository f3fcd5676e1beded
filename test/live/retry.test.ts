/**
 * Retries run inside the SDK's middleware, which aws-sdk-client-mock bypasses (it stubs `send`). These
 * tests therefore drive a real EC2Client with the production factory over a fake HTTP handler that
 * answers in the EC2 query protocol (XML), with an injected adaptive strategy whose delays are tiny.
 */
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { defaultEc2ClientFactory } from '../../live/ec2-client';
import { LiveError } from '../../live/live-error';
import { readRegion } from '../../live/reader';

const THROTTLED = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>a1b2</RequestID></Response>`;

/** Empty but valid responses for every call the reader makes (EC2 query protocol). */
function okBody(action: string): string {
  const ns = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
  if (action === 'GetEbsEncryptionByDefault') return `<GetEbsEncryptionByDefaultResponse ${ns}><requestId>r</requestId><ebsEncryptionByDefault>true</ebsEncryptionByDefault></GetEbsEncryptionByDefaultResponse>`;
  if (action === 'GetEbsDefaultKmsKeyId') return `<GetEbsDefaultKmsKeyIdResponse ${ns}><requestId>r</requestId><kmsKeyId>alias/aws/ebs</kmsKeyId></GetEbsDefaultKmsKeyIdResponse>`;
  return `<${action}Response ${ns}><requestId>r</requestId></${action}Response>`;
}

/** A fake transport: `throttleFirst[action]` throttled answers, then success. */
function fakeEc2(throttleFirst: Record<string, number>) {
  const attempts: string[] = [];
  const handler = {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const action = new URLSearchParams(String(request.body)).get('Action') ?? '?';
      attempts.push(action);
      const throttled = (throttleFirst[action] ?? 0) > 0;
      if (throttled) throttleFirst[action]--;
      const body = throttled ? THROTTLED : okBody(action);
      return { response: { statusCode: throttled ? 503 : 200, reason: throttled ? 'Service Unavailable' : 'OK', headers: { 'content-type': 'text/xml' }, body: Buffer.from(body) } };
    },
  };
  return { handler, attempts };
}

function client(maxAttempts: number, handler: ReturnType<typeof fakeEc2>['handler']) {
  const retryStrategy = new AdaptiveRetryStrategy(maxAttempts, {
    backoff: { computeNextBackoffDelay: () => 1, setDelayBase: () => undefined },
    rateLimiter: { getSendToken: async () => undefined, updateClientSendingRate: () => undefined },
  });
  const c = defaultEc2ClientFactory({ region: 'eu-west-1', maxAttempts, retryStrategy });
  // Static credentials and the fake transport: nothing leaves the process.
  c.config.credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
  c.config.requestHandler = handler as never;
  return c;
}

describe('adaptive retry on throttling', () => {
  test('the production client is configured for adaptive retry with the requested attempts', async () => {
    const c = defaultEc2ClientFactory({ region: 'eu-west-1', maxAttempts: 7 });
    expect(c.config.retryMode).toBe('adaptive');
    expect(await c.config.maxAttempts()).toBe(7);
    expect(((await c.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
    c.destroy();
  });

  test('a throttled call is retried and the read succeeds', async () => {
    const fake = fakeEc2({ DescribeVpcs: 2 });
    const c = client(5, fake.handler);
    const snap = await readRegion(c, 'eu-west-1');
    expect(snap.vpcs).toEqual([]);
    expect(snap.ebsEncryptionByDefault).toBe(true);
    expect(fake.attempts.filter((a) => a === 'DescribeVpcs')).toHaveLength(3);
  });

  test('throttling beyond maxAttempts fails with the attempts in the message', async () => {
    const fake = fakeEc2({ DescribeSubnets: 10 });
    const c = client(2, fake.handler);
    const err = (await readRegion(c, 'eu-west-1').catch((e: unknown) => e)) as LiveError;
    expect(err).toBeInstanceOf(LiveError);
    expect(err.kind).toBe('throttled');
    expect(err.message).toBe('ec2:DescribeSubnets in eu-west-1 was still throttled after 2 attempt(s) (RequestLimitExceeded); retry later or raise --max-attempts');
    expect(fake.attempts.filter((a) => a === 'DescribeSubnets')).toHaveLength(2);
  });
});

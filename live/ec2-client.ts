import { EC2Client } from '@aws-sdk/client-ec2';
import type { DeserializeMiddleware, HttpResponse, MetadataBearer, RetryStrategyV2 } from '@smithy/types';
import { LiveError } from './live-error';

/** How the reader wants a regional EC2 client configured. */
export interface Ec2ClientOptions {
  region: string;
  /** Shared-config profile; default: the SDK's default credential chain (AWS_PROFILE, env, SSO, IMDS...). */
  profile?: string;
  /** Attempts per call including the first (adaptive retry on throttling). */
  maxAttempts: number;
  /** Overrides the retry strategy (tests inject tiny backoff delays). @default adaptive retry */
  retryStrategy?: RetryStrategyV2;
  /** Longest wait for a connection, and for each chunk of a response, in milliseconds. @default 10000 */
  requestTimeoutMs?: number;
}

/** Creates the EC2 client for one region; injectable so tests can mock or stub the transport. */
export type Ec2ClientFactory = (options: Ec2ClientOptions) => EC2Client;

/** Largest response body accepted for one page (EC2 pages hold at most 1,000 items). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

async function bodyBytes(body: unknown, operation: string): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null) return new Uint8Array();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += b.length;
    if (total > MAX_RESPONSE_BYTES) throw new LiveError('invalid-response', '', operation, `the ${operation} response is larger than ${MAX_RESPONSE_BYTES} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

/** What a body that is not the expected document looks like, in words. */
function describeBody(text: string): string {
  const t = text.trimStart();
  if (t === '') return 'an empty body';
  if (/^(<!doctype html|<html)/i.test(t)) return 'an HTML page';
  const root = /^(?:<\?xml[^>]*\?>\s*)?<([A-Za-z][\w.:-]*)/.exec(t);
  return root ? `an XML <${root[1]}> document` : `a non-XML body starting ${JSON.stringify(t.slice(0, 20))}`;
}

/**
 * Refuses a successful (2xx) response that is not the EC2 query-protocol document of the operation that was called
 * (`<DescribeVpcsResponse …>`): an HTML error page, an empty body, or another operation's answer would otherwise
 * parse as "no resources" and pass the audit. Runs just above the HTTP handler, so it sees the raw body.
 */
export const validateEc2Response: DeserializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
  const result = await next(args);
  const response = result.response as HttpResponse;
  if (response.statusCode < 200 || response.statusCode >= 300) return result;
  const operation = String(context.commandName ?? '').replace(/Command$/, '');
  const bytes = await bodyBytes(response.body, operation);
  const text = Buffer.from(bytes).toString('utf8');
  if (!new RegExp(`^\\s*(?:<\\?xml[^>]*\\?>\\s*)?<${operation}Response[\\s>/]`).test(text)) {
    throw new LiveError('invalid-response', '', operation, `the endpoint answered ${operation} with ${describeBody(text)} instead of a ${operation}Response document`);
  }
  response.body = bytes;
  return result;
};

/** Read-only EC2 client with adaptive retry (client-side rate limiting + backoff on throttling) and timeouts. */
export const defaultEc2ClientFactory: Ec2ClientFactory = (options) => {
  const timeout = options.requestTimeoutMs ?? 10_000;
  const client = new EC2Client({
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    maxAttempts: options.maxAttempts,
    retryMode: 'adaptive',
    requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, socketTimeout: timeout, throwOnRequestTimeout: true },
    ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {}),
  });
  client.middlewareStack.add(validateEc2Response, { step: 'deserialize', priority: 'low', name: 'palisadeValidateEc2Response' });
  return client;
};

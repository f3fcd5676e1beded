import { iamAction } from './api-calls';

/** What went wrong talking to AWS; each kind has one actionable one-line message. */
export type LiveErrorKind =
  | 'no-credentials'
  | 'expired-credentials'
  | 'access-denied'
  | 'region-not-enabled'
  | 'throttled'
  | 'network'
  | 'timeout'
  | 'deadline'
  | 'invalid-response'
  | 'pagination'
  | 'aws';

/**
 * A failure of the live read. The CLI prints `message` as one line and exits 2: a run with a failed
 * call is never reported as a (partial) result.
 */
export class LiveError extends Error {
  readonly kind: LiveErrorKind;
  readonly region: string;
  readonly operation: string;

  constructor(kind: LiveErrorKind, region: string, operation: string, message: string) {
    super(message);
    this.name = 'LiveError';
    this.kind = kind;
    this.region = region;
    this.operation = operation;
  }
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const REGION_DISABLED = new Set(['AuthFailure', 'OptInRequired', 'UnrecognizedClientException', 'InvalidClientTokenId']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled', 'EC2ThrottledException']);
const NETWORK_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'EPIPE']);
const TIMEOUT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
}

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0].trim();
}

/** Maps an SDK error of `operation` in `region` to a {@link LiveError} with a one-line, actionable message. */
export function classifyAwsError(error: unknown, region: string, operation: string, profile?: string): LiveError {
  if (error instanceof LiveError) {
    // Raised below the reader (response validation) without a region: name the call now.
    return error.region === '' ? new LiveError(error.kind, region, operation, `${iamAction(operation)} in ${region}: ${error.message}`) : error;
  }
  const e = (error ?? {}) as AwsLikeError;
  const code = e.name && e.name !== 'Error' ? e.name : (e.Code ?? e.code ?? 'Error');
  const detail = firstLine(e.message);
  const action = iamAction(operation);
  const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
  if (code === 'CredentialsProviderError' || code === 'TokenProviderError') {
    return new LiveError(
      'no-credentials',
      region,
      operation,
      `no usable AWS credentials${profile ? ` for profile "${profile}"` : ''} (${code}: ${detail || 'none found'}); pass --profile, set AWS_PROFILE, or run \`${login}\``,
    );
  }
  if (EXPIRED.has(code)) {
    return new LiveError('expired-credentials', region, operation, `the AWS credentials have expired (${code} on ${action} in ${region}); refresh them (e.g. \`${login}\`) and check the system clock`);
  }
  if (DENIED.has(code)) {
    return new LiveError('access-denied', region, operation, `access denied to ${action} in ${region} (${code}); grant the auditor policy from \`palisade live --print-policy\` to the role you use`);
  }
  if (REGION_DISABLED.has(code)) {
    return new LiveError(
      'region-not-enabled',
      region,
      operation,
      `region ${region} is not enabled for this account or does not accept these credentials (${code} on ${action}); enable the region (opt-in) or drop it from --region`,
    );
  }
  if (THROTTLED.has(code)) {
    const attempts = e.$metadata?.attempts;
    return new LiveError('throttled', region, operation, `${action} in ${region} was still throttled after ${attempts ?? 'all'} attempt(s) (${code}); retry later or raise --max-attempts`);
  }
  if (TIMEOUT_CODES.has(code) || TIMEOUT_CODES.has(e.code ?? '')) {
    return new LiveError('timeout', region, operation, `${action} in ${region} got no complete answer in time (${code}${detail ? `: ${detail}` : ''}); check the endpoint or raise --request-timeout`);
  }
  if (code === 'AbortError') {
    return new LiveError('deadline', region, operation, `${action} in ${region} was stopped: the audit ran past its --deadline`);
  }
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(e.code ?? '')) {
    return new LiveError('network', region, operation, `cannot reach the EC2 endpoint of ${region} (${e.code ?? code}${detail ? `: ${detail}` : ''}); check the network/proxy and the region name`);
  }
  if (e.$metadata?.httpStatusCode !== undefined && e.$metadata.httpStatusCode < 300) {
    // A 2xx the SDK could not parse (truncated or malformed XML): not an answer.
    return new LiveError('invalid-response', region, operation, `${action} in ${region} returned a response that is not a valid EC2 document (${code}${detail ? `: ${detail}` : ''})`);
  }
  return new LiveError('aws', region, operation, `${action} in ${region} failed (${code}${detail ? `: ${detail}` : ''})`);
}

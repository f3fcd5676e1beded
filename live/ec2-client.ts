import { EC2Client } from '@aws-sdk/client-ec2';
import type { RetryStrategyV2 } from '@smithy/types';

/** How the reader wants a regional EC2 client configured. */
export interface Ec2ClientOptions {
  region: string;
  /** Shared-config profile; default: the SDK's default credential chain (AWS_PROFILE, env, SSO, IMDS...). */
  profile?: string;
  /** Attempts per call including the first (adaptive retry on throttling). */
  maxAttempts: number;
  /** Overrides the retry strategy (tests inject tiny backoff delays). @default adaptive retry */
  retryStrategy?: RetryStrategyV2;
}

/** Creates the EC2 client for one region; injectable so tests can mock or stub the transport. */
export type Ec2ClientFactory = (options: Ec2ClientOptions) => EC2Client;

/** Read-only EC2 client with adaptive retry (client-side rate limiting + backoff on throttling). */
export const defaultEc2ClientFactory: Ec2ClientFactory = (options) =>
  new EC2Client({
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    maxAttempts: options.maxAttempts,
    retryMode: 'adaptive',
    ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {}),
  });

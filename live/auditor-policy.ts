import { iamAction, LIVE_API_CALLS } from './api-calls';

/** An IAM policy document (the subset this module writes). */
export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }>;
}

/**
 * The least-privilege policy for the role `palisade live` runs as: exactly the read-only EC2 calls the
 * reader makes (generated from the same list), nothing else. EC2 Describe/Get calls support no
 * resource-level permissions, hence `Resource: "*"`.
 */
export function auditorPolicy(): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'PalisadeLiveAuditReadOnly', Effect: 'Allow', Action: [...new Set(LIVE_API_CALLS.map((c) => iamAction(c.operation)))].sort(), Resource: '*' }],
  };
}

/** The policy as pretty-printed JSON (what `palisade live --print-policy` prints). */
export function auditorPolicyJson(): string {
  return `${JSON.stringify(auditorPolicy(), null, 2)}\n`;
}

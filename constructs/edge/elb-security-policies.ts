/**
 * The known ELB security policies and their minimum TLS versions. The list itself lives with the baseline
 * (`policies/rules/lib/elb-security-policies.ts`, its source is documented there) so that the construct that picks a
 * policy and the rule that judges it can never disagree.
 */
export { ELB_API_DEFAULT_SECURITY_POLICY, ELB_SECURITY_POLICIES, isModernElbSecurityPolicy } from '../../policies/rules/lib/elb-security-policies';
export type { TlsVersion } from '../../policies/rules/lib/elb-security-policies';

/** Palisade's default: TLS 1.3 with TLS 1.2 fallback, forward-secret AEAD ciphers only (AWS's recommendation). */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

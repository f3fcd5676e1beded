import { asString } from '../model/values';
import { ELB_API_DEFAULT_SECURITY_POLICY, ELB_SECURITY_POLICIES, isModernElbSecurityPolicy } from './lib/elb-security-policies';
import { listeners, protocolOf } from './lib/alb';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP ELB.17 (checkov CKV_AWS_103); policy list in lib/elb-security-policies.ts. */
export const albTlsPolicy: Rule = {
  id: 'PAL-ALB-002',
  title: 'HTTPS/TLS listeners use an ELB security policy that requires TLS 1.2 or later.',
  rationale: 'TLS 1.0/1.1 are deprecated (RFC 8996) and allow weak ciphers; AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0) when no policy is named.',
  severity: 'high',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV_AWS_103', 'CKV2_AWS_74'], fsbp: ['ELB.17'], cis: [], ccm: ['CEK-03', 'CEK-04', 'DSP-10'] },
  fixHint: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+/1.3 policy) on the listener.',
  evaluate(model) {
    const tls = listeners(model).filter((l) => ['HTTPS', 'TLS'].includes(protocolOf(l)));
    if (tls.length === 0) return [notApplicable('No HTTPS/TLS listener in scope.')];
    return tls.map((l) => {
      const policy = asString(l.values.ssl_policy);
      if (!policy) return fail(l, `Listener ${l.address} names no ssl_policy: AWS applies ${ELB_API_DEFAULT_SECURITY_POLICY}, which accepts TLS 1.0.`);
      if (!(policy in ELB_SECURITY_POLICIES)) return fail(l, `Listener ${l.address} uses ${policy}, which is not a known ELB security policy (cannot prove TLS 1.2+).`);
      if (!isModernElbSecurityPolicy(policy)) return fail(l, `Listener ${l.address} uses ${policy}, which accepts TLS ${ELB_SECURITY_POLICIES[policy]}.`);
      return pass(l, `Listener ${l.address} uses ${policy} (TLS ${ELB_SECURITY_POLICIES[policy]}+).`);
    });
  },
};

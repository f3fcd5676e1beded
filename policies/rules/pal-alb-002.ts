import { asString } from '../model/values';
import { ELB_API_DEFAULT_SECURITY_POLICY, ELB_SECURITY_POLICIES, isModernElbSecurityPolicy } from './lib/elb-security-policies';
import { listenerTransport, listeners, plainHttpServing } from './lib/alb';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

/** Source: AWS FSBP ELB.17 (checkov CKV_AWS_103, CKV2_AWS_74); policy list in lib/elb-security-policies.ts. */
export const albTlsPolicy: Rule = {
  id: 'PAL-ALB-002',
  title: 'Listeners serve clients over TLS 1.2 or later: HTTPS/TLS listeners name a TLS 1.2+ ELB security policy, and HTTP listeners only redirect to HTTPS.',
  rationale: 'TLS 1.0/1.1 are deprecated (RFC 8996) and allow weak ciphers; AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0) when no policy is named. An HTTP listener that serves content offers no TLS at all (PAL-ALB-001 reports it too).',
  severity: 'high',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV_AWS_103', 'CKV2_AWS_74'], fsbp: ['ELB.17'], cis: [], ccm: ['CEK-03', 'CEK-04', 'DSP-10'] },
  fixHint: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+/1.3 policy) on the listener; make an HTTP listener only redirect to HTTPS.',
  evaluate(model) {
    const all = listeners(model);
    if (all.length === 0) return [notApplicable('No load balancer listener in scope.')];
    return all.map((l) => {
      const transport = listenerTransport(model, l);
      if (transport.kind === 'unknown') return unproven(l, `Whether listener ${l.address} offers TLS 1.2 or later`, transport.because);
      if (transport.kind === 'other') return notApplicable(`Listener ${l.address} uses ${transport.protocol} (no ELB security policy applies).`, l);
      if (transport.kind === 'http') {
        const problem = plainHttpServing(model, l);
        return problem ? fail(l, `HTTP listener ${l.address} serves clients without TLS: it ${problem}.`) : pass(l, `HTTP listener ${l.address} only redirects to HTTPS.`);
      }
      const policy = asString(l.values.ssl_policy);
      if (!policy) return fail(l, `Listener ${l.address} names no ssl_policy: AWS applies ${ELB_API_DEFAULT_SECURITY_POLICY}, which accepts TLS 1.0.`);
      if (!(policy in ELB_SECURITY_POLICIES)) return fail(l, `Listener ${l.address} uses ${policy}, which is not a known ELB security policy (cannot prove TLS 1.2+).`);
      if (!isModernElbSecurityPolicy(policy)) return fail(l, `Listener ${l.address} uses ${policy}, which accepts TLS ${ELB_SECURITY_POLICIES[policy]}.`);
      return pass(l, `Listener ${l.address} uses ${policy} (TLS ${ELB_SECURITY_POLICIES[policy]}+).`);
    });
  },
};

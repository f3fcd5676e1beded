import { asString, blocks } from '../model/values';
import { listenerRules, listeners, onNonApplicationLoadBalancer, protocolOf, redirectsToHttps } from './lib/alb';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP ELB.1 / ELB.18 (checkov CKV_AWS_2, CKV2_AWS_20). */
export const albHttpsListeners: Rule = {
  id: 'PAL-ALB-001',
  title: 'Load balancer listeners speak HTTPS/TLS, or plain HTTP only to redirect to HTTPS.',
  rationale: 'A plain-HTTP listener that serves content exposes requests, cookies and credentials to anyone on the path.',
  severity: 'high',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], fsbp: ['ELB.1', 'ELB.18'], cis: [], ccm: ['CEK-03', 'DSP-10', 'IVS-03'] },
  fixHint: 'Use protocol = "HTTPS" with a certificate, or make the HTTP listener\'s only action a redirect { protocol = "HTTPS", status_code = "HTTP_301" } with no listener rules.',
  evaluate(model) {
    const all = listeners(model);
    if (all.length === 0) return [notApplicable('No load balancer listener in scope.')];
    return all.map((l) => {
      const protocol = protocolOf(l);
      if (protocol === 'HTTPS' || protocol === 'TLS') return pass(l, `Listener ${l.address} uses ${protocol}.`);
      if (protocol !== 'HTTP' || onNonApplicationLoadBalancer(model, l)) return notApplicable(`Listener ${l.address} uses ${protocol} (not an HTTP listener).`, l);
      if (!redirectsToHttps(l.values.default_action)) return fail(l, `HTTP listener ${l.address} does not redirect to HTTPS (default action: ${blocks(l.values.default_action).map((a) => asString(a.type) ?? '?').join(', ') || 'none'}).`);
      const serving = listenerRules(model, l).filter((r) => !redirectsToHttps(r.values.action));
      if (serving.length > 0) return fail(l, `HTTP listener ${l.address} redirects by default but its rule(s) ${serving.map((r) => r.address).join(', ')} serve over plain HTTP.`);
      return pass(l, `HTTP listener ${l.address} only redirects to HTTPS.`);
    });
  },
};

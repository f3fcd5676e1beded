import { listenerTransport, listeners, plainHttpServing } from './lib/alb';
import { fail, notApplicable, pass, unproven, type Rule } from './types';

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
      const transport = listenerTransport(model, l);
      if (transport.kind === 'unknown') return unproven(l, `Whether listener ${l.address} serves plain HTTP`, transport.because);
      if (transport.kind === 'tls') return pass(l, `Listener ${l.address} uses ${transport.protocol}.`);
      if (transport.kind === 'other') return notApplicable(`Listener ${l.address} uses ${transport.protocol} (not an HTTP listener).`, l);
      const problem = plainHttpServing(model, l);
      return problem ? fail(l, `HTTP listener ${l.address} ${problem}.`) : pass(l, `HTTP listener ${l.address} only redirects to HTTPS.`);
    });
  },
};

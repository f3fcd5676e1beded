import { asString } from '../model/values';
import { listeners, onNonApplicationLoadBalancer, protocolOf } from './lib/alb';
import { fail, notApplicable, pass, type Rule, unproven } from './types';

/** One year, the max-age HSTS preload lists require. */
export const HSTS_MIN_MAX_AGE = 31_536_000;

/** Source: RFC 6797 (HSTS); OWASP Secure Headers; CSA CCM IVS-03. */
export const albHsts: Rule = {
  id: 'PAL-ALB-010',
  title: 'HTTPS listeners of Application Load Balancers send Strict-Transport-Security with max-age of at least one year.',
  rationale: 'Without HSTS a browser may try http:// first, and a network attacker can strip TLS before the redirect; the header makes the browser refuse plain HTTP for the site.',
  severity: 'medium',
  routine: 'encryption-in-transit',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-03', 'CEK-03'] },
  fixHint: `Set routing_http_response_strict_transport_security_header_value = "max-age=${HSTS_MIN_MAX_AGE}; includeSubDomains" on the HTTPS aws_lb_listener.`,
  evaluate(model) {
    const https = listeners(model).filter((l) => protocolOf(l) === 'HTTPS' && !onNonApplicationLoadBalancer(model, l));
    if (https.length === 0) return [notApplicable('No HTTPS listener of an Application Load Balancer in scope.')];
    return https.map((l) => {
      const raw = l.values.routing_http_response_strict_transport_security_header_value;
      const header = asString(raw);
      if (header === undefined) return fail(l, `${l.address} sends no Strict-Transport-Security header.`);
      if (header.includes('${')) return unproven(l, `${l.address}: the HSTS header`, 'its value is computed', 'low');
      const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(header)?.[1] ?? NaN);
      if (!Number.isFinite(maxAge) || maxAge < HSTS_MIN_MAX_AGE) return fail(l, `${l.address} sends "${header}": max-age below ${HSTS_MIN_MAX_AGE} s.`);
      return pass(l, `${l.address} sends Strict-Transport-Security: ${header}.`);
    });
  },
};

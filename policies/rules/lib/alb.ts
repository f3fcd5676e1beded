import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { asString, blocks, isToken } from '../../model/values';

/** Load balancers of every flavour (`aws_lb` and its alias `aws_alb`). */
export function loadBalancers(model: Model): Resource[] {
  return [...model.ofType('aws_lb'), ...model.ofType('aws_alb')];
}

/** Application Load Balancers (`load_balancer_type` unset defaults to application). */
export function applicationLoadBalancers(model: Model): Resource[] {
  return loadBalancers(model).filter((lb) => (asString(lb.values.load_balancer_type) ?? 'application') === 'application');
}

/** Listeners (`aws_lb_listener`, `aws_alb_listener`). */
export function listeners(model: Model): Resource[] {
  return [...model.ofType('aws_lb_listener'), ...model.ofType('aws_alb_listener')];
}

/** The load balancer a listener belongs to, when it is in the model. */
export function loadBalancerOf(model: Model, listener: Resource): Resource | undefined {
  return model.targets(listener, 'load_balancer_arn').find((t) => t.type === 'aws_lb' || t.type === 'aws_alb');
}

/** Whether a listener is on a Network/Gateway Load Balancer (so HTTP-level rules do not apply). */
export function onNonApplicationLoadBalancer(model: Model, listener: Resource): boolean {
  const lb = loadBalancerOf(model, listener);
  const type = lb ? asString(lb.values.load_balancer_type) ?? 'application' : undefined;
  return type !== undefined && type !== 'application';
}

/** Listener rules attached to a listener. */
export function listenerRules(model: Model, listener: Resource): Resource[] {
  return [...model.referrers(listener, 'aws_lb_listener_rule', 'listener_arn'), ...model.referrers(listener, 'aws_alb_listener_rule', 'listener_arn')];
}

/** Protocol of a listener or target group, upper-case (`HTTP` when unset, AWS's default for ALB listeners). */
export function protocolOf(r: Resource, fallback = 'HTTP'): string {
  return (asString(r.values.protocol) ?? fallback).toUpperCase();
}

/** Whether every action block redirects to HTTPS. */
export function redirectsToHttps(actions: unknown): boolean {
  const list = blocks(actions);
  return list.length > 0 && list.every((a) => asString(a.type) === 'redirect' && blocks(a.redirect).some((r) => (asString(r.protocol) ?? '#{protocol}').toUpperCase() === 'HTTPS'));
}

const LOAD_BALANCER_TYPES = ['application', 'network', 'gateway'];

/** How a listener carries client traffic, as the TLS rules judge it. */
export type ListenerTransport =
  | { kind: 'tls'; protocol: string }
  /** Plain HTTP on an Application Load Balancer (or on one the input does not hold). */
  | { kind: 'http' }
  /** TCP/UDP, or a listener of a Network/Gateway Load Balancer: no HTTP-level rule applies. */
  | { kind: 'other'; protocol: string }
  | { kind: 'unknown'; because: string };

/**
 * Classifies a listener: HTTPS/TLS whatever its load balancer; otherwise by protocol (AWS's default HTTP when unset)
 * and the type of its load balancer. An expression, or a load balancer type AWS does not know, leaves it unknown.
 */
export function listenerTransport(model: Model, listener: Resource): ListenerTransport {
  const raw = listener.values.protocol;
  if (isToken(raw)) return { kind: 'unknown', because: `its protocol is an expression (${String(raw)}) known only after apply` };
  const protocol = protocolOf(listener);
  if (protocol === 'HTTPS' || protocol === 'TLS') return { kind: 'tls', protocol };
  const lb = loadBalancerOf(model, listener);
  const rawType = lb?.values.load_balancer_type;
  if (lb && isToken(rawType)) return { kind: 'unknown', because: `the load_balancer_type of ${lb.address} is an expression (${String(rawType)}) known only after apply` };
  const type = lb ? asString(rawType) ?? 'application' : undefined;
  if (lb && type !== undefined && !LOAD_BALANCER_TYPES.includes(type)) return { kind: 'unknown', because: `${lb.address} has load_balancer_type "${type}", which is none of ${LOAD_BALANCER_TYPES.join(', ')}` };
  return protocol === 'HTTP' && (type === undefined || type === 'application') ? { kind: 'http' } : { kind: 'other', protocol };
}

/** Why an HTTP listener serves content over plain HTTP (it does not only redirect to HTTPS), or undefined. */
export function plainHttpServing(model: Model, listener: Resource): string | undefined {
  if (!redirectsToHttps(listener.values.default_action)) return `does not redirect to HTTPS (default action: ${blocks(listener.values.default_action).map((a) => asString(a.type) ?? '?').join(', ') || 'none'})`;
  const serving = listenerRules(model, listener).filter((r) => !redirectsToHttps(r.values.action));
  return serving.length > 0 ? `redirects by default but its rule(s) ${serving.map((r) => r.address).join(', ')} serve over plain HTTP` : undefined;
}

import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { asString, blocks } from '../../model/values';

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

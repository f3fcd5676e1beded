import type { Model } from '../../model/model';
import { findRefs } from '../../model/refs';
import type { Resource } from '../../model/types';
import { asString, list } from '../../model/values';

/** What one reference-valued element of an attribute points at. */
export type Referenced =
  | { readonly kind: 'resource'; readonly resource: Resource }
  /** A reference the input in scope cannot follow: another stack's output whose stack is not loaded, a literal id, an expression. */
  | { readonly kind: 'unresolved'; readonly value: string; readonly why: string };

const REMOTE_OUTPUT = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

/**
 * The resources an attribute of `from` refers to, element by element (`subnet_ids[0]`, …), following cdktf cross-stack
 * references: `${data.terraform_remote_state.<s>.outputs.<o>}` resolves to the resource output `<o>` of the producing
 * stack names — when that stack is in scope. Otherwise the element is `unresolved`, with the reason.
 */
export function referencedResources(model: Model, from: Resource, attribute: string, nested?: { readonly path: string; readonly value: unknown }): Referenced[] {
  // `nested`: a value inside a block, e.g. { path: 'ingress[0].security_groups', value: <that list> }.
  const raw = nested ? nested.value : from.values[attribute];
  const base = nested ? nested.path : attribute;
  const values = Array.isArray(raw) ? list(raw) : [raw];
  return values.flatMap((value, i): Referenced[] => {
    const text = asString(value);
    if (text === undefined) return [];
    const path = Array.isArray(raw) ? `${base}[${i}]` : base;
    // The loader links a cross-stack reference to the remote-state data source itself: follow it to the producer instead.
    const local = model.outgoing(from, attribute).filter((e) => e.path === path && !(e.to.mode === 'data' && e.to.type === 'terraform_remote_state')).map((e) => e.to);
    if (local.length > 0) return local.map((resource) => ({ kind: 'resource', resource }));
    const remote = REMOTE_OUTPUT.exec(text);
    if (remote) return [resolveRemoteOutput(model, from, remote[1], remote[2], text)];
    return [{ kind: 'unresolved', value: text, why: text.includes('${') ? 'an expression no resource in scope answers' : 'a literal id, not a resource in scope' }];
  });
}

function resolveRemoteOutput(model: Model, from: Resource, stateName: string, output: string, text: string): Referenced {
  const state = model.get(from.stack, `data.terraform_remote_state.${stateName}`);
  const source = JSON.stringify(state?.values.config ?? {});
  // The producer: a stack declaring that output, preferring the one the remote state's path or key names.
  const producers = model.stacks.filter((s) => s.name !== from.stack && s.outputs && output in s.outputs);
  const producer = producers.find((s) => source.includes(`${s.name}.tfstate`)) ?? (producers.length === 1 ? producers[0] : undefined);
  if (!producer) {
    return { kind: 'unresolved', value: text, why: `output ${output} of another stack (terraform_remote_state ${stateName}) whose stack is not in scope` };
  }
  const produced = asString(producer.outputs![output]);
  const ref = produced ? findRefs(produced)[0] : undefined;
  // `x[0]` is that instance; a resource whose instances are not expanded (cdktf, Terraform JSON) stands for all of them.
  const resource = ref ? model.get(producer.name, ref.address) ?? model.get(producer.name, ref.address.replace(/\[[^\]]*\]$/, '')) : undefined;
  return resource
    ? { kind: 'resource', resource }
    : { kind: 'unresolved', value: text, why: `output ${output} of stack ${producer.name} is ${JSON.stringify(producer.outputs![output])}, not a resource in scope` };
}

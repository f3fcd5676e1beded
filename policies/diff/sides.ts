import { loadModel, type LoadOptions } from '../model/load';
import type { Model } from '../model/model';
import type { SourceOptions } from '../source/index';
import { readInputJson } from '../model/read-input';
import { isObject, type Obj } from '../model/values';

/** A planned change of one resource, as `terraform show -json` reports it. */
export interface PlannedChange {
  address: string;
  type: string;
  actions: string[];
  before: Obj | null;
  after: Obj | null;
  afterUnknown: Obj;
  replacePaths: string[];
}

/** One side of a diff: the model, and for plan input the planned changes per stack. */
export interface DiffSide {
  inputs: string[];
  model: Model;
  /** Planned changes by stack name, only for plans made against existing state (real update/replace/delete). */
  changes: Map<string, Map<string, PlannedChange>>;
}

function pathText(p: unknown): string {
  return Array.isArray(p) ? p.map((x) => (typeof x === 'number' ? `[${x}]` : String(x))).join('.').replace(/\.\[/g, '[') : String(p);
}

/** True when the plan was made against existing resources: something other than create happens, or state existed. */
function againstState(plan: Obj): boolean {
  const prior = isObject(plan.prior_state) && isObject(plan.prior_state.values) ? plan.prior_state.values.root_module : undefined;
  if (isObject(prior) && Array.isArray(prior.resources) && prior.resources.some((r) => isObject(r) && r.mode === 'managed')) return true;
  const changes = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  return changes.some((rc) => isObject(rc) && isObject(rc.change) && Array.isArray(rc.change.actions) && rc.change.actions.join() !== 'create' && rc.mode === 'managed');
}

/**
 * Loads one side (`cdktf.out`, stack file/dir, or plan JSON). Fails closed: anything unreadable or an errored plan is
 * an {@link InputError} (exit 2), never an empty side.
 */
export function loadSide(input: string, baseDir: string, source?: SourceOptions, limits: LoadOptions['limits'] = {}): DiffSide {
  const model = loadModel([input], { baseDir, source, limits });
  const changes = new Map<string, Map<string, PlannedChange>>();
  for (const stack of model.stacks) {
    if (stack.kind !== 'terraform-plan') continue;
    // The loader already refused errored plans; the same bounded reader re-reads the plan for its change records.
    const plan = readInputJson(stack.file, limits).json as Obj;
    if (!againstState(plan)) continue;
    const byAddress = new Map<string, PlannedChange>();
    for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
      if (!isObject(rc) || rc.mode !== 'managed' || typeof rc.address !== 'string' || !isObject(rc.change)) continue;
      const ch = rc.change;
      byAddress.set(rc.address, {
        address: rc.address,
        type: String(rc.type),
        actions: Array.isArray(ch.actions) ? ch.actions.map(String) : [],
        before: isObject(ch.before) ? ch.before : null,
        after: isObject(ch.after) ? ch.after : null,
        afterUnknown: isObject(ch.after_unknown) ? ch.after_unknown : {},
        replacePaths: Array.isArray(ch.replace_paths) ? ch.replace_paths.map(pathText) : [],
      });
    }
    changes.set(stack.name, byAddress);
  }
  return { inputs: [input], model, changes };
}

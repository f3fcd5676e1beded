import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { isToken } from '../../model/values';

/**
 * True when `r.values[attribute]` is an expression (known only after apply) that leads to no resource of the input
 * — a variable, a local, a module output, a data source outside the plan — so what it points at cannot be shown.
 */
export function unresolvedReference(model: Model, r: Resource, attribute: string): boolean {
  return isToken(r.values[attribute]) && model.outgoing(r, attribute).length === 0;
}

/** Why a protection is only uncertain ({@link Model.referrersBySurety}), for an unproven message. */
export function whyUncertain(r: Resource): string {
  return r.instancesUnknown ? 'may not exist (its count or for_each is not known from the source)' : 'names one instance that the input does not show';
}

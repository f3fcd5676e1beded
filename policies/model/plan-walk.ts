import { pickProvider } from './builder';
import type { ProviderConfig } from './types';
import { blocks, isObject, type Obj } from './values';

/** A plan resource's configuration block (its `provider_config_key` and `expressions`), by its module address. */
export type PlanConfigOf = (resource: Obj, moduleAddress: string) => Obj | undefined;

/**
 * Calls `fn` for every AWS resource of a plan module tree (`planned_values` or `prior_state` root module, child modules
 * included) that one of the given root providers manages or reads. A provider block inside a module (`module.x:aws`)
 * is not a root provider: its resources are skipped.
 */
export function forEachRootProviderResource(root: unknown, providers: readonly ProviderConfig[], configOf: PlanConfigOf, fn: (resource: Obj & { address: string; type: string }, provider: ProviderConfig, config: Obj | undefined) => void): void {
  const visit = (mod: unknown) => {
    if (!isObject(mod)) return;
    const moduleAddress = typeof mod.address === 'string' ? mod.address : '';
    for (const r of blocks(mod.resources)) {
      if (typeof r.address !== 'string' || typeof r.type !== 'string' || !/(^|\/)aws$/.test(String(r.provider_name ?? ''))) continue;
      const config = configOf(r, moduleAddress);
      const key = config?.provider_config_key;
      if (typeof key === 'string' && key.includes(':')) continue;
      const provider = pickProvider([...providers], key);
      if (provider) fn(r as Obj & { address: string; type: string }, provider, config);
    }
    for (const child of blocks(mod.child_modules)) visit(child);
  };
  visit(root);
}

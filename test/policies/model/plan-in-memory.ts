/**
 * A `terraform show -json` plan built in memory for model tests: root providers (configuration expressions by
 * provider key), variables, and planned or read resources (module addresses nest them).
 */
import { modelFromDocuments } from '../../../policies/model/load';
import type { Model } from '../../../policies/model/model';

type Obj = Record<string, unknown>;

export interface Planned {
  address: string;
  values: Obj;
  /** Configuration expressions of the resource (what it writes). */
  expressions?: Obj;
  /** Provider config key (`aws`, `aws.use1`). */
  provider?: string;
  /** Read at plan time: listed in prior_state rather than planned_values. */
  read?: boolean;
}

/** A `terraform show -json` plan in memory: root providers, variables, and resources (module addresses nest them). */
export function plan(providers: Record<string, Obj>, resources: Planned[], variables: Record<string, { value: unknown; default?: unknown }> = {}): Model {
  const tree = () => ({ resources: [] as Obj[], child_modules: [] as Obj[] });
  const planned = tree();
  const prior = tree();
  const config: Obj = { resources: [], module_calls: {}, variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, 'default' in v ? { default: v.default } : {}])) };
  for (const r of resources) {
    const parts = r.address.match(/^((?:module\.[a-z_]+(?:\[[^\]]*\])?\.)*)(data\.)?([a-z0-9_]+)\.([a-z0-9_]+)/)!;
    const modules = parts[1] ? parts[1].slice(0, -1).split(/\.?module\./).filter(Boolean) : [];
    const [mode, type, name] = [parts[2] ? 'data' : 'managed', parts[3], parts[4]];
    let values = r.read ? prior : planned;
    let cfg = config;
    let at = '';
    for (const m of modules) {
      at = at ? `${at}.module.${m}` : `module.${m}`;
      let child = (values.child_modules as Obj[]).find((c) => c.address === at) as ReturnType<typeof tree> | undefined;
      if (!child) values.child_modules.push((child = { address: at, ...tree() } as never));
      values = child!;
      const calls = cfg.module_calls as Record<string, { module: Obj }>;
      cfg = (calls[m.replace(/\[.*$/, '')] ??= { module: { resources: [], module_calls: {} } }).module;
    }
    values.resources.push({ address: r.address, mode, type, name, provider_name: 'registry.terraform.io/hashicorp/aws', values: r.values });
    const cfgAddress = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    if (!(cfg.resources as Obj[]).some((c) => c.address === cfgAddress)) (cfg.resources as Obj[]).push({ address: cfgAddress, mode, type, name, provider_config_key: r.provider ?? 'aws', expressions: r.expressions ?? {} });
  }
  const json = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v.value }])),
    planned_values: { root_module: planned },
    prior_state: { format_version: '1.0', values: { root_module: prior } },
    resource_changes: [],
    configuration: { provider_config: Object.fromEntries(Object.entries(providers).map(([key, expressions]) => [key, { name: 'aws', ...(key.includes('.') ? { alias: key.split('.')[1] } : {}), expressions }])), root_module: config },
  };
  return modelFromDocuments([{ file: '/virtual/plan.json', json, stackName: 'plan' }], { baseDir: '/virtual' });
}

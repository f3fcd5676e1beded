import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { blocks, isObject, isToken, list, strings, type Obj } from '../../model/values';

/** Outcome of inspecting a policy attribute for statements open to everyone. */
export interface PolicyVerdict {
  /** False when the policy could not be read statically (an expression other than a policy-document data source). */
  analysable: boolean;
  /** Descriptions of Allow statements granting `*` principals without a Condition. */
  publicStatements: string[];
}

function hasConditionJson(st: Obj): boolean {
  return isObject(st.Condition) && Object.keys(st.Condition).length > 0;
}

function principalIsWildcard(p: unknown): boolean {
  if (p === '*') return true;
  if (isObject(p)) return Object.values(p).some((v) => list(v).includes('*'));
  return false;
}

/** Allow statements of a JSON policy document that open to `*` without a Condition. */
export function publicJsonStatements(doc: unknown): string[] {
  if (!isObject(doc)) return [];
  const out: string[] = [];
  list(doc.Statement).forEach((st, i) => {
    if (!isObject(st)) return;
    if (String(st.Effect ?? 'Allow') !== 'Allow') return;
    const sid = typeof st.Sid === 'string' ? `"${st.Sid}"` : `#${i}`;
    if (principalIsWildcard(st.Principal) && !hasConditionJson(st)) out.push(`statement ${sid} allows Principal "*" without Condition`);
    else if (st.NotPrincipal !== undefined && !hasConditionJson(st)) out.push(`statement ${sid} uses NotPrincipal with Allow without Condition`);
  });
  return out;
}

/** Same check on an `aws_iam_policy_document` data source (`statement` blocks), following source/override documents. */
export function publicDocumentStatements(model: Model, data: Resource, seen = new Set<Resource>()): string[] {
  if (seen.has(data)) return [];
  seen.add(data);
  const out: string[] = [];
  blocks(data.values.statement).forEach((st, i) => {
    if (String(st.effect ?? 'Allow') !== 'Allow') return;
    const sid = typeof st.sid === 'string' ? `"${st.sid}"` : `#${i}`;
    const conditioned = blocks(st.condition).length > 0;
    const wildcard = blocks(st.principals).some((p) => p.type === '*' || strings(p.identifiers).includes('*'));
    if (wildcard && !conditioned) out.push(`${data.address} statement ${sid} allows principal "*" without condition`);
    else if (blocks(st.not_principals).length > 0 && !conditioned) out.push(`${data.address} statement ${sid} uses not_principals with Allow without condition`);
  });
  for (const attr of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    for (const t of model.targets(data, attr, 'data.aws_iam_policy_document')) out.push(...publicDocumentStatements(model, t, seen));
  }
  return out;
}

/** Inspects `holder.values[attribute]`: a JSON string, or a reference to `data.aws_iam_policy_document.*.json`. */
export function inspectPolicy(model: Model, holder: Resource, attribute = 'policy'): PolicyVerdict {
  const value = holder.values[attribute];
  if (value === undefined || value === null || value === '') return { analysable: true, publicStatements: [] };
  if (isObject(value)) return { analysable: true, publicStatements: publicJsonStatements(value) };
  if (typeof value !== 'string') return { analysable: false, publicStatements: [] };
  if (isToken(value)) {
    const docs = model.targets(holder, attribute, 'data.aws_iam_policy_document');
    const whole = /^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_-]+\.json\}$/.test(value.trim());
    if (docs.length === 0 || !whole) return { analysable: false, publicStatements: [] };
    return { analysable: true, publicStatements: docs.flatMap((d) => publicDocumentStatements(model, d)) };
  }
  try {
    return { analysable: true, publicStatements: publicJsonStatements(JSON.parse(value)) };
  } catch {
    return { analysable: false, publicStatements: [] };
  }
}

/** Policy-holding resources of a KMS key: the key itself (if `policy` is set) and `aws_kms_key_policy` resources. */
export function kmsPolicyHolders(model: Model, key: Resource): Resource[] {
  const out: Resource[] = [];
  if (key.values.policy !== undefined && key.values.policy !== null && key.values.policy !== '') out.push(key);
  out.push(...model.referrers(key, 'aws_kms_key_policy', 'key_id'));
  return out;
}

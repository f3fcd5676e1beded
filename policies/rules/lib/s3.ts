import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { blocks, isObject, isToken, list, strings, type Obj, isComputed } from '../../model/values';

/** Split configuration resources (`aws_s3_bucket_<aspect>`) of a bucket, found through their `bucket` reference. */
export function bucketSettings(model: Model, bucket: Resource, type: string): Resource[] {
  return model.referrers(bucket, type, 'bucket');
}

/** A policy statement in one shape, whichever way it was written (JSON policy or policy-document data source). */
export interface NormalStatement {
  sid?: string;
  effect: string;
  principals: string[];
  actions: string[];
  /** `operator -> key -> values` */
  conditions: Record<string, Record<string, string[]>>;
}

/** Statements of a bucket's policies (`aws_s3_bucket_policy` and the legacy inline `policy`); undefined when unreadable. */
export function bucketPolicyStatements(model: Model, bucket: Resource): { statements: NormalStatement[]; unreadable: string[] } {
  const holders: Array<[Resource, unknown]> = bucketSettings(model, bucket, 'aws_s3_bucket_policy').map((p) => [p, p.values.policy]);
  // A plan's provider-computed `policy` (never written in the configuration) is no policy of the bucket.
  if (bucket.values.policy !== undefined && bucket.values.policy !== null && bucket.values.policy !== '' && !isComputed(bucket.values.policy)) holders.push([bucket, bucket.values.policy]);
  const statements: NormalStatement[] = [];
  const unreadable: string[] = [];
  for (const [holder, value] of holders) {
    if (isObject(value)) {
      statements.push(...jsonStatements(value));
      continue;
    }
    if (typeof value !== 'string') {
      unreadable.push(holder.address);
      continue;
    }
    if (/^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_-]+\.json\}$/.test(value.trim())) {
      const docs = model.targets(holder, 'policy', 'data.aws_iam_policy_document');
      if (docs.length === 0) unreadable.push(holder.address);
      for (const doc of docs) statements.push(...documentStatements(doc));
      continue;
    }
    try {
      // Interpolations inside a JSON string (bucket ARNs) do not stop it from parsing.
      statements.push(...jsonStatements(JSON.parse(value)));
    } catch {
      unreadable.push(holder.address);
    }
    if (isToken(value) && statements.length === 0) unreadable.push(holder.address);
  }
  return { statements, unreadable };
}

function jsonStatements(doc: unknown): NormalStatement[] {
  if (!isObject(doc)) return [];
  return list(doc.Statement).filter(isObject).map((st) => ({
    sid: typeof st.Sid === 'string' ? st.Sid : undefined,
    effect: String(st.Effect ?? 'Allow'),
    principals: st.Principal === '*' ? ['*'] : isObject(st.Principal) ? Object.values(st.Principal).flatMap((v) => strings(v)) : strings(st.Principal),
    actions: strings(st.Action),
    conditions: Object.fromEntries(Object.entries(isObject(st.Condition) ? st.Condition : {}).map(([op, body]) => [
      op,
      Object.fromEntries(Object.entries(isObject(body) ? body : {}).map(([k, v]) => [k, list(v).map(String)])),
    ])),
  }));
}

function documentStatements(doc: Resource): NormalStatement[] {
  return blocks(doc.values.statement).map((st: Obj) => {
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const c of blocks(st.condition)) {
      const op = String(c.test ?? '');
      (conditions[op] ??= {})[String(c.variable ?? '')] = list(c.values).map(String);
    }
    return {
      sid: typeof st.sid === 'string' ? st.sid : undefined,
      effect: String(st.effect ?? 'Allow'),
      principals: blocks(st.principals).flatMap((p) => (p.type === '*' ? ['*'] : strings(p.identifiers))),
      actions: strings(st.actions),
      conditions,
    };
  });
}

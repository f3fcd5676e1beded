import { BaselineReport, Finding, modelFromDocuments, runBaseline } from '../../policies/index';
import { RULES } from '../../policies/rules/index';
import { isIsoDate, MIN_REASON_LETTERS, MODULE_SUPPRESSIONS_KEY, palisadeComment, PALISADE_COMMENT_KEY, reasonProblem, SuppressionSpec, TF_COMMENT_KEY, visibleReason } from '../../policies/suppression-format';
import { PalisadeConfigError } from '../errors';
import { Aspects, IAspect, IConstruct, TerraformModule, TerraformResource, TerraformStack } from '../framework';

export interface SuppressionOptions {
  /** Why the finding is accepted here: shown in every report next to the finding. Required. */
  readonly reason: string;
  /** Last day (`YYYY-MM-DD`, UTC) the suppression applies; after it the finding is back and the expiry is a finding too. @default never expires */
  readonly expires?: string;
}

export interface BaselineGateOptions {
  /** Regions providers may use (GDPR). */
  readonly allowedRegions: readonly string[];
  /** Evaluation date for suppression expiry. @default today */
  readonly today?: string;
}

const suppressionsByScope = new WeakMap<IConstruct, SuppressionSpec[]>();
const scopesWithAspect = new WeakSet<IConstruct>();
const knownRuleIds = new Set(RULES.map((r) => r.id));

/**
 * Writes the suppressions of a resource and all its ancestors into its `//.palisade` comment, which Terraform ignores.
 * A module block's go into its stack's comment under `modules.<name>`: cdktf writes its own `//` over a module block's.
 */
class SuppressionAspect implements IAspect {
  visit(node: IConstruct): void {
    const isResource = TerraformResource.isTerraformResource(node);
    if (!isResource && !(node instanceof TerraformModule)) return;
    const all = node.node.scopes.flatMap((scope) => suppressionsByScope.get(scope) ?? []);
    if (all.length === 0) return;
    if (isResource) node.addOverride(`${TF_COMMENT_KEY}.${PALISADE_COMMENT_KEY}`, palisadeComment(all));
    else TerraformStack.of(node).addOverride(`${TF_COMMENT_KEY}.${PALISADE_COMMENT_KEY}.${MODULE_SUPPRESSIONS_KEY}.${(node as TerraformModule).friendlyUniqueId}`, palisadeComment(all));
  }
}

/**
 * The security baseline in the construct tree: reasoned suppressions next to the construct they concern,
 * and the synth-time gate that makes `cdktf synth` fail on an unsuppressed finding.
 */
export const Baseline = {
  /**
   * Accepts findings of `ruleId` on every Terraform resource (and module block) under `scope`, for a stated reason.
   * The suppression travels in the synthesized JSON, so the CLI, reports and diffs all see it.
   */
  suppress(scope: IConstruct, ruleId: string, options: SuppressionOptions): void {
    const where = scope.node.path;
    if (!knownRuleIds.has(ruleId)) {
      throw new PalisadeConfigError(where, 'ruleId', ruleId, 'not a rule of the baseline (list them with `npx palisade rules`)');
    }
    const badReason = reasonProblem(options.reason);
    if (badReason) {
      const need = badReason === 'missing-reason' ? 'a stated reason' : `a reason of at least ${MIN_REASON_LETTERS} visible letters`;
      throw new PalisadeConfigError(where, 'reason', options.reason, `suppressing ${ruleId} needs ${need}`);
    }
    if (options.expires !== undefined && !isIsoDate(options.expires)) {
      throw new PalisadeConfigError(where, 'expires', options.expires, 'use a calendar date written YYYY-MM-DD');
    }
    const list = suppressionsByScope.get(scope) ?? [];
    list.push({ ruleId, reason: visibleReason(options.reason), ...(options.expires ? { expires: options.expires } : {}) });
    suppressionsByScope.set(scope, list);
    if (!scopesWithAspect.has(scope)) {
      Aspects.of(scope).add(new SuppressionAspect());
      scopesWithAspect.add(scope);
    }
  },

  /**
   * Runs the baseline over a stack's Terraform JSON (aspects must have run: call during or after synth). The stacks it
   * reads through cross-stack references are loaded beside it, so rules can follow those references (a database's
   * subnets in the network stack); findings, unproven verdicts, warnings and results are this stack's only (the
   * summary and rule outcomes still count the stacks read beside it).
   */
  check(stack: TerraformStack, options: BaselineGateOptions): BaselineReport {
    const document = (s: TerraformStack) => ({ file: `stacks/${s.node.id}/cdk.tf.json`, json: s.toTerraform(), stackName: s.node.id });
    const model = modelFromDocuments([document(stack), ...stack.dependencies.map(document)]);
    const report = runBaseline(model, { allowedRegions: options.allowedRegions, today: options.today });
    if (stack.dependencies.length === 0) return report;
    const own = (f: { stack: string }) => f.stack === stack.node.id || f.stack === '*';
    return { ...report, findings: report.findings.filter(own), unproven: report.unproven.filter(own), warnings: report.warnings.filter(own), results: report.results.filter(own) };
  },

  /** Makes synthesis of the stack fail while the baseline reports an unsuppressed finding or unproven verdict. */
  enforce(stack: TerraformStack, options: BaselineGateOptions): void {
    stack.node.addValidation({
      validate: () => {
        const report = Baseline.check(stack, options);
        return [...report.findings, ...report.unproven].filter((f) => !f.suppressed).map(describeFinding);
      },
    });
  },
};

/** One line per finding: rule, severity, resource, message and how to fix it. */
export function describeFinding(f: Finding): string {
  const where = f.message.includes(f.resource) ? '' : `${f.resource}: `;
  return `[${f.ruleId} ${f.severity}${f.verdict === 'unproven' ? ' unproven' : ''}] ${where}${f.message} Fix: ${f.fixHint}`;
}

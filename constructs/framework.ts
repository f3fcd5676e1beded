/**
 * The one place Palisade imports the CDK-for-Terraform framework from.
 *
 * cdktf is archived upstream; CDK Terrain (`cdktn`) is its rename-fork. Swapping frameworks means
 * changing the module names below (and the provider bindings' package), not every construct.
 */
export { App, Aspects, Fn, LocalBackend, S3Backend, TerraformElement, TerraformModule, TerraformOutput, TerraformResource, TerraformStack, Testing, Token } from 'cdktf';
export type { IAspect } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct, IValidation } from 'constructs';

/** cdktf's helper through which every token, lazy value and dynamic block records where it was created. */
const STACK_TRACE_MODULE = 'cdktf/lib/tokens/private/stack-trace';

type CaptureStackTrace = (below?: (...args: never[]) => unknown) => string[];
let frameworkCapture: CaptureStackTrace | undefined;
const noCreationStack: CaptureStackTrace = () => [];

/**
 * The framework's internals moved: the switch below cannot be applied, so it says so instead of silently doing nothing.
 */
export class FrameworkInternalsError extends Error {
  constructor(public readonly modulePath: string, reason: string) {
    super(`${modulePath}: ${reason} (the framework's internals changed; token creation stacks cannot be switched)`);
    this.name = 'FrameworkInternalsError';
  }
}

/**
 * Whether cdktf records the creation stack of every token it makes (default: it does).
 *
 * cdktf captures a full, unlimited stack trace for each token, lazy value and dynamic block, and reads it only to
 * explain a token that fails to resolve ("Object creation stack: …"). For an estate of 10,000 resources that is a
 * quarter to a third of the synth time and ~80 MB of memory (`npm run bench`), more again under a source-mapping
 * loader (ts-node, jest). Turned off, the synthesized Terraform is byte-identical; only such an error message loses its
 * creation stack — turn it back on to debug one.
 *
 * The switch is process-wide (cdktf has one helper) and applies to tokens created after the call.
 * @throws FrameworkInternalsError when the framework no longer has the helper where this expects it.
 */
export function setTokenCreationStacks(enabled: boolean): void {
  let helper: { captureStackTrace?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the live module object: an import would be a copy
    helper = require(STACK_TRACE_MODULE);
  } catch (e) {
    throw new FrameworkInternalsError(STACK_TRACE_MODULE, `cannot be loaded: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof helper.captureStackTrace !== 'function') throw new FrameworkInternalsError(STACK_TRACE_MODULE, 'has no captureStackTrace function');
  frameworkCapture ??= helper.captureStackTrace as CaptureStackTrace;
  helper.captureStackTrace = enabled ? frameworkCapture : noCreationStack;
}

/**
 * The AWS SDK for JavaScript prints an 8-line warning on every run under Node.js < 22 (its releases after the first
 * week of January 2027 need Node 22). Palisade pins its SDK, so `palisade live` keeps working on Node 20; users are
 * told once, in one line, and the SDK's own warning is silenced. Nothing is printed when the user has already
 * silenced the SDK's warning themselves (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true).
 */
export const SDK_WARNING_ENV = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
export const MIN_NODE_MAJOR_FOR_NEW_SDKS = 22;

/** The one line to print (or undefined), and the SDK's warning turned off in `env`. Call before the SDK loads. */
export function takeOverNodeSupportWarning(version: string = process.version, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const userSilenced = env[SDK_WARNING_ENV] === 'true';
  env[SDK_WARNING_ENV] = 'true';
  const major = Number.parseInt(version.replace(/^v/, ''), 10);
  if (userSilenced || !Number.isFinite(major) || major >= MIN_NODE_MAJOR_FOR_NEW_SDKS) return undefined;
  return `palisade: note: Node.js ${version} is past end of life; palisade live works with its pinned AWS SDK, but AWS SDK releases from January 2027 need Node.js ${MIN_NODE_MAJOR_FOR_NEW_SDKS}+ (set ${SDK_WARNING_ENV}=true to hide this line)`;
}

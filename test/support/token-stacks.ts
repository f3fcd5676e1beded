/**
 * cdktf records a full stack trace for every token it creates (`creationStack`, read only to explain an unresolvable
 * token). Under jest every such capture is formatted through jest's source-map formatter, which doubles the time of
 * a synth in a test. Captures into plain objects (what cdktf's `captureStackTrace` uses) get V8's plain frames here;
 * real errors still go to jest's formatter, so failures keep their TypeScript line numbers.
 */
function hostRealmError(): ErrorConstructor {
  try {
    // Node's own errors are made in the host realm, whose Error carries jest's formatter.
    require('node:fs').readFileSync('\0');
  } catch (e) {
    return (e as Error).constructor as ErrorConstructor;
  }
  return Error;
}

const HostError = hostRealmError();
const plainFrames = (frames: NodeJS.CallSite[]) => frames.map((f) => `    at ${f}`).join('\n');

Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
  if (error instanceof Error || error instanceof HostError) {
    const format = HostError.prepareStackTrace;
    return typeof format === 'function' ? format(error, frames) : `${error.name}: ${error.message}\n${plainFrames(frames)}`;
  }
  return `Error\n${plainFrames(frames)}`;
};

/** Raised for anything wrong with the input: missing path, malformed JSON, unknown kind, nothing to scan. */
export class InputError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'InputError';
    this.path = path;
  }
}

/**
 * Synchronous access to HashiCorp's HCL parser (`@cdktf/hcl2json`: hashicorp/hcl v2 — the parser Terraform itself
 * uses — compiled to WASM, offline). The parser is asynchronous and the model loader is not, so a worker thread does
 * the parsing and this side blocks on `Atomics.wait` until it answers. One worker per process, started on first use
 * (the WASM takes ~1 s to start) and unref'd so it never keeps the process alive.
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';

/** One node of the parser's expression syntax tree (see `@cdktf/hcl2json` `TFExpressionSyntaxTree`). */
export interface AstNode {
  type: string;
  meta?: Record<string, unknown> & { value?: string };
  children: AstNode[];
  range?: { start: { byte: number }; end: { byte: number } };
}

export interface HclRequest {
  /** HCL files to parse (`.tf`, `.tfvars`): name (for messages) and text. */
  files: Array<{ name: string; text: string }>;
  /** Template strings (`"${...}"`) to parse, besides those found in the files. */
  expressions?: string[];
}

export interface HclAnswer {
  /** Per file in request order: the HCL converted to Terraform-JSON shape, or the parser's error. */
  files: Array<{ json?: Record<string, unknown>; error?: string }>;
  /** Syntax tree (or parse error) of every template string found in the files or asked for. */
  expressions: Record<string, { ast?: AstNode; error?: string }>;
}

/** Loaded with the first HCL input: checks of JSON never need worker threads, and loading them is ~1 ms a start. */
const threads = () => require('node:worker_threads') as typeof import('node:worker_threads');

let worker: { worker: Worker; signal: Int32Array } | undefined;

function start(): { worker: Worker; signal: Int32Array } {
  const shared = new SharedArrayBuffer(4);
  const { Worker } = threads();
  const w = new Worker(path.join(__dirname, 'hcl-worker.js'), { workerData: { signal: shared } });
  w.unref();
  w.on('error', () => (worker = undefined));
  w.on('exit', () => (worker = undefined));
  return { worker: w, signal: new Int32Array(shared) };
}

/** Parses HCL files and template expressions; blocks until the parser answers. */
export function parseHcl(request: HclRequest): HclAnswer {
  if (request.files.length === 0 && (request.expressions ?? []).length === 0) return { files: [], expressions: {} };
  worker ??= start();
  const { MessageChannel, receiveMessageOnPort } = threads();
  const { port1, port2 } = new MessageChannel();
  Atomics.store(worker.signal, 0, 0);
  worker.worker.postMessage({ port: port2, request }, [port2]);
  // Waits in slices so a worker that died (its error handler clears `worker`) cannot hang the loader.
  for (let waited = 0; Atomics.wait(worker.signal, 0, 0, 1000) === 'timed-out'; waited++) {
    if (waited > 120) throw new Error('the HCL parser did not answer within 120 s');
  }
  const reply = receiveMessageOnPort(port1);
  port1.close();
  const message = reply?.message as { result?: HclAnswer; error?: string } | undefined;
  if (!message?.result) throw new Error(`the HCL parser failed: ${message?.error ?? 'no answer'}`);
  return message.result;
}

import stripAnsi from 'strip-ansi';

/**
 * Escaping for terminals and plain-text logs: the ONE place text output and CLI error messages make input-derived
 * strings (stack and resource names, messages, suppression reasons, paths, AWS error text) safe to print.
 *
 * ANSI/OSC sequences are removed with `strip-ansi`; what is left of the C0/C1 control range (NUL, BEL, lone ESC, CR,
 * backspace, DEL…) and the bidirectional overrides that reorder a line (Trojan Source) are dropped; line and
 * paragraph breaks become one space, so an input string can never start a line of its own (a fake `PASS`).
 */
// eslint-disable-next-line no-control-regex
const BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
// C0 and C1 controls and DEL, plus bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of input-derived text, safe for a terminal: no escape sequences, no control characters, no line breaks. */
export function terminalText(value: unknown): string {
  const text = String(value ?? '');
  // Every ANSI/OSC sequence strip-ansi removes starts with ESC or CSI; most text has neither, and strip-ansi builds
  // its expression anew on each call (a large share of formatting a big report).
  return (ESCAPE_STARTS.test(text) ? stripAnsi(text) : text).replace(BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '');
}

// eslint-disable-next-line no-control-regex
const ESCAPE_STARTS = /[\u001b\u009b]/;

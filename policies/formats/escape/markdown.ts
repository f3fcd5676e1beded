/**
 * Markdown for PR comments and reports, built as an mdast tree and serialised by `mdast-util-to-markdown` with the
 * GFM extension (tables, autolink literals, strikethrough): the ONE place Palisade turns input-derived text (stack
 * and resource names, messages, suppression reasons, paths) into Markdown. Every builder here is safe for any input:
 *
 * - HTML (`<script>`, `<img onerror>`), emphasis, links and images, autolinks (`http://`, `www.`, `<javascript:…>`),
 *   headings, lists and table pipes are escaped by the serialiser, so text never becomes markup;
 * - code spans pick a backtick fence longer than any run inside (`` a`b `` → ``` ``a`b`` ```);
 * - `@mentions` are broken with an empty HTML comment after the `@` (`@<!-- -->team`, GitHub's own remedy), so a
 *   resource name cannot page a team; autolink literals (`https://`, `www.`) are broken the same way;
 * - control characters and ANSI sequences are dropped and line breaks become spaces (one cell stays one cell).
 *
 * Document builders (`md*`) return mdast nodes; `renderMarkdown` serialises a document, `markdownInline` and
 * `markdownCell` serialise phrasing for code that still assembles lines itself.
 */
import type { Heading, InlineCode, List, Paragraph, PhrasingContent, RootContent, Strong, Table, TableCell, TableRow, Text } from 'mdast';
import type { Handle, Info, Options, State } from 'mdast-util-to-markdown';
import { terminalText } from './terminal';

/**
 * The serialiser escapes every `_` in text. Between two letters or digits an underscore can neither open nor close
 * emphasis (CommonMark flanking rules), so that escape is dropped again and Terraform addresses stay readable
 * (`aws_s3_bucket.logs`, not `aws\\_s3\\_bucket.logs`). An escaped backslash is preceded by a backslash, never by a
 * letter, so this never un-escapes input text.
 */
const text: Handle = (node: Text, _parent, state: State, info: Info) => state.safe(node.value, info).replace(/(?<=[A-Za-z0-9])\\_(?=[A-Za-z0-9])/g, '_');

/**
 * The serialiser, loaded on first use: the mdast packages ship ES modules only, and a consumer's CommonJS jest (which
 * cannot require ES modules on Node 20) imports `palisade`, `palisade/jest` and `palisade/policies` without Markdown.
 */
let serializer: { toMarkdown: (tree: Parameters<typeof import('mdast-util-to-markdown').toMarkdown>[0], options: Options) => string; options: Options } | undefined;
function serialise(tree: Parameters<typeof import('mdast-util-to-markdown').toMarkdown>[0]): string {
  if (!serializer) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { toMarkdown } = require('mdast-util-to-markdown') as typeof import('mdast-util-to-markdown');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { gfmToMarkdown } = require('mdast-util-gfm') as typeof import('mdast-util-gfm');
    serializer = { toMarkdown, options: { bullet: '-', emphasis: '_', strong: '*', fences: true, handlers: { text }, extensions: [gfmToMarkdown({ tablePipeAlign: false })] } };
  }
  return serializer.toMarkdown(tree, serializer.options);
}

/** Breaks a GitHub mention: the serialiser cannot escape `@`, so an empty comment separates it from the name. */
const MENTION_BREAK = '<!-- -->';

/**
 * Where an empty comment must split input text: after `@` (mentions, e-mail autolinks), and inside `://` and `www.`.
 * GFM finds autolink literals in the text a parser has already unescaped, so the serialiser's `https\://` still
 * renders as a link; text split into two nodes by a comment cannot be one.
 */
const AUTOLINK_BREAKS = /(?<=@)|(?<=:)(?=\/\/)|(?<=\bwww)(?=\.)/i;

/** Input-derived text as phrasing content: one line, no controls, mentions and autolinks neutralised, everything else escaped on output. */
export function mdText(value: unknown): PhrasingContent[] {
  const parts = terminalText(value).split(AUTOLINK_BREAKS);
  const out: PhrasingContent[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push({ type: 'html', value: MENTION_BREAK });
    if (part !== '') out.push({ type: 'text', value: part } satisfies Text);
  });
  return out;
}

/** A code span holding any text (backtick runs included): one line, controls removed. */
export function mdCode(value: unknown): InlineCode {
  return { type: 'inlineCode', value: terminalText(value) };
}

export function mdStrong(...children: PhrasingContent[]): Strong {
  return { type: 'strong', children };
}

export function mdParagraph(...children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

export function mdHeading(depth: 1 | 2 | 3 | 4 | 5 | 6, ...children: PhrasingContent[]): Heading {
  return { type: 'heading', depth, children };
}

/** A bullet list; each item is one line of phrasing. */
export function mdList(items: readonly PhrasingContent[][]): List {
  return { type: 'list', ordered: false, spread: false, children: items.map((c) => ({ type: 'listItem', spread: false, children: [mdParagraph(...c)] })) };
}

export type MdAlign = 'left' | 'right' | 'center' | null;

/** A GFM table: a header of plain labels and rows of cells (each cell a phrasing list; a string is escaped text). */
export function mdTable(header: readonly string[], rows: readonly (readonly (PhrasingContent[] | string)[])[], align: readonly MdAlign[] = []): Table {
  const row = (cells: readonly (PhrasingContent[] | string)[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: typeof c === 'string' ? mdText(c) : c })),
  });
  return { type: 'table', align: header.map((_, i) => align[i] ?? null), children: [row(header), ...rows.map(row)] };
}

/** Serialises a document (a list of block nodes) to Markdown ending in one newline. */
export function renderMarkdown(children: readonly RootContent[]): string {
  return serialise({ type: 'root', children: [...children] });
}

/** Serialises phrasing as inline Markdown (no trailing newline), for lines assembled outside a table. */
export function markdownInline(...children: PhrasingContent[]): string {
  return serialise(mdParagraph(...children)).replace(/\n$/, '');
}

/** Serialises phrasing as the content of a table cell (pipes escaped too), for rows assembled by hand. */
export function markdownCell(...children: PhrasingContent[]): string {
  return serialise({ type: 'tableCell', children }).replace(/\n$/, '');
}

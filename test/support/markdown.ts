/**
 * Reads Markdown the way GitHub does (CommonMark + GFM) so tests assert what a reader would see, not substrings of
 * the source: which raw HTML survives, which links and images exist, and which `@mentions` would notify someone.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export function parseMarkdown(md: string): Root {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const c of node.children) walk(c as Nodes, visit);
}

/** Everything an attacker could want out of a rendered comment. */
export interface RenderedMarkdown {
  /** Raw HTML nodes (GitHub renders a sanitised subset of them). */
  html: string[];
  /** Link and image targets. */
  urls: string[];
  /** Text as rendered (HTML comments dropped), joined. */
  text: string;
  /** Inline code values. */
  code: string[];
  /** `@name` mentions GitHub would link in the rendered text. */
  mentions: string[];
}

export function rendered(md: string): RenderedMarkdown {
  const out: RenderedMarkdown = { html: [], urls: [], text: '', code: [], mentions: [] };
  const texts: string[] = [];
  walk(parseMarkdown(md), (n) => {
    if (n.type === 'html') out.html.push(n.value);
    else if (n.type === 'link' || n.type === 'image' || n.type === 'definition') out.urls.push(n.url);
    else if (n.type === 'text') texts.push(n.value);
    else if (n.type === 'inlineCode') out.code.push(n.value);
  });
  out.text = texts.join('');
  // GitHub links @name in text nodes only; an HTML comment between "@" and the name splits them into two nodes.
  for (const t of texts) for (const m of t.matchAll(/(?:^|[^A-Za-z0-9`])@([A-Za-z0-9][A-Za-z0-9-]*)/g)) out.mentions.push(m[1]);
  return out;
}

/** HTML nodes other than the fixed markup the formatter writes itself. */
export function foreignHtml(md: string, own: readonly RegExp[] = [/^<!-- -->$/, /^<!-- palisade-diff -->$/, /^<\/?details>$/, /^<details><summary>[^<>]*<\/summary>$/]): string[] {
  return rendered(md).html.filter((h) => !own.some((re) => re.test(h.trim())));
}

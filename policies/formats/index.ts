import type { BaselineReport, UnprovenPolicy } from '../engine';
import type { Severity } from '../rules/types';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats that list every evaluated result (JUnit: one test case per result); the others show findings only. */
export function formatListsResults(format: Format): boolean {
  return format === 'junit';
}

export function isFormat(v: unknown): v is Format {
  return typeof v === 'string' && (FORMATS as readonly string[]).includes(v);
}

export interface FormatOptions {
  color?: boolean;
  failOn?: Severity;
  /** Whether unproven verdicts block (default `fail`); shapes the verdict line of text and markdown. */
  unproven?: UnprovenPolicy;
  toolVersion?: string;
}

/** Renders a report in one of the supported formats. */
export function formatReport(report: BaselineReport, format: Format, options: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'junit':
      return formatJunit(report);
    case 'markdown':
      return formatMarkdown(report, options);
  }
}

export { formatJson, toJsonReport } from './json';
export type { JsonReport } from './json';
export { formatJunit } from './junit';
export { formatMarkdown } from './markdown';
export { formatSarif, toSarif } from './sarif';
export { formatText } from './text';

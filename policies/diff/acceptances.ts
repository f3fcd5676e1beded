import type { ChangeCategory } from './types';

/**
 * A reviewed, recorded decision to accept one known regression of a pull request: a new baseline finding (`rule`) or
 * a diff item (`change`: its category, e.g. `exposure`, `data-loss`) on one resource. It never hides the item: the
 * diff lists it as "accepted by <approver> because <reason>"; an expired acceptance no longer applies, so the item
 * blocks again and the comment says the acceptance expired.
 */
export interface Acceptance {
  rule?: string;
  change?: ChangeCategory;
  /** Terraform address the item is about. */
  resource: string;
  /** Limits the acceptance to one stack (default: any stack). */
  stack?: string;
  reason: string;
  approver: string;
  /** Last day the acceptance applies (inclusive, YYYY-MM-DD, UTC). Required: acceptances are never open-ended. */
  expires: string;
}

/** True when the acceptance still applies on `today` (YYYY-MM-DD). */
export function isCurrent(a: Acceptance, today: string): boolean {
  return a.expires >= today;
}

/** Matches a finding (`kind: 'rule'`) or a change (`kind: 'change'`) to an acceptance; expired ones are left out. */
export function findAcceptance(list: readonly Acceptance[], item: { kind: 'rule' | 'change'; id: string; resource: string; stack: string }): Acceptance | undefined {
  return list.find((a) => (item.kind === 'rule' ? a.rule === item.id : a.change === item.id) && a.resource === item.resource && (a.stack === undefined || a.stack === item.stack));
}

export function describeAcceptance(a: Acceptance): string {
  return `accepted by ${a.approver} because ${a.reason} (until ${a.expires})`;
}

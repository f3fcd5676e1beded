import { kmsKeys } from './lib/kms';
import { asNumber, isToken } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP KMS.3 (keys not deleted unintentionally); CSA CCM CEK-14 key destruction. */
export const kmsDeletionWindow: Rule = {
  id: 'PAL-KMS-004',
  title: 'KMS keys keep the full 30-day deletion waiting period (never below 7 days).',
  rationale: 'Deleting a key destroys all data encrypted under it; the waiting period is the window to notice and cancel an accidental or malicious deletion.',
  severity: 'medium',
  routine: 'data-erasure',
  controls: { checkov: [], fsbp: ['KMS.3'], cis: [], ccm: ['CEK-13', 'CEK-14'] },
  fixHint: 'Remove deletion_window_in_days (default 30) or set it to 30.',
  evaluate(model) {
    const keys = kmsKeys(model);
    if (keys.length === 0) return [notApplicable('No KMS key in scope.')];
    return keys.map((k) => {
      const raw = k.values.deletion_window_in_days;
      if (raw === undefined || raw === null) return pass(k, `Key ${k.address} uses the default 30-day deletion window.`);
      const days = asNumber(raw);
      if (days === undefined) return isToken(raw) ? fail(k, `Key ${k.address} deletion window is an expression and cannot be verified.`, 'low') : fail(k, `Key ${k.address} has an invalid deletion window.`, 'high');
      if (days < 7) return fail(k, `Key ${k.address} deletion window is ${days} days (minimum 7).`, 'high');
      if (days < 30) return fail(k, `Key ${k.address} deletion window is ${days} days (recommended 30).`);
      return pass(k, `Key ${k.address} deletion window is ${days} days.`);
    });
  },
};

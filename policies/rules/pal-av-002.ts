import { asString } from '../model/values';
import { isAntivirusAssociation } from './pal-av-001';
import { fail, notApplicable, pass, type Rule, unproven } from './types';

const DAY_MINUTES = 24 * 60;

/** Interval of an SSM `rate(...)` expression in minutes, or for `cron(...)` whether it fires every day. */
export function firesAtLeastDaily(expression: string): boolean | undefined {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].toLowerCase().replace(/s$/, '');
    return n * (unit === 'minute' ? 1 : unit === 'hour' ? 60 : DAY_MINUTES) <= DAY_MINUTES;
  }
  const cron = /^cron\((.+)\)$/i.exec(expression.trim());
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length < 5) return undefined;
  const [, , dayOfMonth, month, dayOfWeek] = fields;
  const every = (f: string) => f === '*' || f === '?';
  return every(dayOfMonth) && every(month) && every(dayOfWeek ?? '*');
}

/** Source: CSA CCM TVM-02, TVM-04 (anti-malware kept current and verified); no other tool checks this (controls.md, "Gaps"). */
export const antivirusSelfCheckDaily: Rule = {
  id: 'PAL-AV-002',
  title: 'The antivirus self-check association runs daily or more often.',
  rationale: 'The self-check notices a stopped daemon or signatures days old; an association without a schedule runs once, and one every 30 days leaves a month of blind hosts.',
  severity: 'high',
  routine: 'antivirus',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['TVM-02', 'TVM-04'] },
  fixHint: 'Set schedule_expression = "rate(1 day)" (or a tighter rate, or a cron firing every day) on the aws_ssm_association.',
  evaluate(model) {
    const associations = model.ofType('aws_ssm_association').filter((a) => isAntivirusAssociation(model, a));
    if (associations.length === 0) return [notApplicable('No antivirus self-check association in scope (PAL-AV-001 reports hosts without one).')];
    return associations.map((a) => {
      const expression = asString(a.values.schedule_expression);
      if (expression === undefined) return fail(a, `${a.address} has no schedule_expression: the self-check runs once, at creation.`);
      if (expression.includes('${')) return unproven(a, `${a.address}: the self-check schedule`, 'it is computed', 'low');
      const daily = firesAtLeastDaily(expression);
      if (daily === undefined) return fail(a, `${a.address} schedule "${expression}" is not a rate() or cron() expression.`);
      return daily ? pass(a, `${a.address} runs the self-check on ${expression}.`) : fail(a, `${a.address} runs the self-check on ${expression}: less often than daily.`);
    });
  },
};

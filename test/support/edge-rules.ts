import { RULES } from '../../policies/rules/index';
import type { Rule } from '../../policies/rules/types';

/** The edge and storage rules (ALB, WAF, S3 buckets) of the registered baseline. */
export const EDGE_AND_STORAGE_RULES: readonly Rule[] = RULES.filter((r) => /^PAL-(ALB|WAF|BUCKET)-\d{3}$/.test(r.id));

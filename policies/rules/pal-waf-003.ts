import type { Resource } from '../model/types';
import { asString, block, blocks } from '../model/values';
import { whyUncertain } from './lib/unknown';
import { fail, notApplicable, pass, unproven, type Rule, type RuleResult } from './types';

/** Headers that carry credentials and must never reach WAF logs. */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** Source: AWS Security Hub WAF.11 (NIST 800-53, PCI DSS; not FSBP) (checkov CKV2_AWS_31). */
export const wafLogging: Rule = {
  id: 'PAL-WAF-003',
  title: 'WAFv2 web ACLs have logging configured, redacting the authorization and cookie headers.',
  rationale: 'Without WAF logs, blocked and allowed requests cannot be investigated or correlated with incidents; logged unredacted, bearer tokens and session cookies become readable by everyone who reads the logs.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV2_AWS_31'], fsbp: [], cis: [], ccm: ['LOG-07', 'LOG-08', 'LOG-05'] },
  fixHint: 'Add an aws_wafv2_web_acl_logging_configuration with resource_arn = <web acl>.arn and an aws-waf-logs-* destination, and redacted_fields { single_header { name = "authorization" } } plus the same for "cookie".',
  evaluate(model) {
    const acls = model.ofType('aws_wafv2_web_acl');
    if (acls.length === 0) return [notApplicable('No aws_wafv2_web_acl in scope.')];
    return acls.map((acl) => {
      const { certain: logging, uncertain } = model.referrersBySurety(acl, 'aws_wafv2_web_acl_logging_configuration', 'resource_arn');
      if (logging.length === 0 && uncertain.length > 0) return unproven(acl, `Whether web ACL ${acl.address} is logged`, `${uncertain[0].address} ${whyUncertain(uncertain[0])}`);
      if (logging.length === 0) return fail(acl, `Web ACL ${acl.address} has no logging configuration.`);
      return redaction(logging[0]);
    });
  },
};

function redaction(logging: Resource): RuleResult {
  const redacted = new Set(blocks(logging.values.redacted_fields).map((f) => asString(block(f.single_header)?.name)?.toLowerCase()));
  const missing = WAF_REDACTED_HEADERS.filter((h) => !redacted.has(h));
  return missing.length > 0
    ? fail(logging, `${logging.address} logs the ${missing.join(' and ')} header${missing.length > 1 ? 's' : ''} unredacted (credentials in the logs).`)
    : pass(logging, `${logging.address} logs the web ACL with ${WAF_REDACTED_HEADERS.join(' and ')} redacted.`);
}

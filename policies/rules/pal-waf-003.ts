import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS Security Hub WAF.11 (NIST 800-53, PCI DSS; not FSBP) (checkov CKV2_AWS_31). */
export const wafLogging: Rule = {
  id: 'PAL-WAF-003',
  title: 'WAFv2 web ACLs have logging configured.',
  rationale: 'Without WAF logs, blocked and allowed requests cannot be investigated or correlated with incidents.',
  severity: 'medium',
  routine: 'monitoring',
  controls: { checkov: ['CKV2_AWS_31'], fsbp: [], cis: [], ccm: ['LOG-07', 'LOG-08', 'LOG-05'] },
  fixHint: 'Add an aws_wafv2_web_acl_logging_configuration with resource_arn = <web acl>.arn and an aws-waf-logs-* destination.',
  evaluate(model) {
    const acls = model.ofType('aws_wafv2_web_acl');
    if (acls.length === 0) return [notApplicable('No aws_wafv2_web_acl in scope.')];
    return acls.map((acl) => {
      const logging = model.referrers(acl, 'aws_wafv2_web_acl_logging_configuration', 'resource_arn');
      return logging.length > 0 ? pass(acl, `Web ACL ${acl.address} logs through ${logging[0].address}.`) : fail(acl, `Web ACL ${acl.address} has no logging configuration.`);
    });
  },
};

import { asString, block, isToken } from '../model/values';
import { fail, notApplicable, pass, unprovenAs, type Rule } from './types';

/** Source: checkov CKV_AWS_234 (ACM certificate transparency logging preference); RFC 9162; CSA CCM CEK-12. */
export const acmTransparencyLogging: Rule = {
  id: 'PAL-ACM-001',
  title: 'ACM certificates keep certificate-transparency logging on.',
  rationale: 'CT logs are how the domain owner (and browsers) detect a certificate issued by mistake or by an attacker; Chrome and Safari refuse certificates that were not logged.',
  severity: 'medium',
  routine: 'encryption-in-transit',
  controls: { checkov: ['CKV_AWS_234'], fsbp: [], cis: [], ccm: ['CEK-12'] },
  fixHint: 'Remove options.certificate_transparency_logging_preference = "DISABLED" (or set it to "ENABLED") on the aws_acm_certificate.',
  evaluate(model) {
    const certificates = model.ofType('aws_acm_certificate');
    if (certificates.length === 0) return [notApplicable('No aws_acm_certificate in scope.')];
    return certificates.map((c) => {
      const preference = asString(block(c.values.options)?.certificate_transparency_logging_preference);
      if (preference !== undefined && isToken(preference)) return unprovenAs(c, `Whether ${c.address} is logged to certificate-transparency logs cannot be shown: its logging preference is ${preference}, decided at apply.`);
      return preference?.toUpperCase() === 'DISABLED'
        ? fail(c, `${c.address} opts out of certificate-transparency logging.`)
        : pass(c, `${c.address} is logged to certificate-transparency logs${preference ? '' : ' (AWS default)'}.`);
    });
  },
};

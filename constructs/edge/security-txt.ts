import { PalisadeConfigError } from '../errors';

/** What `/.well-known/security.txt` (RFC 9116) says. */
export interface SecurityTxtProps {
  /** Where vulnerabilities are reported: the environment's security contact, published as `mailto:`. */
  readonly contactEmail: string;
  /**
   * When the file stops being authoritative. RFC 9116 requires it and recommends less than a year ahead; Palisade
   * refuses dates in the past or more than 365 days ahead.
   * @default the first day of the month six months after `now` (stable for a month, so synths do not churn)
   */
  readonly expires?: Date;
  /** URL of the vulnerability disclosure policy (https only). @default no Policy field */
  readonly policyUrl?: string;
  /** Languages reports may be written in (RFC 5646 tags). @default ['en'] */
  readonly preferredLanguages?: string[];
  /** Where this file is published, so copies can be recognised (https only). @default no Canonical field */
  readonly canonicalUrl?: string;
  /** The clock `expires` is checked (and defaulted) against. @default the time of synth */
  readonly now?: Date;
}

/** ALB fixed responses carry at most 1024 characters. */
export const MAX_FIXED_RESPONSE_LENGTH = 1024;
const MAX_EXPIRY_DAYS = 365;
const DAY_MS = 86_400_000;

/** Default `Expires`: the first day of the month six months after `now`, midnight UTC. */
export function defaultSecurityTxtExpiry(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, 1));
}

/** The body of `security.txt`, validated. `where` names the construct for error messages. */
export function securityTxtBody(where: string, props: SecurityTxtProps): string {
  const now = props.now ?? new Date();
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(props.contactEmail ?? '')) {
    throw new PalisadeConfigError(where, 'securityTxt.contactEmail', props.contactEmail, 'an e-mail address for vulnerability reports');
  }
  const expires = props.expires ?? defaultSecurityTxtExpiry(now);
  if (!(expires instanceof Date) || Number.isNaN(expires.getTime())) {
    throw new PalisadeConfigError(where, 'securityTxt.expires', props.expires, 'a valid date');
  }
  if (expires.getTime() <= now.getTime()) {
    throw new PalisadeConfigError(where, 'securityTxt.expires', expires.toISOString(), `is not in the future (now ${now.toISOString()}): an expired security.txt must be ignored by readers (RFC 9116 §2.5.5)`);
  }
  if (expires.getTime() - now.getTime() > MAX_EXPIRY_DAYS * DAY_MS) {
    throw new PalisadeConfigError(where, 'securityTxt.expires', expires.toISOString(), `is more than ${MAX_EXPIRY_DAYS} days ahead: RFC 9116 recommends less than a year, so stale contacts age out`);
  }
  for (const [field, url] of [['policyUrl', props.policyUrl], ['canonicalUrl', props.canonicalUrl]] as const) {
    if (url !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(url)) {
      throw new PalisadeConfigError(where, `securityTxt.${field}`, url, 'an https:// URL (RFC 9116 requires https for web URIs)');
    }
  }
  const languages = props.preferredLanguages ?? ['en'];
  languages.forEach((tag, i) => {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) {
      throw new PalisadeConfigError(where, `securityTxt.preferredLanguages[${i}]`, tag, 'a language tag such as "en" or "de-CH" (RFC 5646)');
    }
  });
  const lines = [
    `Contact: mailto:${props.contactEmail}`,
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    ...(props.policyUrl ? [`Policy: ${props.policyUrl}`] : []),
    ...(languages.length ? [`Preferred-Languages: ${languages.join(', ')}`] : []),
    ...(props.canonicalUrl ? [`Canonical: ${props.canonicalUrl}`] : []),
  ];
  const body = `${lines.join('\n')}\n`;
  if (body.length > MAX_FIXED_RESPONSE_LENGTH) {
    throw new PalisadeConfigError(where, 'securityTxt', body.length, `the file is longer than the ${MAX_FIXED_RESPONSE_LENGTH} characters an ALB fixed response can carry`);
  }
  return body;
}

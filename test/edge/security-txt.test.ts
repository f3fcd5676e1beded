import { defaultSecurityTxtExpiry, securityTxtBody } from '../../constructs/edge/security-txt';
import { NOW } from './helpers';

const body = (props: Partial<Parameters<typeof securityTxtBody>[1]> = {}) => securityTxtBody('test-edge/edge_alb', { contactEmail: 'security@example.com', now: NOW, ...props });

describe('security.txt (RFC 9116)', () => {
  test('by default names the contact as mailto:, expires on the first of the month six months ahead, and prefers English', () => {
    expect(body()).toBe('Contact: mailto:security@example.com\nExpires: 2026-09-01T00:00:00Z\nPreferred-Languages: en\n');
  });

  test('the default expiry is stable within a month (synths do not churn) and always less than a year ahead', () => {
    expect(defaultSecurityTxtExpiry(new Date('2026-03-01T00:00:00Z'))).toEqual(defaultSecurityTxtExpiry(new Date('2026-03-31T23:59:59Z')));
    expect(defaultSecurityTxtExpiry(new Date('2026-12-31T00:00:00Z')).toISOString()).toBe('2027-06-01T00:00:00.000Z');
  });

  test('an explicit expiry less than a year ahead is used', () => {
    expect(body({ expires: new Date('2027-03-01T00:00:00Z') })).toContain('Expires: 2027-03-01T00:00:00Z\n');
  });

  describe('refuses', () => {
    test('an expiry in the past', () => {
      expect(() => body({ expires: new Date('2026-03-01T00:00:00Z') })).toThrow(/test-edge\/edge_alb: securityTxt.expires = "2026-03-01T00:00:00.000Z": is not in the future/);
    });
    test('an expiry more than a year ahead', () => {
      expect(() => body({ expires: new Date('2027-04-01T00:00:00Z') })).toThrow(/securityTxt.expires = .*more than 365 days ahead/);
    });
    test('an invalid date', () => {
      expect(() => body({ expires: new Date('nope') })).toThrow(/securityTxt.expires = .*a valid date/);
    });
    test('a policy URL that is not https', () => {
      expect(() => body({ policyUrl: 'http://example.com/policy' })).toThrow(/securityTxt.policyUrl = "http:\/\/example.com\/policy": an https:\/\/ URL/);
    });
    test('a malformed contact address', () => {
      expect(() => body({ contactEmail: 'security' })).toThrow(/securityTxt.contactEmail = "security"/);
    });
    test('a malformed language tag', () => {
      expect(() => body({ preferredLanguages: ['en', 'english language'] })).toThrow(/securityTxt.preferredLanguages\[1\]/);
    });
    test('a file longer than an ALB fixed response can carry', () => {
      expect(() => body({ policyUrl: `https://example.com/${'p'.repeat(1100)}` })).toThrow(/longer than the 1024 characters/);
    });
  });
});

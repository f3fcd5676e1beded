import { PalisadeConfigError } from '../errors';

/**
 * GDPR data residency: refuses a region outside the environment's allowlist, naming where, the field and the region.
 * Used for everything that puts data somewhere: providers, backup copies, trail and replica destinations, state.
 */
export function requireAllowedRegion(where: string, field: string, region: string, allowedRegions: readonly string[]): void {
  if (!allowedRegions.includes(region)) {
    throw new PalisadeConfigError(where, field, region, `outside allowedRegions (${allowedRegions.join(', ')}): personal data must stay in approved jurisdictions (GDPR)`);
  }
}

/** Tier tag of resources that belong to no single tier (the VPC, its logs, its keys). */
export const SHARED_TIER = 'shared';

/** Tags every Palisade resource carries besides the provider's default tags (environment, owner, classification). */
export function resourceTags(name: string, tier: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Name: name, Tier: tier, ...extra };
}

/** Tag key backup selections match on: a resource tagged `Backup=<plan>` is backed up by that plan. */
export const BACKUP_TAG_KEY = 'Backup';
/** The plan every data-tier resource joins unless it names another. */
export const DEFAULT_BACKUP_PLAN = 'standard';

/**
 * Tags that put a data-tier resource into a backup plan. Data constructs spread them into their tags:
 * `tags: resourceTags(name, 'data', backupTags())`.
 */
export function backupTags(plan: string = DEFAULT_BACKUP_PLAN): Record<string, string> {
  return { [BACKUP_TAG_KEY]: plan };
}

/** `_embedded.user` of a transaction (authn reference, "User object"): id, passwordChanged, profile. */
import type { UserRow } from '../store/user-store.ts';
import { iso } from '../org-context.ts';

/** Okta locales are `fr_CA`, `en_US`…; we store what the admin gave and echo it. */
export function userEmbed(user: UserRow): Record<string, unknown> {
  return {
    id: user.id,
    ...(user.password_changed_ms !== null ? { passwordChanged: iso(user.password_changed_ms) } : {}),
    profile: {
      login: user.login,
      firstName: user.first_name,
      lastName: user.last_name,
      locale: user.locale,
      timeZone: 'America/Toronto',
    },
  };
}

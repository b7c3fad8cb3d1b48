/**
 * What the app remembers for its user (not the machine policy, which an installer sets): language and,
 * only if the technician asked for it, the username. Validated on every read: a settings file edited
 * by hand or corrupted falls back to defaults key by key instead of crashing the app.
 */
import { z } from 'zod';

export const UserSettings = z.object({
  language: z.enum(['fr', 'en']).optional(),
  rememberedUsername: z.string().trim().min(1).max(254).optional(),
});
export type UserSettings = z.infer<typeof UserSettings>;

/** Keeps the valid keys of whatever was read; an invalid key is dropped (and reported), never fatal. */
export function readSettings(raw: unknown): { settings: UserSettings; dropped: string[] } {
  const source = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const key of Object.keys(UserSettings.shape) as Array<keyof UserSettings>) {
    if (source[key] === undefined) continue;
    const parsed = UserSettings.shape[key].safeParse(source[key]);
    if (parsed.success) settings[key] = parsed.data;
    else dropped.push(key);
  }
  return { settings: settings as UserSettings, dropped };
}

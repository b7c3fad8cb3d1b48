/** Demo org seeded on first `serve` (filled in below). */
import type { OrgContext } from './org-context.ts';

export interface DemoUser {
  readonly login: string;
  readonly state: string;
  readonly password?: string;
  readonly note: string;
}

export async function seedDemoOrg(_ctx: OrgContext): Promise<DemoUser[]> {
  return [];
}

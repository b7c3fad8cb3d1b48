/**
 * The security images a user picks at activation ("sélectionnez une image de sécurité", seed
 * article) and sees again after typing the username, before the password: a phishing page that does
 * not know the user cannot show the right one. Files live in `resources/security-images/<id>.svg`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SecurityImage {
  readonly id: string;
  readonly en: string;
  readonly fr: string;
}

export const SECURITY_IMAGES: readonly SecurityImage[] = [
  { id: 'wrench', en: 'A wrench', fr: 'Une clé à molette' },
  { id: 'car', en: 'A red car', fr: 'Une voiture rouge' },
  { id: 'spark-plug', en: 'A spark plug', fr: 'Une bougie d’allumage' },
  { id: 'wheel', en: 'A wheel', fr: 'Une roue' },
  { id: 'battery', en: 'A car battery', fr: 'Une batterie d’auto' },
  { id: 'gear', en: 'A purple gear', fr: 'Un engrenage violet' },
  { id: 'hammer', en: 'A hammer', fr: 'Un marteau' },
  { id: 'screwdriver', en: 'A screwdriver', fr: 'Un tournevis' },
  { id: 'oil-can', en: 'An oil can', fr: 'Un bidon d’huile' },
  { id: 'key', en: 'A golden key', fr: 'Une clé dorée' },
  { id: 'traffic-cone', en: 'A traffic cone', fr: 'Un cône de signalisation' },
  { id: 'fuel-pump', en: 'A fuel pump', fr: 'Une pompe à essence' },
];

/** Shown when no username was typed (Okta: `/img/security/default.png`). */
export const DEFAULT_IMAGE: SecurityImage = { id: 'default', en: 'No image yet', fr: 'Pas encore d’image' };

export function isSecurityImageId(id: string): boolean {
  return SECURITY_IMAGES.some((image) => image.id === id);
}

export function imageById(id: string): SecurityImage | undefined {
  return id === DEFAULT_IMAGE.id ? DEFAULT_IMAGE : SECURITY_IMAGES.find((image) => image.id === id);
}

/**
 * Finds `resources/security-images` by walking up from this module: the same code then works from
 * the source tree and from the bundled `out/main`. A packaged app passes `resourcesDir` instead.
 */
export function findImagesDir(resourcesDir?: string): string {
  if (resourcesDir) return join(resourcesDir, 'security-images');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'resources', 'security-images');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('resources/security-images not found; pass resourcesDir');
}

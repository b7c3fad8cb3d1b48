/** Reads a QR code the way a phone camera would: from the image the app shows, to the text it encodes. */
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import type { QRCode } from 'jsqr';

// jsqr is a UMD bundle whose module.exports is the function itself, while its types declare an ES default.
const jsQR = createRequire(import.meta.url)('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => QRCode | null;

export function decodeQrDataUrl(dataUrl: string): string {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match?.[1]) throw new Error('not a PNG data URL');
  const png = PNG.sync.read(Buffer.from(match[1], 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the image');
  return code.data;
}

// Writes the tray icons (one per agent state) and the application icon as PNG files into
// resources/icons/. Plain Node (zlib) so no image tool is needed on a build machine; the output is
// committed, this script only has to run again when a colour or size changes:
//   node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');

// Agent state → colour. Distinguishable for the common colour-vision deficiencies by lightness as
// well as hue; the tooltip always names the state, colour is never the only signal.
const STATES = {
  available: [0x10, 0x7c, 0x10], // green
  not_available: [0xc5, 0x0f, 0x1f], // red
  after_call_work: [0xf7, 0xa7, 0x00], // amber
  on_call: [0x00, 0x5f, 0xb8], // blue
  logged_out: [0x8a, 0x8a, 0x8a], // grey
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an RGBA image; pixel(x, y) returns [r, g, b, a]. */
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then pixels
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Anti-aliased coverage of a disc, sampled 4×4 per pixel. */
function discCoverage(x, y, size, radius) {
  const centre = size / 2;
  let inside = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++) {
      const dx = x + (sx + 0.5) / 4 - centre;
      const dy = y + (sy + 0.5) / 4 - centre;
      if (dx * dx + dy * dy <= radius * radius) inside++;
    }
  return inside / 16;
}

/** A filled disc with a thin white ring, readable on dark and light panels. */
function trayIcon(size, [r, g, b]) {
  return png(size, (x, y) => {
    const outer = discCoverage(x, y, size, size / 2 - 0.5);
    const inner = discCoverage(x, y, size, size / 2 - 0.5 - size / 10);
    const ring = outer - inner;
    const mix = (c) => Math.round((c * inner + 255 * ring) / Math.max(outer, 1e-6));
    return [mix(r), mix(g), mix(b), Math.round(255 * outer)];
  });
}

/** The application icon: a blue disc with a white ring inside (a stylised headset earpiece). */
function appIcon(size) {
  const [r, g, b] = STATES.on_call;
  return png(size, (x, y) => {
    const outer = discCoverage(x, y, size, size * 0.47);
    const ringOut = discCoverage(x, y, size, size * 0.3);
    const ringIn = discCoverage(x, y, size, size * 0.2);
    const white = ringOut - ringIn;
    const blue = outer - white;
    const mix = (c) => Math.round((c * blue + 255 * white) / Math.max(outer, 1e-6));
    return [mix(r), mix(g), mix(b), Math.round(255 * outer)];
  });
}

mkdirSync(OUT, { recursive: true });
for (const [state, colour] of Object.entries(STATES)) {
  writeFileSync(join(OUT, `tray-${state}.png`), trayIcon(16, colour));
  writeFileSync(join(OUT, `tray-${state}@2x.png`), trayIcon(32, colour));
}
writeFileSync(join(OUT, 'icon.png'), appIcon(512));
console.log(`icons written to ${OUT}`);

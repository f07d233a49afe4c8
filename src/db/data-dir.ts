import fs from 'node:fs';
import path from 'node:path';

/** The embedded database's folder (PGlite files, the generated secrets). `DATA_DIR`, default `.data/`. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? '.data');
  fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  return dir;
}

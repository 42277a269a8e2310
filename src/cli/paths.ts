/**
 * The one way to find where things are: the project folder (the nearest
 * folder with a package.json above this module, from src/ and from dist/)
 * and the shared read-only material (GGM_SHARED_DIR, default `../shared`
 * beside the project). Only the CLI (and tests, benches) use these; library
 * code is handed the folders it needs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project folder: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** The project folder: code assets (public/, node_modules/) and the default --root. */
export const PROJECT_ROOT = findProjectRoot();

/** Where the read-only shared material lives: GGM_SHARED_DIR, else ../shared beside the project. */
export function sharedDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.GGM_SHARED_DIR || path.join(PROJECT_ROOT, '..', 'shared'));
}

/** The GGM release (crunch_uml Excel export) of a version in the shared material. */
export function defaultRelease(version = '2.5.1', shared = sharedDir()): string {
  return path.join(shared, 'ggm', `v${version}`, `ggm-${version}.xlsx`);
}

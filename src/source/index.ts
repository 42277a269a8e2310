/**
 * Source readers → the typed GGM model. Today: the crunch_uml Excel export.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GgmModel } from '../model/types.js';
import { readCrunchUmlWorkbook } from './crunch-uml.js';

export { SourceError } from './xlsx.js';

/** The project root (the folder with package.json), also when running from dist/. */
export const PROJECT_ROOT = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/source → root, or dist/src/source → root
  const up = here.split(path.sep).includes('dist') ? '../../..' : '../..';
  return path.resolve(here, up);
})();

/** Where the read-only shared material lives: GGM_SHARED_DIR, else ../shared beside the project. */
export function sharedDir(): string {
  return path.resolve(process.env.GGM_SHARED_DIR ?? path.join(PROJECT_ROOT, '..', 'shared'));
}

export function defaultRelease(version = '2.5.1'): string {
  return path.join(sharedDir(), 'ggm', `v${version}`, `ggm-${version}.xlsx`);
}

export async function loadGgmModel(file: string = defaultRelease()): Promise<GgmModel> {
  return readCrunchUmlWorkbook(file);
}

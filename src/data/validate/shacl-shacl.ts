// validateShapesGraph(): checks a shapes graph against SHACL-for-SHACL
// (SHACL spec appendix C, /work/shared/w3c/shacl-shacl.ttl by default).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetCore, Quad } from '@rdfjs/types';
import { Store } from 'n3';
import type { PreparedShapes } from './engines.js';
import { parseRdfFile } from './parse.js';
import { asDataset } from './report.js';
import { defaultEngine, outcomeOf, type ValidateOptions, type ValidationOutcome } from './validate.js';

/** The project root: the nearest folder above this module with a package.json (works from src/ and dist/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (no package.json above src/data/validate)');
    dir = parent;
  }
  return dir;
}

/** The shared read-only material: $GGM_SHARED_DIR, else ../shared beside the project root. */
export function sharedDir(): string {
  return path.resolve(process.env.GGM_SHARED_DIR ?? path.resolve(projectRoot(), '..', 'shared'));
}

/** SHACL-for-SHACL (SHACL spec appendix C). */
export function defaultShaclShaclFile(): string {
  return path.join(sharedDir(), 'w3c', 'shacl-shacl.ttl');
}

const shaclShaclCache = new Map<string, Promise<PreparedShapes>>();

/** Checks that a shapes graph is well-formed SHACL by validating it against SHACL-for-SHACL. */
export async function validateShapesGraph(
  shapes: DatasetCore | Quad[],
  options: ValidateOptions & { shaclShaclFile?: string } = {},
): Promise<ValidationOutcome> {
  const file = options.shaclShaclFile ?? defaultShaclShaclFile();
  const engine = options.engine ?? defaultEngine;
  const key = `${engine.name}\n${file}`;
  let prepared = shaclShaclCache.get(key);
  if (!prepared) {
    prepared = parseRdfFile(file).then((quads) => engine.prepare(new Store(quads)));
    prepared.catch(() => shaclShaclCache.delete(key));
    shaclShaclCache.set(key, prepared);
  }
  return outcomeOf(await (await prepared).validate(asDataset(shapes)));
}

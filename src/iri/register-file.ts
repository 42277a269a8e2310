/**
 * Reading the IRI register file (ontology/iri-register.json): every IRI the
 * builds have published, by GUID. Absent file → undefined (a first build).
 */
import { readFile } from 'node:fs/promises';
import type { IriRegister } from './index.js';

export const IRI_REGISTER_FILE = 'ontology/iri-register.json';

export async function readIriRegister(file: string): Promise<IriRegister | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const r = JSON.parse(text) as IriRegister;
    for (const k of ['objecttype', 'enumeratie', 'property', 'waarde'] as const) {
      if (typeof r[k] !== 'object' || r[k] === null) throw new Error(`missing "${k}"`);
    }
    return r;
  } catch (e) {
    throw new Error(`${file}: not a valid IRI register: ${(e as Error).message}`);
  }
}

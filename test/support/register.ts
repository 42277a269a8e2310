import { readFile } from 'node:fs/promises';
import type { IriRegister } from '../../src/iri/index.js';

/** The committed IRI register, or undefined before the first build. */
export async function readRegisterFile(file: string): Promise<IriRegister | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as IriRegister;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

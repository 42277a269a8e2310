/**
 * Source readers → the typed GGM model. Today: the crunch_uml Excel export.
 */
import type { GgmModel } from '../model/types.js';
import { readCrunchUmlWorkbook } from './crunch-uml.js';

export { SourceError } from './xlsx.js';

/** The model of a GGM release file (the crunch_uml Excel export; the CLI's paths.ts knows where the releases are). */
export async function loadGgmModel(file: string): Promise<GgmModel> {
  return readCrunchUmlWorkbook(file);
}

/**
 * Atomic output: every file is written to a temporary sibling and renamed into
 * place only after ALL files were written, so a failed build never leaves a
 * half-written output folder.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFilesAtomically(root: string, files: Map<string, string>): Promise<void> {
  const token = `.tmp-${process.pid}-${Date.now()}`;
  const staged: [string, string][] = [];
  try {
    for (const [rel, content] of files) {
      const target = path.resolve(root, rel);
      if (!target.startsWith(path.resolve(root) + path.sep)) throw new Error(`refusing to write outside ${root}: ${rel}`);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}${token}`;
      await writeFile(tmp, content);
      staged.push([tmp, target]);
    }
  } catch (e) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw e;
  }
  for (const [tmp, target] of staged) await rename(tmp, target);
}

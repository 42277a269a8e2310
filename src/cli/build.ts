/**
 * `ggm build`: GGM release → ontology, code lists, shapes, MIM graph, quality report.
 */
import path from 'node:path';
import { loadGgmModel } from '../source/index.js';
import { loadAlignmentInputs } from '../generate/alignments.js';
import { iriConfig } from '../iri/index.js';
import { readIriRegister } from '../iri/register-file.js';
import { ARTEFACTS, compile } from '../generate/index.js';
import { priorRelease, readReleases } from '../generate/releases.js';
import { BUILD, COMMANDS } from './commands.js';
import { resolveCommand, type ResolvedCommand } from './options.js';
import { defaultRelease } from './paths.js';
import { Progress } from './ui.js';
import { StagedFiles } from './write-atomic.js';

/** `ggm build …` with these arguments, in this process (tests and benches call it directly). */
export const build = async (argv: string[], env: NodeJS.ProcessEnv = process.env) => run(resolveCommand(BUILD, argv, env, COMMANDS));

export async function run({ values }: ResolvedCommand<typeof BUILD.options>): Promise<void> {
  const progress = new Progress(values.quiet);
  const shared = values.sharedDir;
  const source = values.source ?? defaultRelease('2.5.1', shared);
  const out = values.out ?? values.root;
  progress.step(`reading ${source}`);
  const model = await loadGgmModel(source);
  progress.done(
    'read the release',
    `${model.objecttypen.size} objecttypen, ${model.enumeraties.size} enumeraties, ${model.relatiesoorten.length} relatiesoorten`,
  );
  const register = await readIriRegister(values.register ?? path.join(out, ARTEFACTS.register));
  progress.step('reading curated alignments and target vocabularies');
  const alignments = await loadAlignmentInputs({ projectRoot: values.root, sharedDir: shared, model });
  progress.done('alignment inputs', `${alignments.curated.length} curated mappings`);
  const releases = readReleases(values.root);
  const metadata = {
    publisher: values.publisher,
    release: releases.find((r) => r.version === model.version),
    prior: priorRelease(releases, model.version),
  };
  let last = '';
  const staged = new StagedFiles(out);
  let compilation;
  try {
    compilation = compile(
      model,
      iriConfig({ vocabBase: values.vocabBase }),
      { register, alignments, metadata },
      (label) => {
        if (last) progress.done(last);
        last = label;
        progress.step(label);
      },
      (file, content) => staged.add(file, content),
    );
  } catch (e) {
    await staged.abort();
    throw e;
  }
  progress.done(last);
  progress.step('writing');
  await staged.commit();
  progress.done('wrote', staged.paths().join(', '));
  const r = compilation.report;
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  progress.summary([
    `GGM ${model.version} → ${out} in ${progress.elapsedMs()} ms`,
    ...Object.entries(r.counts).map(([k, v]) => `  ${k}: ${v}`),
    `  quality report: ${r.findings.length} findings (${errors} errors) in reports/kwaliteitsrapport.md`,
  ]);
}

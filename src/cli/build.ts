/**
 * `ggm build`: GGM release → ontology, code lists, shapes, MIM graph, quality report.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRelease, loadGgmModel, PROJECT_ROOT, sharedDir } from '../source/index.js';
import { loadAlignmentInputs } from '../generate/alignments.js';
import { readFile } from 'node:fs/promises';
import { iriConfig } from '../iri/index.js';
import { readIriRegister } from '../iri/register-file.js';
import { ARTEFACTS, compile } from '../generate/index.js';
import { Progress } from './progress.js';
import { StagedFiles } from './write-atomic.js';

export const BUILD_HELP = `ggm build [--source <ggm.xlsx>] [--out <folder>] [--vocab-base <iri>] [--quiet]
  --source      the GGM release (crunch_uml Excel export); default ../shared/ggm/v2.5.1/ggm-2.5.1.xlsx
  --out         output folder (ontology/, shapes/, reports/ are written below it); default the project folder
  --vocab-base  base of the vocabulary IRIs; default https://gemeentelijkgegevensmodel.nl/ (env GGM_VOCAB_BASE)
  --register    the IRI register of earlier builds (names minted before are kept); default <out>/ontology/iri-register.json`;

export async function build(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      source: { type: 'string' },
      out: { type: 'string' },
      'vocab-base': { type: 'string' },
      register: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const progress = new Progress(values.quiet);
  const source = path.resolve(values.source ?? defaultRelease());
  const out = path.resolve(values.out ?? PROJECT_ROOT);
  progress.step(`reading ${source}`);
  const model = await loadGgmModel(source);
  progress.done(
    'read the release',
    `${model.objecttypen.size} objecttypen, ${model.enumeraties.size} enumeraties, ${model.relatiesoorten.length} relatiesoorten`,
  );
  const register = await readIriRegister(path.resolve(values.register ?? path.join(out, ARTEFACTS.register)));
  progress.step('reading curated alignments and target vocabularies');
  const alignments = await loadAlignmentInputs({ projectRoot: PROJECT_ROOT, sharedDir: sharedDir(), model });
  progress.done('alignment inputs', `${alignments.curated.length} curated mappings`);
  let last = '';
  const staged = new StagedFiles(out);
  let compilation;
  try {
    compilation = compile(
      model,
      iriConfig({ vocabBase: values['vocab-base'] }),
      { register, alignments },
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

/**
 * `ggm build`: GGM release → ontology, code lists, shapes, MIM graph, quality report.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRelease, loadGgmModel, PROJECT_ROOT } from '../source/index.js';
import { iriConfig } from '../iri/index.js';
import { compile } from '../generate/index.js';
import { Progress } from './progress.js';
import { writeFilesAtomically } from './write-atomic.js';

export const BUILD_HELP = `ggm build [--source <ggm.xlsx>] [--out <folder>] [--vocab-base <iri>] [--quiet]
  --source      the GGM release (crunch_uml Excel export); default ../shared/ggm/v2.5.1/ggm-2.5.1.xlsx
  --out         output folder (ontology/, shapes/, reports/ are written below it); default the project folder
  --vocab-base  base of the vocabulary IRIs; default https://gemeentelijkgegevensmodel.nl/ (env GGM_VOCAB_BASE)`;

export async function build(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      source: { type: 'string' },
      out: { type: 'string' },
      'vocab-base': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const progress = new Progress(values.quiet);
  const source = path.resolve(values.source ?? defaultRelease());
  const out = path.resolve(values.out ?? PROJECT_ROOT);
  progress.step(`reading ${source}`);
  const model = await loadGgmModel(source);
  progress.done('read the release', `${model.objecttypen.size} objecttypen, ${model.enumeraties.size} enumeraties, ${model.relatiesoorten.length} relatiesoorten`);
  let last = '';
  const compilation = compile(model, iriConfig({ vocabBase: values['vocab-base'] }), (label) => {
    if (last) progress.done(last);
    last = label;
    progress.step(label);
  });
  progress.done(last);
  progress.step('writing');
  await writeFilesAtomically(out, compilation.files);
  progress.done('wrote', [...compilation.files.keys()].join(', '));
  const r = compilation.report;
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  progress.summary([
    `GGM ${model.version} → ${out} in ${progress.elapsedMs()} ms`,
    ...Object.entries(r.counts).map(([k, v]) => `  ${k}: ${v}`),
    `  quality report: ${r.findings.length} findings (${errors} errors) in reports/kwaliteitsrapport.md`,
  ]);
}

/**
 * `ggm build`: GGM release → ontology, code lists, shapes, MIM graph, quality report.
 */
import path from 'node:path';
import { loadGgmModel } from '../source/index.js';
import { loadAlignmentInputs } from '../generate/alignments.js';
import { iriConfig } from '../iri/index.js';
import { readIriRegister } from '../iri/register-file.js';
import { ARTEFACTS, compile, compileRelease, releaseArtefacts, type ReleaseCompilation } from '../generate/index.js';
import { ontologyHeader } from '../generate/owl.js';
import { GgmIris, updatedRegister } from '../iri/index.js';
import { computeChangeLog } from '../generate/changelog.js';
import type { GgmModel } from '../model/types.js';
import { RELEASES_FILE, priorRelease, readReleases } from '../generate/releases.js';
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
  const releases = readReleases(values.root);
  const source = values.source ?? (releases[0] ? path.join(shared, releases[0].source) : defaultRelease('2.5.1', shared));
  const out = values.out ?? values.root;
  progress.step(`reading ${source}`);
  const model = await loadGgmModel(source);
  progress.done(
    'read the release',
    `${model.objecttypen.size} objecttypen, ${model.enumeraties.size} enumeraties, ${model.relatiesoorten.length} relatiesoorten`,
  );
  let register = await readIriRegister(values.register ?? path.join(out, ARTEFACTS.register));
  const config = iriConfig({ vocabBase: values.vocabBase });
  const staged = new StagedFiles(out);
  // Without --source: every release of releases/releases.yaml, the earlier ones (oldest first) into
  // releases/<version>/, each with the IRI register as it was, then the latest as ontology/ … .
  const previous: ReleaseCompilation[] = [];
  let prior: { model: GgmModel; iris: GgmIris } | undefined;
  if (!values.source) {
    try {
      for (const r of releases.filter((x) => x.version !== model.version).reverse()) {
        progress.step(`GGM ${r.version} (${r.source})`);
        const old = await loadGgmModel(path.join(shared, r.source));
        if (old.version !== r.version) throw new Error(`${RELEASES_FILE}: ${r.source} is release ${old.version}, not ${r.version}`);
        const c = compileRelease(old, config, register, {
          publisher: values.publisher,
          release: r,
          prior: priorRelease(releases, r.version),
        });
        const header = ontologyHeader(old);
        const files = releaseArtefacts(r.version);
        staged.add(files.ontology, c.ontology.toTurtle(header));
        staged.add(files.codelijsten, c.codelijsten.toTurtle(`${header}\nCodelijsten (enumeraties) als SKOS.`));
        register = updatedRegister(old, c.names, register);
        previous.unshift(c);
        prior = { model: old, iris: new GgmIris(config, c.names, old.version) };
        progress.done(`GGM ${r.version}`, `${files.ontology}, ${files.codelijsten}`);
      }
    } catch (e) {
      await staged.abort();
      throw e;
    }
  }
  progress.step('reading curated alignments and target vocabularies');
  const alignments = await loadAlignmentInputs({ projectRoot: values.root, sharedDir: shared, model });
  progress.done('alignment inputs', `${alignments.curated.length} curated mappings`);
  const metadata = {
    publisher: values.publisher,
    release: releases.find((r) => r.version === model.version),
    prior: priorRelease(releases, model.version),
  };
  let last = '';
  let compilation;
  try {
    compilation = compile(
      model,
      config,
      { register, alignments, metadata, previous },
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
  if (prior) {
    // The change log from the release before: releases/{version}/wijzigingen.json.
    const log = computeChangeLog(prior.model, model, prior.iris, compilation.iris);
    staged.add(`releases/${model.version}/wijzigingen.json`, `${JSON.stringify(log, null, 1)}\n`);
  }
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

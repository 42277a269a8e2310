/**
 * `ggm demo`: the synthetic demo municipality Lindewaard, streamed to a TriG
 * or N-Quads file (atomically), with progress on a terminal and a summary.
 */
import path from 'node:path';
import { loadGgmModel } from '../source/index.js';
import { iriConfig } from '../iri/index.js';
import {
  committedRegister,
  DEFAULT_DEMO_FILE,
  demo as makeDemo,
  demoGraphs,
  demoHeader,
  demoPrefixes,
  fileSink,
  scaleForTriples,
  type DemoOptions,
} from '../data/demo/index.js';
import { COMMANDS, DEMO, parseCount } from './commands.js';
import { resolveCommand, type ResolvedCommand } from './options.js';
import { defaultRelease } from './paths.js';
import { Progress } from './ui.js';

export { parseCount };

/** `ggm demo …` with these arguments (tests and benches call it directly). */
export const demo = async (argv: string[], env: NodeJS.ProcessEnv = process.env) => run(resolveCommand(DEMO, argv, env, COMMANDS));

export async function run({ values }: ResolvedCommand<typeof DEMO.options>): Promise<void> {
  if (values.scale !== undefined && values.triples !== undefined) throw new Error('use --scale or --triples, not both');
  const progress = new Progress(values.quiet);
  const seed = values.seed;
  const out = values.out ?? path.join(values.root, DEFAULT_DEMO_FILE);

  progress.step('reading the GGM release');
  const model = await loadGgmModel(values.source ?? defaultRelease('2.5.1', values.sharedDir));
  const register = await committedRegister(values.root);
  const iri = iriConfig({ vocabBase: values.vocabBase, instanceBase: values.instanceBase });
  const options: DemoOptions = { seed, iri, ...(register ? { register } : {}) };
  progress.done('read the release', `GGM ${model.version}${register ? '' : ' (no ontology/iri-register.json yet: names minted afresh)'}`);

  let scale = values.scale ?? 1;
  const triples = values.triples ?? (scale >= 1000 ? scale : undefined);
  if (triples !== undefined) {
    progress.step('sizing');
    scale = await scaleForTriples(model, triples, options);
    progress.done('sizing', `scale ${scale} for about ${triples.toLocaleString('en')} triples`);
  }
  const d = makeDemo(model, { ...options, scale });
  const sink = await fileSink(out, { prefixes: demoPrefixes(d.plan), header: demoHeader(d.plan) });
  const label = `writing ${path.relative(process.cwd(), out) || out}`;
  progress.step(label);
  try {
    await d.generator.run(sink, (n) => progress.tick(label, n, 'triples'));
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
  progress.done(label, `${sink.triples.toLocaleString('en')} triples`);
  const graphs = demoGraphs(d.plan);
  progress.summary([
    `demo municipality Lindewaard → ${out} in ${progress.elapsedMs()} ms`,
    `  seed ${seed}, scale ${scale}: ${d.generator.instances.toLocaleString('en')} instances of ${d.plan.families.length} classes, ${sink.triples.toLocaleString('en')} triples`,
    `  ${graphs.length} named graphs, restricted (personal / social-domain data): ${graphs
      .filter((g) => g.restricted)
      .map((g) => g.domain)
      .join(', ')}`,
    `  residents: ${d.scenario.residents(scale)}, of whom clients ${d.scenario.clients(scale)}; stadspas and energietoeslag: ${d.scenario.stadspasEnEnergietoeslag(scale).length}`,
  ]);
}

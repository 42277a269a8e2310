/**
 * `ggm demo`: the synthetic demo municipality Lindewaard, streamed to a TriG
 * or N-Quads file (atomically), with progress on a terminal and a summary.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRelease, loadGgmModel, PROJECT_ROOT } from '../source/index.js';
import { iriConfig } from '../iri/index.js';
import {
  committedRegister,
  DEFAULT_DEMO_FILE,
  DEFAULT_SEED,
  demo as makeDemo,
  demoGraphs,
  demoHeader,
  demoPrefixes,
  fileSink,
  scaleForTriples,
  type DemoOptions,
} from '../data/demo/index.js';
import { Progress } from './progress.js';

export const DEMO_HELP = `ggm demo [--scale <n>|--triples <n>] [--seed <n>] [--out <file.trig|file.nq>] [--source <ggm.xlsx>] [--quiet]
  --scale        size: a multiplier below 1000 (1, the default, is the committed data/demo/gemeente.trig, ~70k triples),
                 or a number of triples to aim at (1M, 5M, 20M, 250k, 1000000)
  --triples      the same as --scale with a number of triples
  --seed         seed of the generator (default ${DEFAULT_SEED}); the same seed and scale give byte-identical output
  --out          output file; .trig (named graphs, prefixes) or .nq (N-Quads, best for large sets); default ${DEFAULT_DEMO_FILE}
  --instance-base base of instance IRIs (env GGM_INSTANCE_BASE)`;

/** "1M" → 1000000, "250k" → 250000, "75000" → 75000. */
export function parseCount(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`${flag}: expected a number such as 75000, 250k or 1M, got "${text}"`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1);
  if (!(n > 0)) throw new Error(`${flag}: must be positive, got "${text}"`);
  return n;
}

export async function demo(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      triples: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      source: { type: 'string' },
      'instance-base': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.scale && values.triples) throw new Error('use --scale or --triples, not both');
  const progress = new Progress(values.quiet);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed: expected an integer, got "${values.seed}"`);
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, DEFAULT_DEMO_FILE));

  progress.step('reading the GGM release');
  const model = await loadGgmModel(path.resolve(values.source ?? defaultRelease()));
  const register = await committedRegister();
  const options: DemoOptions = { seed, iri: iriConfig({ instanceBase: values['instance-base'] }), ...(register ? { register } : {}) };
  progress.done('read the release', `GGM ${model.version}${register ? '' : ' (no ontology/iri-register.json yet: names minted afresh)'}`);

  let scale = values.scale === undefined ? 1 : parseCount(values.scale, '--scale');
  const triples = values.triples ? parseCount(values.triples, '--triples') : scale >= 1000 ? scale : undefined;
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

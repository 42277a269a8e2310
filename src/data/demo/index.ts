/**
 * Synthetic demo municipality (Lindewaard): deterministic instance data for
 * every GGM domain, conforming to the generated SHACL shapes, streamed to
 * TriG or N-Quads. See scenario.ts for the story and queries.ts for the
 * cross-domain questions it answers.
 *
 * Coverage: every objecttype and gestructureerd datatype of GGM 2.5.1 has
 * instances (no exceptions). Never filled: attributes whose type the reader
 * could not resolve (no value constraint to honour) and attributes typed by an
 * enumeratie without values (no concept to choose); a natural person has no
 * death, departure or end-of-residence values. Instances carry their class
 * and all superclasses as rdf:type, so SPARQL without reasoning finds a
 * Werkzoekende as Client, IngeschrevenPersoon and NatuurlijkPersoon.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import type { GgmModel } from '../../model/types.js';
import { NS, instanceTypeSegment, type IriConfig, type IriRegister } from '../../iri/index.js';
import { IRI_REGISTER_FILE, readIriRegister } from '../../iri/register-file.js';
import { DemoGenerator, type QuadSink } from './generate.js';
import { isRestrictedDomain, makePlan, type Plan } from './plan.js';
import { Scenario } from './scenario.js';
import { streamSink, type DemoFormat } from './writers.js';

export { DemoGenerator, type QuadSink } from './generate.js';
export { Scenario, REGELINGSOORTEN } from './scenario.js';
export { fileSink, streamSink, formatOf, type DemoFormat, type ClosableSink } from './writers.js';
export type { Plan, Family } from './plan.js';

export const DEFAULT_SEED = 9901;
export const DEFAULT_SCALE = 1;
/** The committed default set, relative to the project root. */
export const DEFAULT_DEMO_FILE = 'data/demo/gemeente.trig';
export { IRI_REGISTER_FILE };

export interface DemoOptions {
  seed?: number;
  /** Size multiplier; 1 = the committed default set. */
  scale?: number;
  iri?: IriConfig;
  /** IRI register of the published ontology, so property IRIs equal the published ones. */
  register?: IriRegister;
}

export interface Demo {
  plan: Plan;
  scenario: Scenario;
  generator: DemoGenerator;
}

export function demo(model: GgmModel, options: DemoOptions = {}): Demo {
  const seed = options.seed ?? DEFAULT_SEED;
  const scenario = new Scenario(model, seed);
  const plan = makePlan(model, { seed, scale: options.scale ?? DEFAULT_SCALE, ...(options.iri ? { iri: options.iri } : {}), ...(options.register ? { register: options.register } : {}) }, scenario);
  return { plan, scenario, generator: new DemoGenerator(plan, scenario) };
}

/** The committed IRI register, or undefined before the first build. */
export async function committedRegister(root: string): Promise<IriRegister | undefined> {
  return readIriRegister(path.join(root, IRI_REGISTER_FILE));
}

/** Prefixes for TriG output: vocabulary plus one per instance type (id-{type}:). */
export function demoPrefixes(plan: Plan): Record<string, string> {
  const p: Record<string, string> = { ggm: plan.iris.ns.ggm, xsd: NS.xsd, geo: NS.geo, graph: `${plan.config.instanceBase}graph/demo/` };
  for (const f of plan.families) {
    const seg = instanceTypeSegment(f.local);
    p[`id-${seg}`] = `${plan.config.instanceBase}id/${seg}/`;
  }
  return p;
}

export function demoHeader(plan: Plan): string {
  return [
    `Demogemeente Lindewaard: synthetische gegevens volgens GGM ${plan.model.version} (seed ${plan.seed}, schaal ${plan.scale}).`,
    'Gegenereerd door `ggm demo`; niet met de hand wijzigen. Alle personen, adressen en nummers zijn verzonnen.',
  ].join('\n');
}

/** Counts triples without writing them. */
class CountingSink implements QuadSink {
  triples = 0;
  add(): void {
    this.triples++;
  }
  drain(): Promise<void> {
    return Promise.resolve();
  }
}

/** The number of triples a demo set of this scale holds. */
export async function countTriples(model: GgmModel, options: DemoOptions = {}): Promise<number> {
  const sink = new CountingSink();
  await demo(model, options).generator.run(sink);
  return sink.triples;
}

/** The scale giving about `triples` triples (linear in the scale, measured at scales 1 and 2). */
export async function scaleForTriples(model: GgmModel, triples: number, options: DemoOptions = {}): Promise<number> {
  const t1 = await countTriples(model, { ...options, scale: 1 });
  const t2 = await countTriples(model, { ...options, scale: 2 });
  const perScale = t2 - t1;
  const fixed = t1 - perScale;
  const s = (triples - fixed) / perScale;
  if (!(s > 0)) throw new Error(`a demo set of ${triples} triples is smaller than the fixed part (${fixed} triples); use at least ${t1}`);
  return Math.round(s * 1000) / 1000;
}

/** The whole set as text (for tests and small sets; large sets go to fileSink). */
export async function demoText(model: GgmModel, format: DemoFormat, options: DemoOptions = {}): Promise<{ text: string; triples: number; demo: Demo }> {
  const d = demo(model, options);
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const sink = streamSink(out, format, { prefixes: demoPrefixes(d.plan), header: demoHeader(d.plan) });
  await d.generator.run(sink);
  await sink.close();
  return { text: chunks.join(''), triples: sink.triples, demo: d };
}

export { stadspasEnEnergietoeslagQuery, stadspasEnEnergietoeslagExpected, schuldhulpEnWmoQuery, schuldhulpEnWmoExpected, type DemoQuery, type StadspasRow } from './queries.js';

/** The named graphs of a demo set, with those holding personal or social-domain data marked restricted. */
export function demoGraphs(plan: Plan): Array<{ graph: string; domain: string; restricted: boolean }> {
  const names = new Set<string>(['Personen']);
  for (const f of plan.families) names.add(plan.domainOf(f.ot.guid));
  return [...names].sort().map((domain) => ({ graph: plan.graphOf(domain), domain, restricted: isRestrictedDomain(plan, domain) }));
}

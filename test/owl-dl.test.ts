/**
 * OWL 2 DL: the OWL API's profile check (Debian libowlapi-java, installed by
 * .ci/setup-machine.sh) on the committed ontology together with its code lists.
 * The only violations allowed are the XSD datatypes outside the OWL 2 datatype
 * map that the GGM needs (xsd:date, xsd:gYear, xsd:gYearMonth, xsd:time; see
 * src/generate/owl-dl.ts and the README), and each of those must be a range of
 * a GGM property that really uses it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import N3 from 'n3';
import { NS } from '../src/iri/index.js';
import { ARTEFACTS } from '../src/generate/index.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const run = promisify(execFile);
const JAVA_DIR = '/usr/share/java';
// libowlapi-java and the libraries its Debian package depends on.
const JARS = [
  'owlapi-distribution',
  'guava',
  'caffeine',
  'commons-rdf-api',
  'commons-io',
  'commons-codec',
  'commons-logging',
  'atinject-jsr330-api',
  'jsr305',
  'hppcrt',
  'httpclient',
  'httpcore',
  'jackson-annotations',
  'jackson-core',
  'jackson-databind',
  'xz',
  'slf4j-api',
  'slf4j-nop',
  'jsonld-java',
];
const ALLOWED_DATATYPES = ['date', 'gYear', 'gYearMonth', 'time'].map((t) => `xsd:${t}`);

const work = mkdtempSync(join(tmpdir(), 'ggm-owl-dl-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function classpath(): string {
  const missing = JARS.filter((j) => !existsSync(join(JAVA_DIR, `${j}.jar`)));
  assert.deepEqual(missing, [], `OWL API jars missing in ${JAVA_DIR}: install libowlapi-java (bash .ci/setup-machine.sh)`);
  const rdf4j = readdirSync(JAVA_DIR).filter((f) => /^rdf4j-[a-z-]+\.jar$/.test(f));
  return [work, ...JARS.map((j) => join(JAVA_DIR, `${j}.jar`)), ...rdf4j.map((f) => join(JAVA_DIR, f))].join(':');
}

let compiled: Promise<string> | undefined;
/** Compile the checker once (javac against the Debian OWL API jars); returns the classpath. */
function checker(): Promise<string> {
  compiled ??= (async () => {
    const cp = classpath();
    await run('javac', ['-cp', cp, '-d', work, join(PROJECT_ROOT, 'test/support/owl/Owl2DlCheck.java')]);
    return cp;
  })();
  return compiled;
}

interface ProfileReport {
  axioms: number;
  violations: Array<{ kind: string; text: string }>;
}

/** Run the OWL 2 DL profile check on Turtle texts, merged into one document. */
async function owl2dl(turtles: string[], name: string): Promise<ProfileReport> {
  const cp = await checker();
  const quads = turtles.flatMap((t) => new N3.Parser({ format: 'text/turtle' }).parse(t));
  const file = join(work, `${name}.nt`);
  writeFileSync(file, new N3.Writer({ format: 'N-Triples' }).quadsToString(quads));
  const { stdout } = await run('java', ['-cp', cp, 'Owl2DlCheck', file], { maxBuffer: 256 * 1024 * 1024 });
  const report: ProfileReport = { axioms: -1, violations: [] };
  for (const line of stdout.split('\n')) {
    const [kind, text] = line.split('\t');
    if (!kind || text === undefined) continue;
    if (kind === 'axioms') report.axioms = Number(text);
    else if (kind !== 'violations') report.violations.push({ kind, text });
  }
  return report;
}

const ontologyText = readFileSync(join(PROJECT_ROOT, ARTEFACTS.ontology), 'utf8');
const codelijstenText = readFileSync(join(PROJECT_ROOT, ARTEFACTS.codelijsten), 'utf8');

test('the check finds what OWL 2 DL forbids (an undeclared class, an undeclared annotation property)', async () => {
  const broken = `@prefix ex: <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ex:o a owl:Ontology . ex:p a owl:ObjectProperty ; rdfs:range skos:Concept ; skos:definition "een relatie"@nl .`;
  const r = await owl2dl([broken], 'broken');
  assert.deepEqual([...new Set(r.violations.map((v) => v.kind))].sort(), ['UseOfUndeclaredAnnotationProperty', 'UseOfUndeclaredClass']);
});

test('ggm.ttl with codelijsten.ttl is OWL 2 DL, but for the documented XSD datatypes outside the OWL 2 datatype map', async () => {
  const r = await owl2dl([ontologyText, codelijstenText], 'ggm');
  const store = new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(ontologyText));
  assert.ok(r.axioms > 50_000, `${r.axioms} axioms`);
  const other = r.violations.filter(
    (v) => !(v.kind === 'UseOfUndeclaredDatatype' && ALLOWED_DATATYPES.some((d) => v.text.includes(`datatype: ${d} `))),
  );
  assert.deepEqual(
    other.slice(0, 10).map((v) => `${v.kind}: ${v.text.slice(0, 300)}`),
    [],
    `${other.length} violations besides the documented datatypes`,
  );
  // Each allowed violation is one property's use of such a datatype (as its range or a member of its union range).
  const uses = new Map<string, number>();
  for (const q of store.getQuads(null, `${NS.rdfs}range`, null, null)) {
    const members =
      q.object.termType === 'NamedNode'
        ? [q.object.value]
        : store.getQuads(q.object, `${NS.owl}unionOf`, null, null).flatMap((u) => listItems(store, u.object));
    for (const m of members)
      if (m.startsWith(NS.xsd) && ALLOWED_DATATYPES.includes(`xsd:${m.slice(NS.xsd.length)}`))
        uses.set(`xsd:${m.slice(NS.xsd.length)}`, (uses.get(`xsd:${m.slice(NS.xsd.length)}`) ?? 0) + 1);
  }
  const found = new Map<string, number>();
  for (const v of r.violations) {
    const d = ALLOWED_DATATYPES.find((x) => v.text.includes(`datatype: ${x} `))!;
    found.set(d, (found.get(d) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries([...found].sort()), Object.fromEntries([...uses].sort()));
  assert.ok((uses.get('xsd:date') ?? 0) > 500, 'the datum attributes are among them');
});

test('no GGM property is a bare rdf:Property (OWL 2 DL would read it as an annotation)', () => {
  const store = new N3.Store(new N3.Parser({ format: 'text/turtle' }).parse(ontologyText));
  assert.deepEqual(
    store.getSubjects(`${NS.rdf}type`, `${NS.rdf}Property`, null).map((s) => s.value),
    [],
  );
});

function listItems(store: N3.Store, head: N3.Term): string[] {
  const out: string[] = [];
  for (let n: N3.Term = head; n.value !== `${NS.rdf}nil`;) {
    out.push(store.getObjects(n, `${NS.rdf}first`, null)[0]!.value);
    n = store.getObjects(n, `${NS.rdf}rest`, null)[0]!;
  }
  return out;
}

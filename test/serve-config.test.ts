/**
 * One configuration, resolved once by the CLI: the real `ggm serve` process
 * under another vocabulary base, another instance base and another --root
 * answers every route family from them — documents, SPARQL, VoID, reports,
 * alignments, the query library, the cross-domain page and /validate (whose
 * shapes follow the configured base) — with the settings coming from a flag,
 * the environment and a config file, and the configuration in force logged at
 * start-up with credentials masked.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser, type Quad } from 'n3';
import { FIXTURE, ROOT } from './server-support.js';

const VOCAB = 'https://example.org/';
const INSTANCES = 'https://data.example.org/';
const SECRET = 'update-secret-never-logged';
const dir = mkdtempSync(path.join(tmpdir(), 'ggm-serve-config-'));
const root = path.join(dir, 'elders');

let child: ChildProcess;
let base: string;
const lines: Record<string, unknown>[] = [];

before(async () => {
  // Another root: the fixture's ontology, shapes and data, and reports, alignments and a query library of its own.
  cpSync(FIXTURE, root, { recursive: true });
  mkdirSync(path.join(root, 'reports'));
  mkdirSync(path.join(root, 'alignments'));
  mkdirSync(path.join(root, 'queries'));
  writeFileSync(path.join(root, 'reports', 'kwaliteitsrapport.md'), '# Kwaliteitsrapport van elders\n');
  writeFileSync(path.join(root, 'alignments', 'elders.sssom.tsv'), '# mapping_set_id: https://example.org/elders\nsubject_id\tobject_id\n');
  const crossDomain = JSON.parse(readFileSync(path.join(ROOT, 'reports', 'cross-domain.json'), 'utf8')) as {
    sharedNames: { name: string }[];
  };
  crossDomain.sharedNames[0]!.name = 'NaamVanElders';
  writeFileSync(path.join(root, 'reports', 'cross-domain.json'), JSON.stringify(crossDomain));
  writeFileSync(
    path.join(root, 'queries', '01-zaken-van-elders.rq'),
    [
      '# name: zaken-van-elders',
      '# nl: Welke zaken zijn er elders?',
      '# en: Which cases are there elsewhere?',
      '# domeinen: RGBZPlus',
      'PREFIX ggm: <https://gemeentelijkgegevensmodel.nl/def/ggm/>',
      'SELECT ?zaak WHERE { ?zaak a ggm:Zaak } ORDER BY ?zaak',
      '',
    ].join('\n'),
  );
  // The instance base and a vocabulary base that the environment overrides come from a config file.
  const config = path.join(dir, 'ggm.yaml');
  writeFileSync(config, `vocab-base: https://overridden.example/\nserve:\n  instance-base: ${INSTANCES}\n  cache-mb: 16\n`);
  child = spawn(
    process.execPath,
    ['dist/src/cli/main.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--root', root, '--config', config],
    {
      cwd: ROOT,
      env: { ...process.env, GGM_VOCAB_BASE: VOCAB, GGM_UPDATE_CREDENTIAL: SECRET, GGM_LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  base = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const json = JSON.parse(buffer.slice(0, i)) as Record<string, unknown>;
        buffer = buffer.slice(i + 1);
        lines.push(json);
        if (json.event === 'listening') resolve(`http://127.0.0.1:${json.port as number}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
});

after(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const get = async (p: string, accept = 'text/turtle') => {
  const res = await fetch(`${base}${p}`, { headers: { Accept: accept }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

test('the configuration in force is logged first: every setting with its source, credentials masked', () => {
  const config = lines.find((l) => l.event === 'config') as { settings: Record<string, string> } | undefined;
  assert.ok(config, 'a config event');
  assert.equal(lines.indexOf(config), 0, 'before anything is loaded');
  assert.equal(config.settings['vocab-base'], `${VOCAB} (env)`, 'the environment wins over the file');
  assert.equal(config.settings['instance-base'], `${INSTANCES} (file)`);
  assert.equal(config.settings.root, `${root} (flag)`);
  assert.equal(config.settings['cache-mb'], '16 (file)');
  assert.equal(config.settings.port, '0 (flag)');
  assert.equal(config.settings['query-timeout'], '10000 (default)');
  assert.equal(config.settings.GGM_UPDATE_CREDENTIAL, '*** (env)');
  assert.ok(!JSON.stringify(lines).includes(SECRET), 'the credential itself is never written');
});

test('documents, /id/ and /sparql answer under the configured bases', async () => {
  const zaak = await get('/def/ggm/Zaak');
  assert.equal(zaak.status, 200);
  const quads = new Parser({ format: 'text/turtle' }).parse(zaak.body);
  assert.ok(quads.some((q) => q.subject.value === `${VOCAB}def/ggm/Zaak`));
  assert.ok(!zaak.body.includes('gemeentelijkgegevensmodel.nl'), 'nothing under the default bases');
  assert.equal((await get('/id/zaak/Z-2024-001')).status, 303);
  const doc = await get('/doc/zaak/Z-2024-001');
  assert.ok(new Parser().parse(doc.body).some((q) => q.subject.value === `${INSTANCES}id/zaak/Z-2024-001`));
  const ask = await get(
    `/sparql?query=${encodeURIComponent(`ASK { <${INSTANCES}id/zaak/Z-2024-001> a <${VOCAB}def/ggm/Zaak> }`)}`,
    'application/sparql-results+json',
  );
  assert.equal(JSON.parse(ask.body).boolean, true);
  const voidDoc = await get('/.well-known/void');
  assert.match(voidDoc.body, new RegExp(`${INSTANCES}graph/demo`));
});

test('reports, alignments, the query library and the cross-domain page come from --root', async () => {
  const report = await get('/reports/kwaliteitsrapport.md', 'text/markdown');
  assert.equal(report.status, 200);
  assert.equal(report.body, '# Kwaliteitsrapport van elders\n');
  assert.match((await get('/alignments/elders.sssom.tsv', '*/*')).body, /example\.org\/elders/);
  assert.equal((await get('/alignments/ggm-gemma.sssom.tsv', '*/*')).status, 404, "the install's own files are not served");
  const library = await get('/queries', 'text/html');
  assert.match(library.body, /zaken-van-elders/);
  assert.doesNotMatch(library.body, /stadspas-en-energietoeslag/, "the install's queries are not served");
  const answer = JSON.parse((await get('/queries/zaken-van-elders/resultaat.json', '*/*')).body) as {
    results: { bindings: { zaak: { value: string } }[] };
  };
  assert.deepEqual(
    answer.results.bindings.map((b) => b.zaak.value),
    [`${INSTANCES}id/zaak/Z-2024-001`],
    'the library query runs under the configured bases',
  );
  assert.match((await get('/cross-domain', 'text/html')).body, /NaamVanElders/);
});

test('/validate checks against the shapes of --root under the configured vocabulary base', async () => {
  const post = async (vocab: string) => {
    const res = await fetch(`${base}/validate`, {
      method: 'POST',
      headers: { 'content-type': 'text/turtle', accept: 'application/n-triples' },
      body: `<${INSTANCES}id/zaak/leeg> a <${vocab}def/ggm/Zaak> .`,
    });
    assert.equal(res.status, 200);
    return new Parser({ format: 'application/n-triples' }).parse(await res.text());
  };
  const conforms = (report: Quad[]) => report.find((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#conforms')?.object.value;
  const underBase = await post(VOCAB);
  assert.equal(conforms(underBase), 'false', 'a Zaak of the configured vocabulary lacks its registratiedatum');
  assert.ok(
    underBase.some((q) => q.object.value === `${VOCAB}def/ggm/zaak.registratiedatum`),
    'the result names the rebased property',
  );
  assert.equal(conforms(await post('https://gemeentelijkgegevensmodel.nl/')), 'true', 'a class of another vocabulary is not a target');
});

test('invalid settings stop the start with a message naming the flag, variable or file key', async () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
      let stderr = '';
      p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      p.on('close', (code) => resolve({ code, stderr }));
    });
  const port = await run(['--port', 'zeventig']);
  assert.equal(port.code, 1);
  assert.match(port.stderr, /^ggm: --port: expected a whole number, got "zeventig"/);
  assert.match((await run([], { PORT: '70000' })).stderr, /^ggm: PORT: must be 0–65535, got 70000/);
  assert.match((await run([], { GGM_VOCAB_BASE: 'geen iri' })).stderr, /^ggm: GGM_VOCAB_BASE: not an IRI base/);
  const bad = path.join(dir, 'bad.yaml');
  writeFileSync(bad, 'serve:\n  prot: 3000\n');
  assert.match((await run(['--config', bad])).stderr, /^ggm: bad\.yaml: serve\.prot: ggm serve has no setting "prot"/);
  writeFileSync(bad, 'serve:\n  query-timeout: lang\n');
  assert.match((await run(['--config', bad])).stderr, /^ggm: bad\.yaml: serve\.query-timeout: expected a whole number/);
});

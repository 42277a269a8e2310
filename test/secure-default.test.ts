/**
 * Secure by default (issue 11.10): without an access policy, a graph that is
 * not synthetic and holds personal instances is never served anonymously; the
 * synthetic demo and data without persons stay open; the update credential
 * reads everything; the log says at start-up which policy is in force. A
 * policy file that opens such a graph is obeyed, with a warning.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFixtureService, type FixtureService } from './server-support.js';
import { parseAccessPolicy } from '../src/server/access/policy.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const ID = 'https://demo.gemeentelijkgegevensmodel.nl/id/';
const G = 'https://demo.gemeentelijkgegevensmodel.nl/graph/';
const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const CREDENTIAL = 'secure-default-credential';
let root: string;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ggm-secure-default-'));
  await mkdir(path.join(root, 'ontology'));
  await mkdir(path.join(root, 'data'));
  await cp(path.join(PROJECT_ROOT, 'ontology', 'persoonsgegevens.ttl'), path.join(root, 'ontology', 'persoonsgegevens.ttl'));
  // A real register's export: a pupil in one graph, a case in another.
  await writeFile(
    path.join(root, 'data', 'register.nq'),
    `<${ID}leerling/1> <${TYPE}> <${GGM}Leerling> <${G}onderwijs> .\n<${ID}leerling/1> <${GGM}leerling.kwetsbareJongere> "ja" <${G}onderwijs> .\n` +
      `<${ID}zaak/1> <${TYPE}> <${GGM}Zaak> <${G}zaken> .\n`,
  );
  // The synthetic demo, marked as ggm demo marks it.
  await writeFile(
    path.join(root, 'data', 'demo.trig'),
    `# Demogemeente Lindewaard: synthetische gegevens volgens GGM 2.5.1 (seed 1, schaal 1).\n<${G}demo/personen> { <${ID}ingeschrevenpersoon/1> a <${GGM}IngeschrevenPersoon> . }\n`,
  );
});
after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function count(service: FixtureService, graph: string, headers: Record<string, string> = {}): Promise<number> {
  const q = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
  const res = await fetch(`${service.base}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'text/csv', ...headers } });
  assert.equal(res.status, 200);
  return Number((await res.text()).trim().split('\n')[1]);
}

test('without a policy: personal data that is not synthetic is restricted, the rest open, and the log says so', async () => {
  const service = await startFixtureService({ root, sparql: { updateCredential: CREDENTIAL } });
  try {
    assert.equal(await count(service, `${G}onderwijs`), 0, 'the pupil is not served anonymously');
    assert.equal((await fetch(`${service.base}/doc/leerling/1`, { headers: { accept: 'text/turtle' } })).status, 404);
    assert.equal(await count(service, `${G}zaken`), 1, 'data without persons is open');
    assert.equal(await count(service, `${G}demo/personen`), 1, 'the synthetic demo is open');
    assert.equal(await count(service, `${G}onderwijs`, { authorization: `Bearer ${CREDENTIAL}` }), 2, 'the update credential reads it');
    const line = service.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'access-policy');
    assert.ok(line, 'the policy in force is logged');
    assert.equal(line.source, 'built-in default');
    assert.deepEqual(line.personalGraphs, [`${G}onderwijs`]);
    assert.match(String(line.msg), /built-in default policy .*restricted .*graph\/onderwijs/);
  } finally {
    await service.close();
  }
});

test('a policy that names the graph public is obeyed, and the start-up log warns', async () => {
  const access = parseAccessPolicy(`graphs:\n  default: restricted\n  public: ["${G}onderwijs", "${G}zaken"]\n`, 'open.yaml');
  const service = await startFixtureService({ root, access });
  try {
    assert.equal(await count(service, `${G}onderwijs`), 2);
    const lines = service.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.find((l) => l.event === 'access-policy')?.source, 'file');
    assert.deepEqual(lines.find((l) => l.event === 'personal-data-public')?.graphs, [`${G}onderwijs`]);
  } finally {
    await service.close();
  }
});

test('data without persons (the server fixture): the default policy enforces nothing and says so', async () => {
  const service = await startFixtureService({});
  try {
    const line = service.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'access-policy');
    assert.equal(line?.source, 'built-in default');
    assert.deepEqual(line?.personalGraphs, []);
    assert.equal(line?.enforced, false);
  } finally {
    await service.close();
  }
});

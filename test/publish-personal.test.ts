/**
 * `ggm publish` refuses personal data in a public graph (the error names the
 * graph and the triple; the graph is unchanged), and publishes it into a
 * restricted one: the graph's `…/persoonsgegevens` companion, or a graph the
 * target's access policy (--access) restricts.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startFixtureService } from './server-support.js';

const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const TOKEN = 'publish-personal-credential';
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const ID = 'https://demo.gemeentelijkgegevensmodel.nl/id/';
const GRAPH = 'https://demo.gemeentelijkgegevensmodel.nl/graph/onderwijs-import';

const service = await startFixtureService({ root: null, sparql: { updateCredential: TOKEN } });
after(() => service.close());
const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-publish-personal-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, GGM_PUBLISH_TOKEN: TOKEN } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function count(graph: string): Promise<number> {
  const q = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
  const res = await fetch(`${service.url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'text/csv' } });
  return Number((await res.text()).trim().split('\n')[1]);
}

const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
// A pupil (Leerling ⊑ IngeschrevenPersoon ⊑ NatuurlijkPersoon) typed in the file.
const pupil = `<${ID}leerling/9> <${TYPE}> <${GGM}Leerling> .\n`;
// A case pointing at an employee by IRI alone (Medewerker describes a person: achternaam …).
const link = `<${ID}zaak/4> <${TYPE}> <${GGM}Zaak> .\n<${ID}zaak/4> <${GGM}zaak.afhandelendMedewerkerMedewerker> <${ID}medewerker/2> .\n`;
const harmless = `<${ID}aanbesteding/5> <${TYPE}> <${GGM}Aanbesteding> .\n`;
// An employee that conforms to the shapes (Medewerker needs the instance it works for).
const employee =
  `<${ID}medewerker/2> <${TYPE}> <${GGM}Medewerker> .\n<${ID}medewerker/2> <${GGM}medewerker.achternaam> "Jansen" .\n` +
  `<${ID}medewerker/2> <${GGM}medewerker.werktBijUitvoerendeInstantie> <${ID}uitvoerendeinstantie/1> .\n<${ID}uitvoerendeinstantie/1> <${TYPE}> <${GGM}UitvoerendeInstantie> .\n`;

test('personal data into a public graph is refused, naming the graph and the triple; the graph is unchanged', async () => {
  for (const [name, body, shown] of [
    ['pupil.nt', pupil, new RegExp(`<${ID}leerling/9> .*is a Leerling`)],
    ['link.nt', link, new RegExp(`<${ID}medewerker/2>.*is a Medewerker`)],
  ] as const) {
    const file = path.join(dir, name);
    await writeFile(file, body);
    const r = await run(['publish', file, '--graph', GRAPH, '--to', `${service.url}/sparql`, '--quiet']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr + r.stdout, new RegExp(`not published: <${GRAPH}> is public .*would hold personal data`));
    assert.match(r.stderr + r.stdout, shown);
    assert.equal(await count(GRAPH), 0);
  }
});

test('personal data is published into the restricted companion graph or a graph the policy restricts; other data anywhere', async () => {
  const file = path.join(dir, 'employee.nt');
  await writeFile(file, employee);
  const companion = `${GRAPH}/persoonsgegevens`;
  const r1 = await run(['publish', file, '--graph', companion, '--to', `${service.url}/sparql`, '--quiet']);
  assert.equal(r1.code, 0, r1.stdout + r1.stderr);
  assert.equal(await count(companion), 4);
  const policy = path.join(dir, 'policy.yaml');
  await writeFile(policy, `graphs:\n  default: public\n  restricted: ["${GRAPH}"]\n`);
  const r2 = await run(['publish', file, '--graph', GRAPH, '--to', `${service.url}/sparql`, '--access', policy, '--quiet']);
  assert.equal(r2.code, 0, r2.stdout + r2.stderr);
  assert.equal(await count(GRAPH), 4);
  const other = path.join(dir, 'harmless.nt');
  await writeFile(other, harmless);
  const r3 = await run(['publish', other, '--graph', `${GRAPH}-openbaar`, '--to', `${service.url}/sparql`, '--quiet']);
  assert.equal(r3.code, 0, r3.stdout + r3.stderr);
});

/**
 * The command line's one definition per option: every command's --help is
 * generated from it (walked here through the real `ggm` process), every flag
 * the help lists parses, and values resolve flag > environment > config file >
 * default, validated, with errors naming their source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BUILD, COMMANDS, SERVE } from '../src/cli/commands.js';
import { describeSettings, helpText, resolveCommand } from '../src/cli/options.js';
import { PROJECT_ROOT, sharedDir } from '../src/cli/paths.js';
import { ROOT } from './server-support.js';

const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const ggm = (args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args], { cwd: ROOT });

/** A value each kind of option accepts. */
function sample(spec: (typeof COMMANDS)[number], flag: string): string[] {
  const o = Object.values(spec.options).find((x) => x.flag === flag);
  if (!o) return ['--' + flag];
  if (o.kind === 'boolean') return [`--${flag}`];
  const value = /url|^store$|endpoint|publisher|^to$|^graph$/.test(flag)
    ? 'http://127.0.0.1:1/sparql'
    : /base/.test(flag)
      ? 'https://example.org/'
      : '1';
  return [`--${flag}`, flag === 'log-level' ? 'debug' : flag === 'log-format' ? 'json' : value];
}

test('`ggm <command> --help` works for every command and lists exactly the flags that parse', async () => {
  const { stdout: usage } = await ggm(['--help']);
  for (const spec of COMMANDS) {
    assert.match(
      usage,
      new RegExp(`^  ${spec.name} +${spec.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      `usage lists ${spec.name}`,
    );
    const { stdout } = await ggm([spec.name, '--help']);
    assert.equal(stdout, `${helpText(spec)}\n`, `${spec.name}: the help printed is the generated one`);
    const defined = Object.values(spec.options).flatMap((o) => (o.flag ? [o.flag] : []));
    const listed = [...stdout.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]!);
    for (const f of defined) assert.ok(listed.includes(f), `${spec.name} --help lists --${f}`);
    for (const f of listed) {
      if (f === 'help' || f === 'config') continue;
      assert.ok(defined.includes(f), `${spec.name} --help lists only defined flags (--${f})`);
      assert.doesNotThrow(() => resolveCommand(spec, sample(spec, f), {}, COMMANDS), `${spec.name} --${f} parses`);
    }
    for (const o of Object.values(spec.options))
      if (!o.flag) assert.match(stdout, new RegExp(`^  env ${o.env}`, 'm'), `${spec.name} --help names ${o.env}`);
  }
  await assert.rejects(ggm(['build', '--frobnicate']), /Unknown option '--frobnicate'[\s\S]*ggm build/);
  await assert.rejects(ggm(['bouwen']), /unknown command "bouwen"/);
});

test('flag > environment > config file > default, each value validated with its source named', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ggm-options-'));
  const file = path.join(dir, 'ggm.json');
  writeFileSync(
    file,
    JSON.stringify({ 'vocab-base': 'https://file.example/', serve: { port: 4000, 'service-allow': ['a.example', 'b.example'] } }),
  );
  const env = { GGM_CONFIG: file, PORT: '5000' };
  const fromAll = resolveCommand(SERVE, ['--port', '6000'], env, COMMANDS);
  assert.equal(fromAll.values.port, 6000);
  assert.equal(fromAll.sources.port, 'flag');
  const fromEnv = resolveCommand(SERVE, [], env, COMMANDS);
  assert.equal(fromEnv.values.port, 5000);
  assert.equal(fromEnv.sources.port, 'env');
  const fromFile = resolveCommand(SERVE, [], { GGM_CONFIG: file }, COMMANDS);
  assert.equal(fromFile.values.port, 4000);
  assert.equal(fromFile.values.vocabBase, 'https://file.example/', 'a top-level setting applies to every command that has it');
  assert.deepEqual(fromFile.values.serviceAllow, ['a.example', 'b.example']);
  assert.equal(resolveCommand(BUILD, [], { GGM_CONFIG: file }, COMMANDS).values.vocabBase, 'https://file.example/');
  const defaults = resolveCommand(SERVE, [], {}, COMMANDS);
  assert.equal(defaults.values.port, 3000);
  assert.equal(defaults.values.root, PROJECT_ROOT);
  assert.equal(resolveCommand(BUILD, [], {}, COMMANDS).values.sharedDir, sharedDir({}));
  assert.equal(resolveCommand(BUILD, [], { GGM_SHARED_DIR: dir }, COMMANDS).values.sharedDir, dir);
  assert.deepEqual(
    resolveCommand(SERVE, ['--service-allow', 'x.example,y.example', '--service-allow', 'z.example'], {}, COMMANDS).values.serviceAllow,
    ['x.example', 'y.example', 'z.example'],
  );
  assert.throws(() => resolveCommand(SERVE, ['--heavy-workers=-1'], {}, COMMANDS), /^Error: --heavy-workers: must be at least 0, got -1/);
  assert.throws(() => resolveCommand(SERVE, ['--store', 'ftp://x'], {}, COMMANDS), /--store: not an http\(s\) URL/);
  assert.throws(() => resolveCommand(SERVE, [], { GGM_LOG_LEVEL: 'loud' }, COMMANDS), /GGM_LOG_LEVEL: not a log level/);
  writeFileSync(file, 'poort: 3000\n');
  assert.throws(() => resolveCommand(SERVE, [], { GGM_CONFIG: file }, COMMANDS), /ggm\.json: unknown setting "poort"/);
  writeFileSync(file, '[1, 2]\n');
  assert.throws(() => resolveCommand(SERVE, [], { GGM_CONFIG: file }, COMMANDS), /ggm\.json: the configuration must be a mapping/);
});

test('credentials come from the environment only, and are masked when the configuration is shown', () => {
  const r = resolveCommand(
    SERVE,
    [],
    { GGM_STORE_TOKEN: 'tok-123', GGM_STORE_USER: 'beheer', GGM_UPDATE_CREDENTIAL: 'cred-456' },
    COMMANDS,
  );
  assert.equal(r.values.storeToken, 'tok-123');
  const shown = describeSettings(SERVE, r);
  assert.equal(shown.GGM_STORE_TOKEN, '*** (env)');
  assert.equal(shown.GGM_UPDATE_CREDENTIAL, '*** (env)');
  assert.equal(shown.GGM_STORE_USER, 'beheer (env)');
  assert.ok(!JSON.stringify(shown).includes('tok-123') && !JSON.stringify(shown).includes('cred-456'));
  assert.throws(() => resolveCommand(SERVE, ['--update-credential', 'x'], {}, COMMANDS), /Unknown option '--update-credential'/);
  const dir = mkdtempSync(path.join(tmpdir(), 'ggm-options-'));
  const file = path.join(dir, 'ggm.yaml');
  writeFileSync(file, 'serve:\n  update-credential: geheim\n');
  assert.throws(() => resolveCommand(SERVE, ['--config', file], {}, COMMANDS), /serve\.update-credential: ggm serve has no setting/);
});

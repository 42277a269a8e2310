// npm run test:unit — the fast tier: the test files listed in test/unit-tier.json,
// which need no PostgreSQL, Virtuoso, Chromium or server with the full data
// (under a minute). `npm test` stays the full suite (every file, as CI runs it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { files } = JSON.parse(readFileSync(path.join(root, 'test', 'unit-tier.json'), 'utf8'));
const compiled = files.map((f) => path.join(root, 'dist', 'test', f.replace(/\.ts$/, '.js')));
const missing = compiled.filter((f) => !existsSync(f));
if (missing.length) {
  process.stderr.write(`test/unit-tier.json names files that are not compiled: ${missing.join(', ')}\n`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...compiled], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);

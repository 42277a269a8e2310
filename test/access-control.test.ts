/**
 * Access control by named graph on the embedded store: the service publishes
 * the project (vocabulary + demo municipality) under config/access.yaml.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startFixtureService, type FixtureService } from './server-support.js';
import { loadAccessPolicy, parseAccessPolicy } from '../src/server/access/policy.js';

import { TOKENS, accessSuite } from './access-suite.js';
import { PROJECT_ROOT } from '../src/cli/paths.js';

let service: FixtureService;
before(async () => {
  service = await startFixtureService({
    root: PROJECT_ROOT,
    access: loadAccessPolicy(path.join(PROJECT_ROOT, 'config', 'access.yaml'), TOKENS),
  });
});
after(() => service.close());

accessSuite('embedded', () => service.url);

test('a policy with a plain secret or an unknown role is refused, naming the file and element', () => {
  assert.throws(
    () => parseAccessPolicy('roles: {a: {read: ["*"]}}\ncredentials:\n  - role: a\n    token: hunter2\n', 'x.yaml'),
    /x\.yaml: credentials\[0\]: give env .* never the secret itself/,
  );
  assert.throws(() => parseAccessPolicy('credentials:\n  - role: b\n    env: X\n', 'y.yaml'), /y\.yaml: credentials\[0\]: role "b"/);
  assert.throws(() => parseAccessPolicy('graphs: {default: open}\n', 'z.yaml'), /z\.yaml: graphs\.default/);
});

#!/usr/bin/env node
/**
 * The command line: resolves each command's configuration once (flags >
 * environment > config file > defaults, see options.ts and commands.ts) and
 * hands it to the command. Thin: the work is in the stages.
 */
import { spawnSync } from 'node:child_process';
import { COMMANDS } from './commands.js';
import { helpText, resolveCommand, type CommandSpec } from './options.js';
import { ui } from './ui.js';

/**
 * The build keeps ~90 MB live but V8 grows its heap lazily to ~370 MB; a capped old space
 * heap (and a small young generation) holds the process under 300 MB at no cost
 * in time. Run the build in such a process unless the caller chose heap flags.
 */
const BUILD_HEAP_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=4'];

function buildInCappedHeap(argv: string[]): boolean {
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /--max-(old|semi)-space-size/.test(a));
  if (chosen || process.env.GGM_BUILD_HEAP_CAPPED) return false;
  const r = spawnSync(process.execPath, [...BUILD_HEAP_FLAGS, ...process.execArgv, process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, GGM_BUILD_HEAP_CAPPED: '1' },
  });
  process.exitCode = r.status ?? 1;
  return true;
}

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    'usage: ggm <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}this text; \`ggm <command> --help\` for a command's options`,
    '',
    'Every option can also come from the environment variable named in the help or from a',
    'config file (--config <file.yaml|json> or GGM_CONFIG); flags win over the environment,',
    'the environment over the file, the file over the defaults.',
  ].join('\n');
}

/** The module doing each command's work, loaded only when it runs. */
const RUNNERS: Record<string, () => Promise<{ run: (resolved: never) => Promise<void> }>> = {
  build: () => import('./build.js'),
  serve: () => import('./serve.js'),
  demo: () => import('./demo.js'),
  import: () => import('./import.js'),
  validate: () => import('./validate.js'),
  publish: () => import('./publish.js'),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    ui.out(`${usage()}\n`);
    return;
  }
  const spec: CommandSpec | undefined = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`unknown command "${name}"\n\n${usage()}`);
  const resolved = resolveCommand(spec, rest, process.env, COMMANDS);
  if (resolved.help) {
    ui.out(`${helpText(spec)}\n`);
    return;
  }
  if (name === 'build' && buildInCappedHeap(argv)) return;
  const { run } = await RUNNERS[name]!();
  await run(resolved as never);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  ui.error(`ggm: ${(e as Error).message}`);
  process.exitCode = 1;
});

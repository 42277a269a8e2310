#!/usr/bin/env node
/**
 * The command line: thin dispatch to the stages.
 */
import { build, BUILD_HELP } from './build.js';

const USAGE = `usage: ggm <command> [options]

commands:
  build      GGM release → ontology/, shapes/, reports/
  serve      the linked-data service (dereferencing, SPARQL, pages)
  help       this text

${BUILD_HELP}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'build':
      return build(rest);
    case 'serve': {
      const { serve } = await import('./serve.js');
      return serve(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`ggm: ${(e as Error).message}\n`);
  process.exitCode = 1;
});

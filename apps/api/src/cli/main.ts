/**
 * The operators' command line: `pnpm stageflow <command>` (see cli.ts for the commands).
 * pnpm runs it inside apps/api, so relative file arguments are read from where it was typed (INIT_CWD).
 */
import { runCli } from './cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  cwd: process.env.INIT_CWD ?? process.cwd(),
});

/**
 * `npm run sandbox [-- --demo] [-- --reset] [-- --http]`: Punchcard without a Slack workspace. The
 * real app runs against a local Slack stand-in, and http://localhost:3000/ (PORT) plays Slack.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { startSandbox } from './sandbox.js';

const HELP = `npm run sandbox -- [--demo] [--reset] [--http]

  --demo   seed a week and a half of a team's work (projects, time, milestones, a check-in, a digest)
  --reset  empty the sandbox's data first (${'.sandbox/'})
  --http   reach the app by signed POST /slack/events instead of Socket Mode

Open http://localhost:3000/ (set PORT to use another port). Data stays in .sandbox/.`;

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const unknown = [...args].filter((a) => !['--demo', '--reset', '--http'].includes(a));
if (unknown.length > 0) {
  process.stderr.write(`unknown option ${unknown.join(' ')}\n\n${HELP}\n`);
  process.exit(1);
}
const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('warn'),
  })
  .safeParse(process.env);
if (!env.success) {
  process.stderr.write(`${z.prettifyError(env.error)}\n`);
  process.exit(1);
}

const folder = resolve('.sandbox');
if (args.has('--reset')) {
  rmSync(folder, { recursive: true, force: true });
  process.stdout.write(`emptied ${folder}\n`);
}
const logger = createLogger({ level: env.data.LOG_LEVEL });
if (args.has('--demo')) process.stdout.write('seeding the demo (a few seconds)…\n');
try {
  const sandbox = await startSandbox({
    logger,
    port: env.data.PORT,
    dataDir: resolve(folder, 'data'),
    clockFile: resolve(folder, 'clock.json'),
    demo: args.has('--demo'),
    http: args.has('--http'),
  });
  process.stdout.write(
    `Punchcard sandbox (${args.has('--http') ? 'HTTP' : 'Socket Mode'}): open ${sandbox.url}\n` +
      `data in ${folder} · Ctrl+C to stop\n`,
  );
  const stop = () => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const err = error as Error & { code?: string };
  process.stderr.write(
    err.code === 'EADDRINUSE'
      ? `Port ${env.data.PORT} is already in use: set PORT to a free one (PORT=3001 npm run sandbox).\n`
      : `The sandbox failed to start: ${err.message}\n`,
  );
  process.exit(1);
}

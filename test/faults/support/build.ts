import { spawnSync } from 'node:child_process';
import { ROOT } from '../../support/processes.js';

/**
 * The fault suite's global setup: builds `dist/` once, since the app under test runs compiled, as
 * production runs it (bench/app-child.mjs), and starts in a fraction of the time tsx takes.
 */
export default function setup(): void {
  if (!process.env.DATABASE_URL) {
    throw new Error('the fault tests run on Postgres: set DATABASE_URL (npm run test:faults does)');
  }
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root: processes run from here, as `npm run cli` does. */
export const ROOT = join(import.meta.dirname, '..', '..');

export interface Finished {
  code: number | null;
  out: string;
  err: string;
}

/**
 * `npm run cli -- <args>` as an operator runs it: its own process, configured only by `env`
 * (nothing inherited but PATH and HOME), from the TypeScript sources.
 */
export function runCli(args: string[], env: Record<string, string>, cwd = ROOT): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err })); // after the pipes drain, not just the exit
  });
}

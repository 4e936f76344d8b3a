import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreProblem } from './store-problem.js';

// The embedded store is one Postgres owned by one process: a second opener (a second bot, or a CLI
// command while the bot runs) would corrupt it. PGlite's own postmaster.pid holds a fake pid and is
// left behind by a crash, so we keep our own lock with the real pid and host.
const LOCK_FILE = 'punchcard.lock';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export function acquireDataDirLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      return () => {
        try {
          const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
          if (owner.pid === me.pid && owner.host === me.host) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLockOwner(path);
      if (owner && isAlive(owner)) {
        throw new StoreProblem(
          'store.in_use',
          `The embedded database in ${dir} is in use by another Punchcard process (pid ${owner.pid} on ${owner.host}, since ${owner.since}). ` +
            'The embedded store allows one process at a time: stop the bot first, or use Postgres (DATABASE_URL) to run several. ' +
            `If no such process is running, delete ${path}.`,
        );
      }
      // Left behind by a process that is gone (kill -9, a crash): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new StoreProblem(
    'store.in_use',
    `Could not take the lock file ${path}: another process keeps creating it.`,
  );
}

function readLockOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockOwner) : null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  // Our own pid in the file means an earlier process with this pid died holding it: in a container
  // the bot is always pid 1, so after a crash and restart the lock names us. The host is only
  // informative: a recreated container has a new hostname but the same volume.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

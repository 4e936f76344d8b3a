import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { embeddedStoreExists, openDatabase } from './client.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { StoreProblem } from './store-problem.js';

/* Backup and restore of the embedded store (a gzipped tarball of its data folder). */

/** Writes a gzipped tarball of the embedded store in `dataDir` (which must exist and be free) to `file`. */
export async function backupEmbeddedStore(dataDir: string, file: string): Promise<{ bytes: number }> {
  const target = resolve(file);
  if (existsSync(target)) {
    throw new StoreProblem(
      'store.exists',
      `${target} already exists: choose a new file name for the backup.`,
    );
  }
  const handle = await openDatabase({ dataDir, mustExist: true });
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  try {
    const dump = await client.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Written beside the target and renamed, so a cut-off backup never looks like a whole one.
    const partial = `${target}.partial-${process.pid}`;
    writeFileSync(partial, bytes, { flag: 'wx' });
    renameSync(partial, target);
    return { bytes: bytes.length };
  } finally {
    await handle.close();
  }
}

/**
 * Recreates an embedded store in `dataDir` from a `backup` file. Refuses a DATA_DIR that already
 * holds a database, and leaves nothing behind when the file is not a backup.
 */
export async function restoreEmbeddedStore(dataDir: string, file: string): Promise<void> {
  const dir = resolve(dataDir);
  const source = resolve(file);
  if (!existsSync(source)) {
    throw new StoreProblem(
      'store.bad_backup',
      `${source} does not exist: name a file written by \`backup\`.`,
    );
  }
  if (embeddedStoreExists(dir)) {
    throw new StoreProblem(
      'store.exists',
      `${dir} (DATA_DIR) already holds a database, and restore never overwrites one. Stop the bot, move it aside (mv ${dataDir} ${dataDir}.old), then restore again.`,
    );
  }
  const bytes = readFileSync(source);
  // A gzip stream starts with 1f 8b; anything else is not a file `backup` wrote.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new StoreProblem(
      'store.bad_backup',
      `${source} is not a Punchcard backup (a .tar.gz written by \`backup\`).`,
    );
  }
  const createdDir = !existsSync(dir);
  const leftBefore = createdDir ? [] : readdirSync(dir);
  mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite'); // loaded only when restoring
    const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([bytes]) });
    await client.close();
  } catch (error) {
    // Nothing half-restored: remove what we wrote, keep whatever was there before.
    release();
    if (createdDir) rmSync(dir, { recursive: true, force: true });
    else
      for (const name of readdirSync(dir))
        if (!leftBefore.includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
    throw new StoreProblem(
      'store.bad_backup',
      `${source} could not be restored (${(error as Error).message}); ${dir} was left as it was.`,
    );
  }
  release();
}

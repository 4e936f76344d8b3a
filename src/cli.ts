import { parseArgs } from 'node:util';
import { describeConfigProblems, loadDatabaseConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { databaseOptions } from './server.js';

const USAGE = `Punchcard operator commands: npm run cli -- <command>

  migrate     apply the migrations in migrations/ to the configured database (DATABASE_URL, or DATA_DIR)
  help        this text
`;

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [command = 'help'] = positionals;
  switch (command) {
    case 'migrate': {
      const loaded = loadDatabaseConfig();
      if (!loaded.ok) {
        process.stderr.write(`${describeConfigProblems(loaded.problems)}\n`);
        return 1;
      }
      const database = await openDatabase(databaseOptions(loaded.config));
      try {
        await migrateDatabase(database);
        process.stdout.write(`migrations applied (${database.kind})\n`);
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`punchcard cli failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);

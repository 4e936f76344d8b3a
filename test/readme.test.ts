import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/slack/listeners/commands/index.js';

/** The README is what a stranger follows: the facts it states about the code must stay true. */
const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n${heading}\n`);
  const end = readme.indexOf('\n## ', start + heading.length + 2);
  return readme.slice(start, end === -1 ? undefined : end);
};
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

describe('README', () => {
  it('says how many times the manifest names the request URL, and for how many commands', () => {
    const times = manifest.split('https://punchcard.example.com/slack/events').length - 1;
    expect(readme).toContain(
      `The URL appears ${WORDS[times]} times: once for each of the ${WORDS[COMMANDS.length]} slash`,
    );
  });

  it('documents every setting config.ts reads', () => {
    const config = readFileSync(join(root, 'src', 'config.ts'), 'utf8');
    const keys = [...config.matchAll(/^ {2}([A-Z_]+): /gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(8);
    for (const key of keys) expect(section('## Settings')).toContain(`| \`${key}\` |`);
  });

  it('documents every operator command the CLI offers', () => {
    const cli = readFileSync(join(root, 'src', 'cli.ts'), 'utf8');
    const commands = [...cli.matchAll(/^ {4}case '([a-z]+)':/gm)]
      .map((m) => m[1])
      .filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['migrate', 'tick', 'export', 'backup', 'restore']));
    for (const command of commands) expect(section('### Operator commands')).toContain(`\`${command}`);
  });

  it('no longer claims that projects cannot be created', () => {
    expect(readme).not.toContain('No command creates projects yet');
    expect(readme).toContain('/punchcard project add');
  });
});

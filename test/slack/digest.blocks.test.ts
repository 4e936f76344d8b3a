import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestInput } from '../../src/domain/digest.js';
import {
  DIGEST_LIMITS,
  type DigestMessageOptions,
  digestMessage,
} from '../../src/slack/blocks/digest.blocks.js';
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import { expectNoFigures } from '../support/figures.js';

const TITLE = 'Weekly digest · 23–29 Nov 2026';

/** The digest is always one message; the helpers below read lists of messages. With figures (the preview) unless told. */
const digestMessages = (
  digest: Parameters<typeof digestMessage>[0],
  options: DigestMessageOptions = { figures: true },
) => [digestMessage(digest, options)];

const week = { from: '2026-11-23', to: '2026-11-29' };

const emptyInput = (overrides: Partial<DigestInput> = {}): DigestInput => ({
  channelId: 'C1',
  week,
  entries: [],
  members: [],
  checkins: [],
  openBlockers: [],
  milestones: [],
  budgets: [],
  today: '2026-11-27',
  ...overrides,
});

/** Every text a reader can see in a block (section, header, context). */
function blockTexts(block: KnownBlock): string[] {
  if (block.type === 'section') return block.text ? [block.text.text] : [];
  if (block.type === 'header') return [block.text.text];
  if (block.type === 'context') return block.elements.flatMap((e) => ('text' in e ? [e.text] : []));
  return [];
}

const sectionTexts = (messages: SlackMessage[]): string[] =>
  messages.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : [])));

const allText = (messages: SlackMessage[]): string =>
  messages.flatMap((m) => m.blocks.flatMap(blockTexts)).join('\n');

function expectWithinSlackLimits(messages: SlackMessage[]): void {
  for (const message of messages) {
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(DIGEST_LIMITS.messageChars);
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.blocks[0]?.type).not.toBe('divider');
    expect(message.blocks.at(-1)?.type).not.toBe('divider');
    for (const block of message.blocks) {
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    }
  }
}

const plural = (n: number) => `${n} line${n === 1 ? '' : 's'}`;

const words = (n: number, seed: string): string =>
  Array.from({ length: n }, (_, i) => `${seed}w${String(i).padStart(4, '0')}`).join(' ');

function bigTeamInput(): DigestInput {
  const members = Array.from({ length: 60 }, (_, i) => ({
    userId: `U${String(i).padStart(3, '0')}`,
    displayName: `Contractor Number ${String(i).padStart(2, '0')} of the Extended Team`,
  }));
  const projects = Array.from({ length: 15 }, (_, i) => `project-${String(i).padStart(2, '0')}`);
  const entries: DigestInput['entries'] = [];
  members.forEach((m, i) => {
    for (let d = 0; d < 5; d++) {
      entries.push({
        userId: m.userId,
        workDate: `2026-11-${23 + d}`,
        minutes: 60 + ((i * 7 + d * 13) % 240),
        projectKey: (i + d) % 16 === 15 ? null : (projects[(i + d) % 15] ?? null),
        category: 'dev',
        billable: (i + d) % 3 !== 0,
        rateMinor: (i + d) % 3 !== 0 ? 5_000 + i * 100 : null,
        currency: i % 2 === 0 ? 'USD' : 'EUR',
      });
    }
  });
  return emptyInput({
    entries,
    members,
    checkins: members.map((m, i) => ({
      userId: m.userId,
      expected: 5,
      answered: 5 - (i % 3),
      missed: i % 2,
      skipped: Math.max((i % 3) - (i % 2), 0),
    })),
    openBlockers: members.map((m, i) => ({
      userId: m.userId,
      localDate: `2026-11-${23 + (i % 5)}`,
      text: `Blocker ${i}: ${words(40, `b${i}`)}`.slice(0, 400),
    })),
    milestones: Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      projectKey: projects[i % 15] ?? 'project-00',
      title: `Milestone ${i + 1}: ${words(12, `m${i}`)}`,
      dueDate: i < 15 ? `2026-11-${String(10 + i).padStart(2, '0')}` : `2026-11-${27 + (i % 3)}`,
      status: i % 4 === 0 ? 'done' : i % 4 === 1 ? 'in-progress' : i % 4 === 2 ? 'blocked' : 'planned',
      percent: i % 4 === 1 ? 50 : null,
      ownerId: members[i]?.userId ?? null,
      doneAt: i % 4 === 0 ? `2026-11-${23 + (i % 7)}` : null,
    })),
    budgets: projects.map((key, i) => ({ projectKey: key, budgetMinutes: 6_000, usedMinutes: i * 500 })),
  });
}

describe('digestMessages', () => {
  describe('for a 60-person team with 15 projects, 60 long blockers and 40 milestones', () => {
    const input = bigTeamInput();
    const digest = buildDigest(input);
    const message = digestMessage(digest, { figures: true, preview: true });
    const lines = sectionTexts([message]).flatMap((s) => s.split('\n'));
    const more = (title: string) => {
      const sections = sectionTexts([message]).filter((s) => s.startsWith(`*${title}`));
      const last = sections.join('\n').split('\n').at(-1) ?? '';
      return Number(/^_…and ([\d,]+) more_$/.exec(last)?.[1]?.replace(/,/g, '') ?? Number.NaN);
    };

    it('summarises it in one message within Slack’s limits, saying where the rest is', () => {
      expectWithinSlackLimits([message]);
      expect(message.blocks[1]).toEqual({ type: 'header', text: { type: 'plain_text', text: TITLE } });
      expect(message.text.startsWith(`Preview: ${TITLE}: `)).toBe(true);
      expect(message.text).toContain(
        `60 open blockers, ${digest.milestones.overdue.length} overdue milestones`,
      );
      const note = blockTexts(message.blocks.at(-1) as KnownBlock).join('');
      expect(note).toMatch(/^Too long for one message, so each list shows its first \d+ lines?\./);
      expect(note).toContain('`/timesheet export 2026-11-23..2026-11-29 all`');
      expect(note).toContain('`npm run cli -- export --from 2026-11-23 --to 2026-11-29`');
    });

    it('lists the people and projects with the most hours first, then how many more there are', () => {
      const shownPeople = lines.filter((l) =>
        input.members.some((m) => l.startsWith(`${m.displayName}  \``)),
      );
      expect(shownPeople.length).toBeGreaterThan(0);
      expect(shownPeople.length + more('Hours by person')).toBe(60);
      expect(shownPeople).toEqual(
        digest.byPerson
          .slice(0, shownPeople.length)
          .map((p) => expect.stringMatching(new RegExp(`^${p.name}  `))),
      );
      const projectLines = sectionTexts([message])
        .filter((t) => t.startsWith('*Hours by project'))
        .flatMap((t) => t.split('\n'))
        .filter((l) => /^(project-\d\d|_\(no project\)_) {2}`/.test(l));
      expect(projectLines.length + more('Hours by project')).toBe(digest.byProject.length);
      expect(projectLines[0]?.startsWith(`${digest.byProject[0]?.key}  \``)).toBe(true);
    });

    it('sums up the check-ins, then shows the people who missed the most days first', () => {
      const sections = sectionTexts([message]).filter((s) => s.startsWith('*Check-ins'));
      const [, total, first] = sections[0]?.split('\n') ?? [];
      const answered = input.checkins.reduce((n, c) => n + c.answered, 0);
      const missed = input.checkins.reduce((n, c) => n + c.missed, 0);
      const off = input.checkins.reduce((n, c) => n + c.skipped, 0);
      expect(total).toBe(`_60 people: ${answered}/300 answered (${missed} missed, ${off} off)_`);
      expect(first).toMatch(/ \(1 missed/);
      expect(more('Check-ins')).toBeGreaterThan(0);
    });

    it('cuts every list to the same number of lines', () => {
      const blockers = lines.filter((l) => l.startsWith(':rotating_light:'));
      const shown = lines.filter((l) => input.members.some((m) => l.startsWith(`${m.displayName}  \``)));
      expect(blockers.length).toBe(60 - more('Blockers'));
      expect(blockers.length).toBeLessThanOrEqual(shown.length);
      expect(allText([message])).toContain(`shows its first ${plural(blockers.length)}`);
    });

    it('shows a preview note at the top, saying the channel’s post leaves the figures out', () => {
      expect(message.blocks[0]).toEqual({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: "Preview — only you can see this. It shows hours, amounts and budgets; the channel's post leaves them out.",
          },
        ],
      });
      expect(message.blocks[1]?.type).toBe('header');
    });

    it('posts it in the channel summarised to fit, without hours, amounts or budgets', () => {
      const post = digestMessage(digest, { figures: false });
      expectWithinSlackLimits([post]);
      expect(post.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: TITLE } });
      expect(post.blocks[1]).toEqual({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Hours, amounts and budgets are left out of this post: managers and admins see them with `/punchcard digest preview` in this channel.',
          },
        ],
      });
      expect(post.text).toBe(
        `${TITLE}: 60 open blockers, ${digest.milestones.overdue.length} overdue milestones`,
      );
      const text = allText([post]);
      expectNoFigures(text);
      expectNoFigures(post.text);
      for (const m of input.members) expect(text).not.toContain(`${m.displayName}  \``);
      // Cut like the preview, but without the CSV of everyone's entries.
      const note = blockTexts(post.blocks.at(-1) as KnownBlock).join('');
      expect(note).toMatch(/^Too long for one message, so each list shows its first \d+ lines?\.$/);
      const titles = sectionTexts([post]).map((t) =>
        /^\*([^*]+)\*/.exec(t)?.[1]?.replace(' (continued)', ''),
      );
      expect([...new Set(titles)]).toEqual([
        'Check-ins',
        'Blockers',
        'Milestones',
        'Coming up',
        'Recognition',
        'Onboarding',
      ]);
    });
  });

  it('keeps to 50 blocks even without a size budget', () => {
    const input = bigTeamInput();
    // Blockers of about 2400 characters: one section each, so 60+ sections if all were shown.
    input.openBlockers = input.openBlockers.map((b, i) => ({ ...b, text: words(260, `b${i}`) }));
    for (const figures of [true, false]) {
      const message = digestMessage(buildDigest(input), {
        figures,
        limits: { messageChars: Number.POSITIVE_INFINITY },
      });
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks) {
        if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      }
      const shown = input.openBlockers.filter((b) => sectionTexts([message]).some((s) => s.includes(b.text)));
      expect(shown.length).toBeGreaterThan(0);
      expect(allText([message])).toContain(`_…and ${60 - shown.length} more_`);
    }
  });

  it('splits a blocker longer than a section at spaces, keeping every word', () => {
    const text = words(800, 'x'); // 800 × 6 characters, about 4800
    const digest = buildDigest(
      emptyInput({
        members: [{ userId: 'U1', displayName: 'Alice' }],
        openBlockers: [{ userId: 'U1', localDate: '2026-11-24', text }],
      }),
    );
    const messages = digestMessages(digest);
    expectWithinSlackLimits(messages);
    const sections = sectionTexts(messages);
    const blockerSections = sections.filter((s) => s.startsWith('*Blockers'));
    expect(blockerSections.length).toBeGreaterThanOrEqual(2);
    const seen = new Set(blockerSections.join(' ').split(/\s+/));
    for (const word of text.split(' ')) expect(seen.has(word)).toBe(true);
  });

  it('fits a small team in one message with bars, amounts, check-ins, blockers, milestones and budgets', () => {
    const digest = buildDigest(
      emptyInput({
        entries: [
          {
            userId: 'U1',
            workDate: '2026-11-23',
            minutes: 750,
            projectKey: 'acme-web',
            category: 'dev',
            billable: true,
            rateMinor: 10_000,
            currency: 'USD',
          },
          {
            userId: 'U2',
            workDate: '2026-11-24',
            minutes: 375,
            projectKey: null,
            category: 'admin',
            billable: false,
            rateMinor: null,
            currency: null,
          },
        ],
        members: [
          { userId: 'U1', displayName: 'Alice' },
          { userId: 'U2', displayName: 'Bob' },
          { userId: 'U3', displayName: 'Cleo' },
        ],
        checkins: [{ userId: 'U2', expected: 5, answered: 3, missed: 1, skipped: 1 }],
        openBlockers: [{ userId: 'U2', localDate: '2026-11-24', text: 'waiting on API keys' }],
        milestones: [
          {
            id: 1,
            projectKey: 'acme-web',
            title: 'Checkout',
            dueDate: '2026-11-28',
            status: 'in-progress',
            percent: 60,
            ownerId: 'U1',
            doneAt: null,
          },
          {
            id: 2,
            projectKey: 'acme-web',
            title: 'Login',
            dueDate: '2026-11-24',
            status: 'done',
            percent: 100,
            ownerId: null,
            doneAt: '2026-11-25',
          },
          {
            id: 3,
            projectKey: 'acme-web',
            title: 'Search',
            dueDate: '2026-11-25',
            status: 'blocked',
            percent: null,
            ownerId: 'U2',
            doneAt: null,
          },
          {
            id: 4,
            projectKey: 'acme-web',
            title: 'Invoices',
            dueDate: '2026-12-04',
            status: 'planned',
            percent: null,
            ownerId: 'U3',
            doneAt: null,
          },
          {
            id: 5,
            projectKey: 'side-quest',
            title: 'Prototype',
            dueDate: '2026-11-30',
            status: 'in-progress',
            percent: 20,
            ownerId: null,
            doneAt: null,
          },
          {
            id: 6,
            projectKey: 'acme-web',
            title: 'Too far',
            dueDate: '2026-12-05',
            status: 'planned',
            percent: null,
            ownerId: 'U1',
            doneAt: null,
          },
        ],
        budgets: [{ projectKey: 'acme-web', budgetMinutes: 2_400, usedMinutes: 1_979 }],
        kudos: {
          rows: [
            {
              id: 1,
              giverId: 'U1',
              giverName: 'Alice',
              recipientId: 'U2',
              recipientName: 'Bob',
              text: 'for the <b>fix</b> & <!channel> the review with <@U3>',
              createdAt: new Date('2026-11-24T10:00:00Z'),
            },
          ],
          total: 1,
        },
      }),
    );
    const messages = digestMessages(digest);
    expect(messages).toHaveLength(1);
    expectWithinSlackLimits(messages);
    const [message] = messages;
    expect(message?.text).toBe(
      `${TITLE}: 18h 45m logged, 12h 30m billable, 1 open blocker, 1 overdue milestone`,
    );
    expect(sectionTexts(messages)).toEqual([
      '*Total 18h 45m* · 12h 30m billable · $1,250.00',
      [
        '*Hours by person*',
        'Alice  `████████████`  12h 30m',
        'Bob  `██████░░░░░░`  6h 15m',
        'Cleo  `░░░░░░░░░░░░`  0m',
      ].join('\n'),
      [
        '*Hours by project*',
        'acme-web  `████████████`  12h 30m · billable · $1,250.00',
        '_(no project)_  `██████░░░░░░`  6h 15m',
      ].join('\n'),
      '*Check-ins*\nBob  3/5 (1 missed, 1 off)',
      '*Blockers*\n:rotating_light: *Bob* (Tue 24 Nov): waiting on API keys',
      [
        '*Milestones*',
        '_Due this week_',
        '• `acme-web` Checkout — due Sat 28 Nov · in progress 60% · Alice',
        '_Done this week_',
        '• :white_check_mark: `acme-web` Login — done Wed 25 Nov',
        '_Overdue_',
        '• :warning: `acme-web` Search — due Wed 25 Nov, 2 days overdue · blocked · Bob',
      ].join('\n'),
      [
        '*Coming up*',
        '• `side-quest` Prototype — due Mon 30 Nov · in progress 20% · no owner · no budget',
        '• `acme-web` Invoices — due Fri 4 Dec · planned · Cleo · budget 82% used (32h 59m of 40h)',
      ].join('\n'),
      '*Budgets*\nacme-web  `██████████░░`  82% of 40h (32h 59m used)',
      '*Recognition*\n:tada: *Alice* → *Bob*: for the &lt;b&gt;fix&lt;/b&gt; &amp; &lt;!channel&gt; the review with <@U3>',
      '*Onboarding*\nNobody is onboarding.',
    ]);
    expect(message?.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
      'divider',
      'section',
    ]);

    // The channel's post: the same week without hours, amounts or budgets.
    const post = digestMessages(digest, { figures: false });
    expectWithinSlackLimits(post);
    expect(post[0]?.text).toBe(`${TITLE}: 1 open blocker, 1 overdue milestone`);
    expect(sectionTexts(post)).toEqual([
      '*Check-ins*\nBob  3/5 (1 missed, 1 off)',
      '*Blockers*\n:rotating_light: *Bob* (Tue 24 Nov): waiting on API keys',
      [
        '*Milestones*',
        '_Due this week_',
        '• `acme-web` Checkout — due Sat 28 Nov · in progress 60% · Alice',
        '_Done this week_',
        '• :white_check_mark: `acme-web` Login — done Wed 25 Nov',
        '_Overdue_',
        '• :warning: `acme-web` Search — due Wed 25 Nov, 2 days overdue · blocked · Bob',
      ].join('\n'),
      [
        '*Coming up*',
        '• `side-quest` Prototype — due Mon 30 Nov · in progress 20% · no owner',
        '• `acme-web` Invoices — due Fri 4 Dec · planned · Cleo',
      ].join('\n'),
      '*Recognition*\n:tada: *Alice* → *Bob*: for the &lt;b&gt;fix&lt;/b&gt; &amp; &lt;!channel&gt; the review with <@U3>',
      '*Onboarding*\nNobody is onboarding.',
    ]);
    expectNoFigures(allText(post));
  });

  it('says briefly when a part is empty', () => {
    const messages = digestMessages(buildDigest(emptyInput()));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toBe(`${TITLE}: no time logged`);
    expect(sectionTexts(messages)).toEqual([
      'No time logged this week.',
      '*Check-ins*\nNo check-ins were scheduled this week.',
      '*Blockers*\nNo open blockers.',
      '*Milestones*\nNo milestones due, done or overdue this week.',
      '*Coming up*\nNo milestones due in the next 7 days.',
      '*Budgets*\nNo project has a budget.',
      '*Recognition*\nNo kudos this week. Thank someone with `/kudos @name for …`.',
      '*Onboarding*\nNobody is onboarding.',
    ]);
    const post = digestMessages(buildDigest(emptyInput()), { figures: false });
    expect(post[0]?.text).toBe(`${TITLE}: no open blockers or overdue milestones`);
    expect(sectionTexts(post)).toEqual([
      '*Check-ins*\nNo check-ins were scheduled this week.',
      '*Blockers*\nNo open blockers.',
      '*Milestones*\nNo milestones due, done or overdue this week.',
      '*Coming up*\nNo milestones due in the next 7 days.',
      '*Recognition*\nNo kudos this week. Thank someone with `/kudos @name for …`.',
      '*Onboarding*\nNobody is onboarding.',
    ]);
  });

  it('lists who is still onboarding, least done first, and flags time by people not on a project', () => {
    const digest = buildDigest(
      emptyInput({
        onboarding: [
          { userId: 'U1', name: 'Ana <b>', projectKey: 'acme-web', done: 4, total: 6 },
          { userId: 'U2', name: 'Bob', projectKey: 'acme-web', done: 1, total: 6 },
        ],
        offProject: [{ userId: 'U3', name: 'Cy & co', projectKey: 'acme-web', minutes: 90 }],
      }),
    );
    const messages = digestMessages(digest);
    expect(sectionTexts(messages)).toContain(
      '*Onboarding*\nBob on acme-web  `██░░░░░░░░░░`  1 of 6 done\nAna &lt;b&gt; on acme-web  `████████░░░░`  4 of 6 done',
    );
    expect(sectionTexts(messages)).toContain(
      '*Logged by people not on the project*\n:warning: Cy &amp; co on acme-web: 1h 30m, not a member',
    );
    // The channel's post keeps the onboarding and leaves out who logged how long off the project.
    const post = allText(digestMessages(digest, { figures: false }));
    expect(post).toContain('Bob on acme-web  `██░░░░░░░░░░`  1 of 6 done');
    expect(post).not.toContain('Cy &amp; co');
    expectNoFigures(post);
  });

  it('escapes <, > and & in names, blockers, projects and milestone titles', () => {
    const digest = buildDigest(
      emptyInput({
        entries: [
          {
            userId: 'U1',
            workDate: '2026-11-23',
            minutes: 60,
            projectKey: 'r&d',
            category: 'dev',
            billable: false,
            rateMinor: null,
            currency: null,
          },
        ],
        members: [{ userId: 'U1', displayName: 'Ann <b> & Co' }],
        checkins: [{ userId: 'U1', expected: 1, answered: 1, missed: 0, skipped: 0 }],
        openBlockers: [
          { userId: 'U1', localDate: '2026-11-24', text: '<!channel> prod is down & <https://x|here>' },
        ],
        milestones: [
          {
            id: 1,
            projectKey: 'r&d',
            title: 'Ship <v2> & docs',
            dueDate: '2026-11-28',
            status: 'planned',
            percent: null,
            ownerId: null,
            doneAt: null,
          },
        ],
      }),
    );
    const text = allText(digestMessages(digest));
    expect(text).toContain('Ann &lt;b&gt; &amp; Co  `████████████`  1h');
    expect(text).toContain('Ann &lt;b&gt; &amp; Co  1/1');
    expect(text).toContain('&lt;!channel&gt; prod is down &amp; &lt;https://x|here&gt;');
    expect(text).toContain('`r&amp;d` Ship &lt;v2&gt; &amp; docs');
    expect(text).not.toMatch(/<|&(?!amp;|lt;|gt;)/);
  });
});

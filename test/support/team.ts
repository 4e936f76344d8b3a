import type { FakeUserInput } from './fake-slack/index.js';
import type { Harness } from './harness.js';
import type { TestDatabase } from './test-db.js';

/**
 * The people the e2e files share. Who they are never changes from file to file; where they live
 * (their zone) does, because zones are what most tests are about, so each file names its zones.
 */
export const CAST = {
  UBOSS: { name: 'boss', is_admin: true },
  UADMIN: { name: 'admin', is_admin: true },
  UOWNER: { name: 'owner', is_owner: true },
  UMGR: { name: 'mina' },
  UADA: { name: 'ada' },
  UBEN: { name: 'ben' },
  URAVI: { name: 'ravi' },
  UNEW: { name: 'newbie' },
} satisfies Record<string, Omit<FakeUserInput, 'id'>>;

export type Person = keyof typeof CAST;

/** A person's zone, or their zone and whatever else differs in this file (a real name, no admin flag). */
export type Seat = string | (Omit<FakeUserInput, 'id'> & { tz: string });

/**
 * A clean start for one test: an empty database, a fake Slack with no calls, messages or views, the
 * clock at `at` (when given), and the named people in Slack's user directory, in their zones.
 */
export async function seedTeam(
  ctx: { db: TestDatabase; h: Harness },
  team: { at?: string; people: Partial<Record<Person, Seat>> },
): Promise<void> {
  await ctx.db.reset();
  ctx.h.fake.reset();
  if (team.at) ctx.h.clock.set(team.at);
  for (const [id, seat] of Object.entries(team.people) as Array<[Person, Seat]>) {
    ctx.h.fake.addUser({ id, ...CAST[id], ...(typeof seat === 'string' ? { tz: seat } : seat) });
  }
}

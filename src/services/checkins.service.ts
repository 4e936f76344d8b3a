import type { Checkin, CheckinSettingsInput, CheckinWithParticipants } from '../domain/checkin.js';
import { DEFAULT_QUESTIONS, parseQuestions } from '../domain/checkin-questions.js';
import { safeZone } from '../domain/local-date.js';
import { fail, ok, type Result } from '../domain/result.js';
import { canManageCheckins } from '../domain/roles.js';
import { parseTimeOfDay } from '../domain/time-of-day.js';
import { parseDays } from '../domain/weekdays.js';
import { createCheckinAnswersService } from './checkins/checkin-answers.service.js';
import { createTimeOffService } from './checkins/time-off.service.js';
import type { MemberService, MemberWithRole } from './members.service.js';
import type { CheckinsPort, Clock, ProjectPeoplePort, UnitOfWork } from './ports.js';

/*
 * Check-ins: setting them up (here), time off (checkins/time-off.service.ts) and answers by DM or
 * form, posted to the channel (checkins/checkin-answers.service.ts). Scheduled prompts and
 * reminders are checkins/prompts.service.ts.
 */

export interface CheckinSettings {
  questions: string[];
  timeOfDay: string;
  days: number[];
  participantIds: string[];
  reminderMinutes: number | null;
  catchUpMinutes: number;
  fixedTz: string | null;
}

export type SettingsField = 'questions' | 'time' | 'days' | 'participants' | 'reminder' | 'catch_up' | 'zone';

const MANAGERS_ONLY = (what: string) =>
  fail(
    'checkin.forbidden',
    `Only managers and admins can ${what} check-ins.`,
    'ask a manager, or join an existing check-in with `/standup join #team`.',
  );
const NO_CHECKIN = (channelId: string) =>
  fail(
    'checkin.not_found',
    `There is no check-in in <#${channelId}>.`,
    '`/standup create #team 09:30` (managers), or `/standup list`.',
  );

/** Creating, editing, listing and deleting check-ins; joining and leaving them. */
function createCheckinAdminService(deps: {
  repos: { checkins: CheckinsPort; projectPeople: ProjectPeoplePort } & UnitOfWork<{
    checkins: CheckinsPort;
  }>;
  members: MemberService;
  clock: Clock;
}) {
  const { repos, members, clock } = deps;

  async function managerActor(teamId: string, userId: string) {
    const actor = await members.actor(teamId, userId);
    return { actor, allowed: canManageCheckins(actor) };
  }

  async function ensureMembers(teamId: string, userIds: readonly string[]): Promise<MemberWithRole[]> {
    const out: MemberWithRole[] = [];
    for (const id of userIds) out.push(await members.ensure(teamId, id));
    return out;
  }

  function validateSettings(input: {
    questions: string[];
    time: string;
    days: number[];
    reminderMinutes: number | null;
    catchUpMinutes: number;
    fixedTz: string | null;
  }):
    | { ok: true; value: Omit<CheckinSettings, 'participantIds'> }
    | { ok: false; fieldErrors: Partial<Record<SettingsField, string>> } {
    const errors: Partial<Record<SettingsField, string>> = {};
    const questions = parseQuestions(input.questions);
    if (!questions.ok) errors.questions = questions.error.message;
    const time = parseTimeOfDay(input.time);
    if (!time.ok) errors.time = time.error.message;
    if (input.days.length === 0) errors.days = 'Pick at least one day.';
    if (input.fixedTz !== null && safeZone(input.fixedTz) !== input.fixedTz) {
      errors.zone = `\`${input.fixedTz}\` is not a time zone I know. Use an IANA name like Europe/Berlin.`;
    }
    if (!questions.ok || !time.ok || Object.keys(errors).length > 0)
      return { ok: false, fieldErrors: errors };
    return {
      ok: true,
      value: {
        questions: questions.value,
        timeOfDay: time.value,
        days: [...input.days].sort(),
        reminderMinutes: input.reminderMinutes,
        catchUpMinutes: input.catchUpMinutes,
        fixedTz: input.fixedTz,
      },
    };
  }

  return {
    async create(input: {
      teamId: string;
      actorId: string;
      channelId: string;
      time: string;
      days: string | null;
      userIds: string[];
    }): Promise<Result<{ checkin: Checkin; participants: string[] }>> {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('create');
      const time = parseTimeOfDay(input.time);
      if (!time.ok) return time;
      const days = parseDays(input.days ?? 'mon-fri');
      if (!days.ok) return days;
      const people = (await ensureMembers(input.teamId, input.userIds)).filter((m) => !m.isBot);
      const now = clock.now();
      const checkin = await repos.transaction(async (tx) => {
        const created = await tx.checkins.create({
          teamId: input.teamId,
          channelId: input.channelId,
          timeOfDay: time.value,
          days: days.value,
          questions: [...DEFAULT_QUESTIONS],
          createdBy: input.actorId,
          // From the service clock: nothing before this instant is ever prompted or marked missed.
          createdAt: now,
        });
        if (created)
          await tx.checkins.addParticipants(
            input.teamId,
            created.id,
            people.map((p) => p.userId),
            now,
          );
        return created;
      });
      if (!checkin) {
        return fail(
          'checkin.exists',
          `<#${input.channelId}> already has a check-in.`,
          `change it with \`/standup edit <#${input.channelId}>\`.`,
        );
      }
      return ok({ checkin, participants: people.map((p) => p.userId) });
    },

    async forEdit(input: {
      teamId: string;
      actorId: string;
      channelId: string;
    }): Promise<Result<CheckinWithParticipants>> {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('edit');
      const checkin = await repos.checkins.findByChannel(input.teamId, input.channelId);
      if (!checkin) return NO_CHECKIN(input.channelId);
      return ok({ ...checkin, participants: await repos.checkins.participants(checkin.id) });
    },

    async saveSettings(
      input: CheckinSettingsInput & {
        teamId: string;
        actorId: string;
        checkinId: number;
        fixedTz: string | null;
      },
    ): Promise<
      | { ok: true; value: CheckinWithParticipants }
      | { ok: false; fieldErrors: Partial<Record<SettingsField, string>> }
      | { ok: false; error: { code: string; message: string; hint: string } }
    > {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('edit');
      const settings = validateSettings(input);
      if (!settings.ok) return settings;
      const people = (await ensureMembers(input.teamId, input.participantIds)).filter((m) => !m.isBot);
      const now = clock.now();
      const result = await repos.transaction(async (tx) => {
        const updated = await tx.checkins.update(input.teamId, input.checkinId, settings.value);
        if (!updated) return null;
        const current = await tx.checkins.participants(updated.id);
        const wanted = people.map((p) => p.userId);
        await tx.checkins.removeParticipants(
          updated.id,
          current.filter((id) => !wanted.includes(id)),
        );
        await tx.checkins.addParticipants(
          input.teamId,
          updated.id,
          wanted.filter((id) => !current.includes(id)),
          now,
        );
        return { ...updated, participants: await tx.checkins.participants(updated.id) };
      });
      if (!result)
        return fail('checkin.not_found', 'That check-in was deleted meanwhile.', '`/standup list`');
      return ok(result);
    },

    /**
     * `/standup list`: admins see every check-in. Anyone else sees those they take part in or set up,
     * and those in the channel of a project they are on or manage: Punchcard cannot tell which
     * channels are private or who is in them, so a channel is never taken to be visible otherwise.
     * `hidden` counts the rest, which are not described.
     */
    async list(teamId: string, userId: string) {
      const [actor, all] = await Promise.all([members.actor(teamId, userId), repos.checkins.list(teamId)]);
      if (actor.role === 'admin') return { checkins: all, hidden: 0 };
      const projectChannels = new Set(
        (await repos.projectPeople.projectsOf(teamId, userId)).flatMap((p) =>
          p.project.channelId ? [p.project.channelId] : [],
        ),
      );
      const checkins = all.filter(
        (c) => c.participants.includes(userId) || c.createdBy === userId || projectChannels.has(c.channelId),
      );
      return { checkins, hidden: all.length - checkins.length };
    },

    async remove(input: { teamId: string; actorId: string; channelId: string }): Promise<Result<Checkin>> {
      const { allowed } = await managerActor(input.teamId, input.actorId);
      if (!allowed) return MANAGERS_ONLY('delete');
      const checkin = await repos.checkins.findByChannel(input.teamId, input.channelId);
      if (!checkin) return NO_CHECKIN(input.channelId);
      await repos.checkins.archive(input.teamId, checkin.id, clock.now());
      return ok(checkin);
    },

    async join(input: {
      teamId: string;
      userId: string;
      channelId: string;
    }): Promise<Result<{ checkin: Checkin; changed: boolean }>> {
      await members.ensure(input.teamId, input.userId);
      const checkin = await repos.checkins.findByChannel(input.teamId, input.channelId);
      if (!checkin) return NO_CHECKIN(input.channelId);
      const added = await repos.checkins.addParticipants(
        input.teamId,
        checkin.id,
        [input.userId],
        clock.now(),
      );
      return ok({ checkin, changed: added.length > 0 });
    },

    async leave(input: {
      teamId: string;
      userId: string;
      channelId: string;
    }): Promise<Result<{ checkin: Checkin; changed: boolean }>> {
      const checkin = await repos.checkins.findByChannel(input.teamId, input.channelId);
      if (!checkin) return NO_CHECKIN(input.channelId);
      const removed = await repos.checkins.removeParticipants(checkin.id, [input.userId]);
      return ok({ checkin, changed: removed.length > 0 });
    },
  };
}

export function createCheckinService(
  deps: Parameters<typeof createCheckinAdminService>[0] &
    Parameters<typeof createTimeOffService>[0] &
    Parameters<typeof createCheckinAnswersService>[0],
) {
  return {
    ...createCheckinAdminService(deps),
    ...createTimeOffService(deps),
    ...createCheckinAnswersService(deps),
  };
}

export type CheckinService = ReturnType<typeof createCheckinService>;

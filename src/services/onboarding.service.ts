import { type Delivery, DeliveryKind } from '../domain/delivery.js';
import { localToday, safeZone } from '../domain/local-date.js';
import {
  type ChecklistLine,
  parseChecklistLines,
  parseWelcome,
  STALE_WORKDAYS,
  workdaysAfter,
} from '../domain/onboarding.js';
import { type Project, parseProjectKey } from '../domain/projects.js';
import { fail, ok, type Result } from '../domain/result.js';
import type { Logger } from '../logger.js';
import type { MemberService } from './members.service.js';
import type { Due, NotSent, Outbox, Sender } from './outbox/outbox.js';
import type {
  Checklist,
  ChecklistLineToSave,
  Clock,
  OnboardingMessenger,
  OnboardingPort,
  OnboardingProgress,
  OnboardingView,
  ProjectPeoplePort,
  ProjectsPort,
  SentMessage,
} from './ports.js';
import { managesProject, requireProjectManager } from './projects/access.js';
import { projectWithKey } from './projects/common.js';

/*
 * Onboarding checklists: the manager's modal, the DM a new member gets at once, ticking (from the DM
 * or the Home tab), the "all set" post, and the tick's reminders and flags through the outbox.
 */

export const ITEM_DUE = DeliveryKind.onboardingItemDue;
export const UNTOUCHED = DeliveryKind.onboardingUntouched;
/** A reminder missed in an outage still goes out within this window. */
const CATCH_UP_MS = 3 * 86_400_000;
/** Open checklists one Home tab shows, each with up to two groups of checkboxes. */
export const HOME_CHECKLISTS = 3;

export interface OnboardingOutcome {
  kind: typeof ITEM_DUE | typeof UNTOUCHED;
  teamId: string;
  subjectId: string;
  memberId: string;
  result: 'sent' | 'missed' | 'retry' | 'failed' | 'skipped';
  detail?: string;
}

/** Who got a checklist by DM when people joined a project, and who could not be reached. */
export interface Onboarded {
  /** The project has no checklist items: nobody was sent anything. */
  noChecklist: boolean;
  sent: string[];
  /** Already onboarding on the project: their checklist was sent again. */
  resent: string[];
  dmFailed: string[];
}

export type ChecklistSaveResult =
  | { ok: true; value: { project: Project; items: number; added: number; removed: number } }
  | { ok: false; fieldErrors: { welcome?: string; items?: string } }
  | { ok: false; error: { code: string; message: string; hint: string } };

export function createOnboardingService(deps: {
  repos: { onboarding: OnboardingPort; projectPeople: ProjectPeoplePort; projects: ProjectsPort };
  members: MemberService;
  messenger: OnboardingMessenger;
  clock: Clock;
  outbox: Outbox;
  logger: Logger;
}) {
  const { repos, members, messenger, clock, outbox, logger } = deps;
  const access = { members, projectPeople: repos.projectPeople };

  /** Sends (or sends again) a person's checklist DM and remembers where it is. */
  async function sendDm(teamId: string, onboardingId: number): Promise<boolean> {
    const view = await repos.onboarding.view(teamId, onboardingId);
    if (!view) return false;
    try {
      const dm = await messenger.sendChecklist(view);
      await repos.onboarding.setDm(onboardingId, dm);
      return true;
    } catch (error) {
      logger.warn({ where: 'onboarding.dm', onboardingId, err: error }, 'checklist DM failed');
      return false;
    }
  }

  /** Redraws a checklist DM in place; a DM that cannot be updated is only logged. */
  async function redrawDm(view: OnboardingView): Promise<void> {
    if (!view.dmChannelId || !view.dmTs) return;
    try {
      await messenger.updateChecklist(view, { channelId: view.dmChannelId, ts: view.dmTs });
    } catch (error) {
      logger.warn(
        { where: 'onboarding.update', onboardingId: view.id, err: error },
        'checklist DM not updated',
      );
    }
  }

  /** Resolves `@name` on items to people Punchcard knows; a name nobody has is kept as typed. */
  async function resolveLines(teamId: string, lines: ChecklistLine[]): Promise<ChecklistLineToSave[]> {
    const names = lines.flatMap((l) => (l.ask && 'name' in l.ask ? [l.ask.name] : []));
    const ids = await repos.onboarding.userIdsByName(teamId, names);
    return lines.map(({ ask, ...line }) => {
      if (!ask) return { ...line, askUserId: null, askName: null };
      if ('userId' in ask) return { ...line, askUserId: ask.userId, askName: null };
      const id = ids.get(ask.name.toLowerCase());
      return { ...line, askUserId: id ?? null, askName: id ? null : ask.name };
    });
  }

  const service = {
    /** `/punchcard onboarding <key>`: the checklist to edit, for the project's managers. */
    async editor(input: {
      teamId: string;
      actorId: string;
      key: string | undefined;
    }): Promise<Result<{ project: Project; checklist: Checklist | null }>> {
      const key = parseProjectKey(input.key ?? '');
      if (!key.ok)
        return fail(
          'onboarding.key_missing',
          'Name the project whose checklist to edit.',
          '`/punchcard onboarding acme-web`',
        );
      const project = await projectWithKey(repos.projects, input.teamId, key.value);
      if (!project.ok) return project;
      const allowed = await requireProjectManager(
        access,
        input.teamId,
        input.actorId,
        project.value,
        'edit its onboarding checklist',
      );
      if (!allowed.ok) return allowed;
      return ok({
        project: project.value,
        checklist: await repos.onboarding.checklist(input.teamId, project.value.id),
      });
    },

    /** The modal's submission: every field checked before anything is saved, then saved at once. */
    async saveChecklist(input: {
      teamId: string;
      actorId: string;
      projectId: number;
      welcome: string | null;
      items: string | null;
      announce: boolean;
    }): Promise<ChecklistSaveResult> {
      const welcome = parseWelcome(input.welcome);
      const lines = parseChecklistLines(input.items);
      if (!welcome.ok || !lines.ok) {
        const fieldErrors: { welcome?: string; items?: string } = {};
        if (!welcome.ok) fieldErrors.welcome = `${welcome.error.message} ${welcome.error.hint}`;
        if (!lines.ok) fieldErrors.items = `${lines.error.message} ${lines.error.hint}`;
        return { ok: false, fieldErrors };
      }
      const projects = await repos.projects.list(input.teamId, { includeArchived: true });
      const project = projects.find((p) => p.id === input.projectId);
      if (!project)
        return fail('project.not_found', 'That project is gone.', '`/punchcard project list` shows them.');
      const allowed = await requireProjectManager(
        access,
        input.teamId,
        input.actorId,
        project,
        'edit its onboarding checklist',
      );
      if (!allowed.ok) return allowed;
      const saved = await repos.onboarding.saveChecklist({
        teamId: input.teamId,
        projectId: project.id,
        welcome: welcome.value,
        announce: input.announce,
        items: await resolveLines(input.teamId, lines.value),
        updatedBy: input.actorId,
        at: clock.now(),
      });
      return ok({ project, items: lines.value.length, ...saved });
    },

    /**
     * After a save: people still onboarding see the new checklist in their DM (new items added, ticks
     * kept). Run after the modal's ack, as it takes a Slack call per person.
     */
    async redrawOpen(teamId: string, projectId: number): Promise<void> {
      for (const id of await repos.onboarding.openOnProject(teamId, projectId)) {
        const view = await repos.onboarding.view(teamId, id);
        if (view) await redrawDm(view);
      }
    },

    /**
     * Starts the checklist for people who just joined a project, and DMs it to them at once. Someone
     * already onboarding there gets it again when `resend`.
     */
    async startFor(input: {
      teamId: string;
      project: Project;
      userIds: readonly string[];
      startedBy: string;
      resend?: boolean;
    }): Promise<Onboarded> {
      const out: Onboarded = { noChecklist: false, sent: [], resent: [], dmFailed: [] };
      const checklist = await repos.onboarding.checklist(input.teamId, input.project.id);
      if (!checklist || checklist.items.length === 0) return { ...out, noChecklist: true };
      for (const userId of input.userIds) {
        const at = clock.now();
        let id = await repos.onboarding.start({
          teamId: input.teamId,
          projectId: input.project.id,
          userId,
          startedBy: input.startedBy,
          at,
        });
        const again = id === null;
        if (again) {
          if (!input.resend) continue;
          id = await repos.onboarding.find(input.teamId, input.project.id, userId);
          if (id === null) continue;
        }
        if (!(await sendDm(input.teamId, id as number))) out.dmFailed.push(userId);
        else (again ? out.resent : out.sent).push(userId);
      }
      return out;
    },

    /** A tick or untick on one group of checkboxes, by the person whose checklist it is. */
    async tick(input: {
      teamId: string;
      userId: string;
      onboardingId: number;
      itemIds: readonly number[];
      ticked: readonly number[];
    }): Promise<Result<OnboardingView>> {
      const before = await repos.onboarding.view(input.teamId, input.onboardingId);
      if (!before || before.userId !== input.userId)
        return fail(
          'onboarding.not_yours',
          'That checklist is not yours to tick.',
          'Your own checklists are on your Punchcard Home tab.',
        );
      const now = clock.now();
      await repos.onboarding.setTicks({ ...input, at: now });
      let view = (await repos.onboarding.view(input.teamId, input.onboardingId)) ?? before;
      const done = view.items.filter((i) => i.ticked).length;
      const finished = done === view.items.length && view.items.length > 0;
      if (finished && !view.completedAt) {
        await repos.onboarding.setCompleted(view.id, now);
        view = { ...view, completedAt: now };
        if (view.announce && view.channelId && (await repos.onboarding.claimAnnouncement(view.id, now))) {
          try {
            await messenger.announce({
              channelId: view.channelId,
              userId: view.userId,
              projectKey: view.projectKey,
            });
          } catch (error) {
            logger.warn(
              { where: 'onboarding.announce', onboardingId: view.id, err: error },
              '"all set" not posted',
            );
          }
        }
      } else if (!finished && view.completedAt) {
        await repos.onboarding.setCompleted(view.id, null);
        view = { ...view, completedAt: null };
      }
      await redrawDm(view);
      return ok(view);
    },

    /** A person's open checklists for their Home tab, oldest first. */
    async openViews(teamId: string, userId: string): Promise<OnboardingView[]> {
      const ids = (await repos.onboarding.openFor(teamId, userId)).slice(0, HOME_CHECKLISTS);
      const views = await Promise.all(ids.map((id) => repos.onboarding.view(teamId, id)));
      return views.filter((v): v is OnboardingView => v !== null && v.items.length > 0);
    },

    /** Everyone still onboarding on the projects this person manages (every project for an admin). */
    async progressFor(teamId: string, userId: string, limit: number): Promise<OnboardingProgress[]> {
      const actor = await members.actor(teamId, userId);
      return repos.onboarding.progress({ teamId, managerId: actor.role === 'admin' ? null : userId, limit });
    },

    managesProject: (teamId: string, userId: string, project: Project) =>
      managesProject(access, teamId, userId, project),

    /** Item reminders and untouched flags, each claimed once in the outbox before it is sent. */
    async runTick(now: Date = clock.now()): Promise<OnboardingOutcome[]> {
      const outcomes: OnboardingOutcome[] = [];
      const record = (
        key: { teamId: string; kind: string; subjectId: string; memberId: string },
        o: { result: OnboardingOutcome['result']; detail?: string },
      ) =>
        outcomes.push({
          kind: key.kind as OnboardingOutcome['kind'],
          teamId: key.teamId,
          subjectId: key.subjectId,
          memberId: key.memberId,
          result: o.result,
          ...(o.detail ? { detail: o.detail } : {}),
        });

      const dues: Due[] = [];
      for (const item of await repos.onboarding.overdueItems({ now, alertKind: ITEM_DUE })) {
        dues.push({
          key: {
            teamId: item.teamId,
            kind: ITEM_DUE,
            subjectId: `${item.onboardingId}:${item.itemId}`,
            memberId: item.userId,
            localDate: item.startedAt.toISOString().slice(0, 10),
          },
          scheduledAt: item.dueAt,
          ...itemSender(item.teamId, item.onboardingId, item.itemId, item.dueAt),
        });
      }
      const cutoff = new Date(now.getTime() - STALE_WORKDAYS * 86_400_000);
      for (const o of await repos.onboarding.untouched({ before: cutoff })) {
        const zone = safeZone(o.tz);
        const touched = localToday(o.touchedAt, zone);
        if (workdaysAfter(touched, localToday(now, zone)) < STALE_WORKDAYS) continue;
        for (const managerId of o.managerIds) {
          dues.push({
            key: {
              teamId: o.teamId,
              kind: UNTOUCHED,
              subjectId: String(o.onboardingId),
              memberId: managerId,
              localDate: touched,
            },
            scheduledAt: now,
            ...untouchedSender(o.teamId, o.onboardingId, managerId, touched, zone, now),
          });
        }
      }
      for (const { due, outcome } of await outbox.deliver(dues, now)) record(due.key, outcome);
      const retried = await outbox.retry([ITEM_DUE, UNTOUCHED], now, async (delivery) =>
        resolveRetry(delivery),
      );
      for (const { delivery, outcome } of retried) record(delivery, outcome);
      return outcomes;
    },
  };

  function itemSender(teamId: string, onboardingId: number, itemId: number, dueAt: Date): Sender {
    return {
      deadline: new Date(dueAt.getTime() + CATCH_UP_MS),
      async send(): Promise<SentMessage | NotSent> {
        const view = await repos.onboarding.view(teamId, onboardingId);
        const item = view?.items.find((i) => i.id === itemId);
        if (!view || !item) return { skip: 'item removed' };
        if (view.completedAt || item.ticked) return { skip: 'done meanwhile' };
        return messenger.remindItem({ view, itemId });
      },
    };
  }

  function untouchedSender(
    teamId: string,
    onboardingId: number,
    managerId: string,
    touched: string,
    zone: string,
    at: Date,
  ): Sender {
    return {
      deadline: new Date(at.getTime() + CATCH_UP_MS),
      async send(): Promise<SentMessage | NotSent> {
        const view = await repos.onboarding.view(teamId, onboardingId);
        if (!view || view.completedAt) return { skip: 'finished meanwhile' };
        if (localToday(view.touchedAt, zone) !== touched) return { skip: 'touched meanwhile' };
        const done = view.items.filter((i) => i.ticked).length;
        return messenger.flagUntouched({
          managerId,
          userId: view.userId,
          projectKey: view.projectKey,
          done,
          total: view.items.length,
          since: view.touchedAt,
        });
      },
    };
  }

  async function resolveRetry(delivery: Delivery): Promise<Sender | NotSent> {
    if (delivery.kind === ITEM_DUE) {
      const [onboardingId, itemId] = delivery.subjectId.split(':').map(Number);
      if (!onboardingId || !itemId) return { skip: 'bad key' };
      return itemSender(delivery.teamId, onboardingId, itemId, delivery.scheduledAt);
    }
    const onboardingId = Number(delivery.subjectId);
    const view = await repos.onboarding.view(delivery.teamId, onboardingId);
    if (!view) return { skip: 'checklist removed' };
    const member = await members.ensure(delivery.teamId, view.userId);
    return untouchedSender(
      delivery.teamId,
      onboardingId,
      delivery.memberId,
      delivery.localDate,
      safeZone(member.tz),
      delivery.scheduledAt,
    );
  }

  return service;
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;

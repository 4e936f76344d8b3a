import type { CheckinResponse } from '../../domain/checkin.js';
import type { DigestHours, DigestMilestoneInput, DigestParticipationRow } from '../../domain/digest.js';
import type { DigestSchedule, NewDigestSchedule } from '../../domain/digest-schedule.js';

/** Weekly digest schedules, and the reads a digest is built from. */
export interface DigestsPort {
  /** One digest per channel: scheduling it again moves it. */
  upsert(input: NewDigestSchedule): Promise<DigestSchedule>;
  findByChannel(teamId: string, channelId: string): Promise<DigestSchedule | null>;
  list(teamId: string): Promise<DigestSchedule[]>;
  /** Every workspace's digest schedules: the whole table, once per tick. */
  allTeams(): Promise<DigestSchedule[]>;

  /**
   * Hours of a workspace's live entries in [from, to] on the channel's projects or by the check-in's
   * participants, summed per person (every participant listed, with none) and per project and currency.
   */
  hours(
    teamId: string,
    channelId: string,
    checkinId: number | null,
    from: string,
    to: string,
  ): Promise<DigestHours>;
  /** Per participant of a check-in, its days in [from, to] from the UTC day they joined: expected, answered, off. */
  participation(
    teamId: string,
    checkinId: number,
    from: string,
    to: string,
  ): Promise<DigestParticipationRow[]>;
  /** The milestones of the channel's projects, `doneAt` as a date in `zone`: one query. */
  channelMilestones(teamId: string, channelId: string, zone: string): Promise<DigestMilestoneInput[]>;
  /** Each person's latest submitted check-in up to a day, when it reports a blocker. */
  openBlockers(teamId: string, checkinId: number, upTo: string): Promise<CheckinResponse[]>;
  /**
   * Live minutes in [from, to] on the channel's projects by people who are neither members nor
   * managers of the project, per person and project, most first.
   */
  offProjectHours(
    teamId: string,
    channelId: string,
    from: string,
    to: string,
  ): Promise<Array<{ userId: string; name: string; projectKey: string; minutes: number }>>;
  /** Live minutes logged on each project, all time. */
  projectUse(projectIds: number[]): Promise<Map<number, number>>;
}

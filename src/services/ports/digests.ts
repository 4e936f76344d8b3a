import type { CheckinResponse } from '../../domain/checkin.js';
import type { DigestEntry } from '../../domain/digest.js';
import type { DigestSchedule, NewDigestSchedule } from '../../domain/digest-schedule.js';

/** Weekly digest schedules, and the reads a digest is built from. */
export interface DigestsPort {
  /** One digest per channel: scheduling it again moves it. */
  upsert(input: NewDigestSchedule): Promise<DigestSchedule>;
  findByChannel(teamId: string, channelId: string): Promise<DigestSchedule | null>;
  list(teamId: string): Promise<DigestSchedule[]>;
  /** Every workspace's digest schedules: the whole table, once per tick. */
  allTeams(): Promise<DigestSchedule[]>;

  /** Live entries in [from, to] on these projects or by these people, with their project key. */
  entries(
    teamId: string,
    from: string,
    to: string,
    projectIds: number[],
    userIds: string[],
  ): Promise<DigestEntry[]>;
  names(teamId: string, userIds: string[]): Promise<Array<{ userId: string; displayName: string }>>;
  /** Who answered the check-in on which day: every submitted (person, day) as `userId|localDate`. */
  answeredDays(teamId: string, checkinId: number, from: string, to: string): Promise<Set<string>>;
  /** Each person's latest submitted check-in up to a day, when it reports a blocker. */
  openBlockers(teamId: string, checkinId: number, upTo: string): Promise<CheckinResponse[]>;
  /** Live minutes logged on each project, all time. */
  projectUse(projectIds: number[]): Promise<Map<number, number>>;
}

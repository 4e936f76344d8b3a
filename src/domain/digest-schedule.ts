import { addDays, weekStartMonday } from './local-date.js';

/** A weekly digest for one channel, posted on `weekday` (ISO, 1 = Monday) at `timeOfDay` in `tz`. */
export interface DigestSchedule {
  id: number;
  teamId: string;
  channelId: string;
  weekday: number;
  timeOfDay: string;
  tz: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type NewDigestSchedule = Pick<
  DigestSchedule,
  'teamId' | 'channelId' | 'weekday' | 'timeOfDay' | 'tz' | 'createdBy'
>;

/** The last full week (Monday to Sunday) before the week containing `date`: what a digest reports. */
export function lastFullWeek(date: string): { from: string; to: string } {
  const monday = weekStartMonday(date);
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/** Days off: no check-in prompt on these member-local dates (from and to included). */
export interface TimeOff {
  id: number;
  teamId: string;
  userId: string;
  fromDate: string;
  toDate: string;
  createdAt: Date;
}

/** Whether any of these ranges covers `localDate` (ISO dates compare correctly as strings). */
export function isOffOn(
  ranges: ReadonlyArray<Pick<TimeOff, 'fromDate' | 'toDate'>>,
  localDate: string,
): boolean {
  return ranges.some((r) => r.fromDate <= localDate && localDate <= r.toDate);
}

/**
 * Where a person's data lives: every text, jsonb and array column of every table, classified once.
 * Erasure (`cli person erase`) is driven from this list, so a table added later is covered as soon
 * as its columns are classified here, and test/db/personal-data.test.ts reads information_schema and
 * fails while any such column is missing from the list.
 *
 * - `person`: holds a Slack user id. On erasure it becomes the pseudonym (`ERASED7`), or null for
 *   `person-dropped` (the person is removed from it: a milestone's owner).
 * - `name`: the person's name (members.display_name): becomes "former member 7".
 * - `authored`: free text a person wrote; `by` names the column of who wrote it. The erased
 *   person's own text becomes `cleared`; in other people's text their id is replaced.
 * - `snapshot`: jsonb copies of a row (the audit's before/after). For rows about the erased person
 *   (`by`) the written keys (`note`, `rawText`) are dropped; everywhere their id is replaced.
 * - `shared`: text written for the team (project names, milestone titles, check-in questions):
 *   kept, with the person's id (a `<@U…>` mention) replaced.
 * - `keyed`: a key built from a user id (`UADA:slash:…`): the id in it becomes the pseudonym.
 * - `system`: holds nothing about a person (workspace ids, channels, keys, statuses, zones, errors).
 */
export type ColumnUse =
  | 'person'
  | 'person-dropped'
  | 'name'
  | { authored: { by: string; cleared: 'null' | 'empty' | 'empty-array' } }
  | { snapshot: { by: string } }
  | 'shared'
  | 'keyed'
  | 'system';

export const PERSONAL_DATA: Readonly<Record<string, Readonly<Record<string, ColumnUse>>>> = {
  members: {
    team_id: 'system',
    user_id: 'person',
    display_name: 'name',
    tz: 'system',
    role: 'system',
    currency: 'system',
  },
  audit_log: {
    team_id: 'system',
    actor_id: 'person',
    subject_user_id: 'person',
    entity: 'system',
    // A member's id when the entity is a member; an entry's or project's id otherwise.
    entity_id: 'person',
    action: 'system',
    before: { snapshot: { by: 'subject_user_id' } },
    after: { snapshot: { by: 'subject_user_id' } },
  },
  processed_events: { team_id: 'system', event_id: 'system' },
  time_entries: {
    team_id: 'system',
    user_id: 'person',
    category: 'system',
    note: { authored: { by: 'user_id', cleared: 'null' } },
    currency: 'system',
    raw_text: { authored: { by: 'user_id', cleared: 'empty' } },
    source: 'system',
    // `<user id>:slash:<trigger id>`: one row per request and person.
    idempotency_key: 'keyed',
    deleted_by: 'person',
  },
  project_day_minutes: { team_id: 'system' },
  projects: {
    team_id: 'system',
    key: 'system',
    name: 'shared',
    channel_id: 'system',
    currency: 'system',
    created_by: 'person',
  },
  project_member_rates: { team_id: 'system', user_id: 'person', currency: 'system' },
  contracts: {
    team_id: 'system',
    user_id: 'person',
    currency: 'system',
    invoice_period: 'system',
    reference: 'shared',
    created_by: 'person',
  },
  invoices: {
    team_id: 'system',
    number: 'system',
    user_id: 'person',
    status: 'system',
    // The contract's purchase order or reference, written for the company.
    reference: 'shared',
    decided_by: 'person',
    reject_reason: { authored: { by: 'decided_by', cleared: 'null' } },
    paid_by: 'person',
    void_reason: { authored: { by: 'voided_by', cleared: 'null' } },
    voided_by: 'person',
  },
  invoice_lines: {
    team_id: 'system',
    user_id: 'person',
    kind: 'system',
    project_key: 'system',
    // A time line's category and note, or an expense the person described: theirs.
    description: { authored: { by: 'user_id', cleared: 'empty' } },
    currency: 'system',
  },
  invoice_counters: { team_id: 'system' },
  milestones: {
    team_id: 'system',
    title: 'shared',
    owner_id: 'person-dropped',
    status: 'system',
    created_by: 'person',
  },
  milestone_updates: {
    team_id: 'system',
    author_id: 'person',
    status: 'system',
    note: { authored: { by: 'author_id', cleared: 'null' } },
  },
  checkins: {
    team_id: 'system',
    channel_id: 'system',
    time_of_day: 'system',
    days: 'system',
    questions: 'shared',
    fixed_tz: 'system',
    created_by: 'person',
  },
  checkin_participants: { team_id: 'system', user_id: 'person' },
  checkin_responses: {
    team_id: 'system',
    user_id: 'person',
    status: 'system',
    questions: 'shared',
    answers: { authored: { by: 'user_id', cleared: 'empty-array' } },
    channel_id: 'system',
    channel_message_ts: 'system',
    dm_channel_id: 'system',
  },
  time_off: { team_id: 'system', user_id: 'person' },
  deliveries: {
    team_id: 'system',
    kind: 'system',
    subject_id: 'system',
    member_id: 'person',
    status: 'system',
    channel_id: 'system',
    message_ts: 'system',
    last_error: 'system',
  },
  digests: {
    team_id: 'system',
    channel_id: 'system',
    time_of_day: 'system',
    tz: 'system',
    created_by: 'person',
  },
  project_members: { team_id: 'system', user_id: 'person', added_by: 'person' },
  project_managers: { team_id: 'system', user_id: 'person', added_by: 'person' },
  onboarding_checklists: { team_id: 'system', welcome: 'shared', updated_by: 'person' },
  onboarding_items: {
    team_id: 'system',
    text: 'shared',
    link: 'shared',
    // Whom to ask: dropped when it is the erased person; the name as typed is team text.
    ask_user_id: 'person-dropped',
    ask_name: 'shared',
  },
  onboardings: {
    team_id: 'system',
    user_id: 'person',
    started_by: 'person',
    dm_channel_id: 'system',
    dm_ts: 'system',
  },
  kudos: {
    team_id: 'system',
    giver_id: 'person',
    recipient_id: 'person',
    channel_id: 'system',
    text: { authored: { by: 'giver_id', cleared: 'empty' } },
  },
  feedback: {
    team_id: 'system',
    manager_id: 'person',
    person_id: 'person',
    went_well: { authored: { by: 'manager_id', cleared: 'empty' } },
    to_improve: { authored: { by: 'manager_id', cleared: 'empty' } },
    dm_channel_id: 'system',
    message_ts: 'system',
  },
  feedback_replies: {
    team_id: 'system',
    user_id: 'person',
    text: { authored: { by: 'user_id', cleared: 'empty' } },
    ts: 'system',
  },
  feedback_reminders: {
    team_id: 'system',
    manager_id: 'person',
    start_date: 'system',
    tz: 'system',
  },
};

/**
 * Rows that are only about the person, deleted on erasure (by the column naming them): their
 * check-in membership and answers, days off, rates on projects, the record of what was sent to
 * them, their project memberships and onboardings, and the feedback they received. Everything else is kept under the pseudonym: time entries stay for invoices and totals.
 */
export const ERASED_ROWS: Readonly<Record<string, string>> = {
  checkin_participants: 'user_id',
  checkin_responses: 'user_id',
  time_off: 'user_id',
  project_member_rates: 'user_id',
  deliveries: 'member_id',
  // Off their projects (their onboarding and its ticks go with it), and the feedback they received
  // (its thread replies go with it); reminders they set as a manager stop.
  project_members: 'user_id',
  project_managers: 'user_id',
  onboardings: 'user_id',
  feedback: 'person_id',
  feedback_reminders: 'manager_id',
};

/** Keys of an audit snapshot that hold what a person wrote. */
export const WRITTEN_SNAPSHOT_KEYS = ['note', 'rawText'] as const;

/** The pseudonym's user id and name: `ERASED7`, "former member 7". */
export const PSEUDONYM_PREFIX = 'ERASED';
export const pseudonymName = (n: number) => `former member ${n}`;

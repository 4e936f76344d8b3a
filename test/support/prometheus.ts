/**
 * Reads Prometheus' text exposition format the way a scraper does, for tests: each sample line
 * `name{label="value",…} number` becomes one entry. Comment lines (# HELP, # TYPE) are kept apart.
 */
export interface Scrape {
  status: number;
  contentType: string | null;
  text: string;
  /** The sample's value, or undefined when the series is not there. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** Every series of a metric name, with its labels. */
  series(name: string): Array<{ labels: Record<string, string>; value: number }>;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseScrape(status: number, contentType: string | null, text: string): Scrape {
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL))
      labels[key as string] = (raw as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  const matches = (have: Record<string, string>, want: Record<string, string>) =>
    Object.entries(want).every(([k, v]) => have[k] === v) &&
    Object.keys(have).length === Object.keys(want).length;
  return {
    status,
    contentType,
    text,
    value: (name, labels = {}) => samples.find((s) => s.name === name && matches(s.labels, labels))?.value,
    series: (name) => samples.filter((s) => s.name === name).map(({ labels, value }) => ({ labels, value })),
  };
}

/** GET /metrics on the app's port, parsed. */
export async function scrape(port: number): Promise<Scrape> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return parseScrape(res.status, res.headers.get('content-type'), await res.text());
}

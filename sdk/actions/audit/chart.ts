import { formatAmount } from "../../amounts.js";

/** A step line: each value holds from its time until the next one, the last until the chart's end. */
export interface StepSeries {
  name: string;
  color: string;
  points: { time: number; value: bigint }[];
  /** Points to mark with a dot (an attestation), each with the text a pointer shows. */
  marks?: { time: number; value: bigint; title: string }[];
}

export interface TimeChartOptions {
  /** The chart's own units; text is drawn at `fontSize` of them, so a chart drawn at its width reads at that size. */
  width: number;
  height: number;
  fontSize: number;
  /** How numbers and dates are written (BCP 47), e.g. "fr-FR". */
  locale: string;
  /** Times (seconds) to shade: where supply stood above the reserve. */
  shaded?: { from: number; to: number }[];
  /** The chart's accessible name and a sentence describing it. */
  title: string;
  description: string;
  /** Unique within the page: the chart is drawn once per screen size. */
  id: string;
}

type Unit = "hour" | "day" | "week" | "month" | "year";
const SECONDS: Record<Unit, number> = {
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_629_746,
  year: 31_556_952,
};
const STEPS: readonly { unit: Unit; count: number }[] = [
  { unit: "hour", count: 1 },
  { unit: "hour", count: 3 },
  { unit: "hour", count: 6 },
  { unit: "hour", count: 12 },
  { unit: "day", count: 1 },
  { unit: "day", count: 2 },
  { unit: "week", count: 1 },
  { unit: "week", count: 2 },
  { unit: "month", count: 1 },
  { unit: "month", count: 2 },
  { unit: "month", count: 3 },
  { unit: "month", count: 6 },
  { unit: "year", count: 1 },
  { unit: "year", count: 2 },
  { unit: "year", count: 5 },
  { unit: "year", count: 10 },
  { unit: "year", count: 25 },
  { unit: "year", count: 50 },
  { unit: "year", count: 100 },
];

/** Tick times (seconds, UTC) on calendar boundaries: whole hours, midnights, Mondays, first days of months or years. */
function ticksOf(start: number, end: number, unit: Unit, count: number): number[] {
  const ticks: number[] = [];
  const at = (ms: number) => Math.round(ms / 1000);
  const first = new Date(start * 1000);
  if (unit === "hour" || unit === "day" || unit === "week") {
    const step = SECONDS[unit] * count;
    let t =
      unit === "hour"
        ? Math.ceil(start / step) * step
        : at(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()));
    if (unit === "week") t += ((8 - new Date(t * 1000).getUTCDay()) % 7) * SECONDS.day; // the next Monday
    while (t < start) t += unit === "week" ? SECONDS.week : SECONDS.day;
    for (; t <= end; t += step) ticks.push(t);
  } else if (unit === "month") {
    let year = first.getUTCFullYear();
    let month = first.getUTCMonth();
    while (month % count !== 0 || at(Date.UTC(year, month, 1)) < start) {
      month++;
      if (month === 12) [year, month] = [year + 1, 0];
    }
    for (let t = at(Date.UTC(year, month, 1)); t <= end; t = at(Date.UTC(year, month, 1))) {
      ticks.push(t);
      month += count;
      if (month >= 12) [year, month] = [year + Math.floor(month / 12), month % 12];
    }
  } else {
    let year = Math.ceil(first.getUTCFullYear() / count) * count;
    if (at(Date.UTC(year, 0, 1)) < start) year += count;
    for (let t = at(Date.UTC(year, 0, 1)); t <= end; year += count, t = at(Date.UTC(year, 0, 1))) ticks.push(t);
  }
  return ticks;
}

/** The labels of ticks of a unit: a month's year only on the first tick and on January, as calendars do. */
function dateLabels(locale: string, unit: Unit, ticks: number[]): string[] {
  const format = (options: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    return (seconds: number) => f.format(new Date(seconds * 1000));
  };
  if (unit === "hour") return ticks.map(format({ day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }));
  if (unit === "day" || unit === "week") return ticks.map(format({ day: "numeric", month: "short" }));
  if (unit === "year") return ticks.map(format({ year: "numeric" }));
  const withYear = format({ month: "short", year: "numeric" });
  const alone = format({ month: "short" });
  return ticks.map((t, i) => (i === 0 || new Date(t * 1000).getUTCMonth() === 0 ? withYear(t) : alone(t)));
}

// Text is measured without a browser: an average glyph of the system sans-serif is about 0.55 em wide.
const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.55;

/**
 * Time ticks for a span, on calendar boundaries, as many as fit without their labels touching: days over a
 * month, months over a year, years over decades.
 */
export function timeAxis(
  start: number,
  end: number,
  plotWidth: number,
  fontSize: number,
  locale: string,
): { time: number; label: string }[] {
  const x = (t: number) => ((t - start) / (end - start)) * plotWidth;
  for (const { unit, count } of STEPS) {
    if ((end - start) / (SECONDS[unit] * count) > 24) continue;
    const ticks = ticksOf(start, end, unit, count);
    const labels = dateLabels(locale, unit, ticks);
    const widths = labels.map((label) => textWidth(label, fontSize));
    // Labels are centred on their ticks: two neighbours must leave a gap of an em between them.
    const fits = ticks.every((t, i) => i === 0 || x(t) - x(ticks[i - 1]) >= (widths[i] + widths[i - 1]) / 2 + fontSize);
    if (fits) return ticks.map((time, i) => ({ time, label: labels[i] }));
  }
  return [];
}

/** Round values (cents) for the vertical axis: steps of 1, 2, 2.5 or 5 times a power of ten, from zero to above `max`. */
export function valueAxis(max: bigint, target: number): bigint[] {
  const top = max <= 0n ? 10_000n : max;
  for (let power = 1n; ; power *= 10n) {
    const step = [power, 2n * power, (5n * power) / 2n, 5n * power].find((s) => s > 0n && s * BigInt(target) >= top);
    if (step === undefined) continue;
    const ticks = [0n];
    while (ticks[ticks.length - 1] < top) ticks.push(ticks[ticks.length - 1] + step);
    return ticks;
  }
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * An inline SVG chart of step lines over a real time axis, in euros: no script, no external file, so the page
 * holding it stays self-contained. Only time and the first point of each series set where a line starts.
 */
export function timeChartSvg(series: StepSeries[], start: number, end: number, options: TimeChartOptions): string {
  const { width, height, fontSize, locale } = options;
  if (end <= start) [start, end] = [start - SECONDS.day, end + SECONDS.day];
  const max = series.flatMap((s) => s.points.map((p) => p.value)).reduce((m, v) => (v > m ? v : m), 0n);
  const yTicks = valueAxis(max, height < 320 ? 4 : 5);
  const top = yTicks[yTicks.length - 1];
  const euros = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: yTicks[1] !== undefined && yTicks[1] % 100n !== 0n ? 2 : 0,
  });
  const yLabel = (cents: bigint) => euros.format(formatAmount(cents) as Intl.StringNumericLiteral);
  const left = Math.ceil(Math.max(...yTicks.map((v) => textWidth(yLabel(v), fontSize)))) + fontSize;
  const right = fontSize * 1.5;
  const topMargin = fontSize;
  const bottom = fontSize * 2.4;
  const plotWidth = width - left - right;
  const plotHeight = height - topMargin - bottom;
  const x = (t: number) => left + ((t - start) / (end - start)) * plotWidth;
  const y = (v: bigint) => topMargin + plotHeight - (Number(v) / Number(top)) * plotHeight;
  const n = (value: number) => Number(value.toFixed(1));

  const xTicks = timeAxis(start, end, plotWidth, fontSize, locale);
  // A label centred on a tick near an edge is moved in, whole, rather than cut by it.
  const labelX = (tickX: number, label: string) => {
    const half = textWidth(label, fontSize) / 2;
    return Math.min(Math.max(tickX, half), width - half);
  };
  const grid = [
    ...yTicks.map(
      (v) =>
        `<line x1="${left}" x2="${n(width - right)}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${v === 0n ? "#6b7280" : "#e5e7eb"}"/>` +
        `<text x="${left - fontSize / 2}" y="${n(y(v) + fontSize / 3)}" text-anchor="end">${escapeXml(yLabel(v))}</text>`,
    ),
    ...xTicks.map(
      ({ time, label }) =>
        `<line x1="${n(x(time))}" x2="${n(x(time))}" y1="${topMargin}" y2="${n(topMargin + plotHeight + fontSize / 3)}" stroke="#e5e7eb"/>` +
        `<text x="${n(labelX(x(time), label))}" y="${n(topMargin + plotHeight + fontSize * 1.5)}" text-anchor="middle">${escapeXml(label)}</text>`,
    ),
  ];
  const shading = (options.shaded ?? []).map(
    ({ from, to }) =>
      `<rect x="${n(x(from))}" y="${topMargin}" width="${Math.max(1, n(x(to) - x(from)))}" height="${n(plotHeight)}" fill="#fecaca"/>`,
  );
  const lines = series.map((s) => {
    const path = stepPath(
      s.points.map((p) => ({ x: x(p.time), y: y(p.value) })),
      x(end),
    );
    const marks = (s.marks ?? []).map(
      (m) =>
        `<circle cx="${n(x(m.time))}" cy="${n(y(m.value))}" r="${fontSize / 3.5}" fill="${s.color}"><title>${escapeXml(m.title)}</title></circle>`,
    );
    return `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"><title>${escapeXml(s.name)}</title></path>${marks.join("")}`;
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" ` +
    `font-size="${fontSize}" font-family="system-ui, sans-serif" fill="#374151">` +
    `<title id="${options.id}-title">${escapeXml(options.title)}</title><desc id="${options.id}-desc">${escapeXml(options.description)}</desc>` +
    shading.join("") +
    grid.join("") +
    lines.join("") +
    `</svg>`
  );
}

/**
 * The SVG path of a step line through the points, held level to `endX`. Points that fall on the same column
 * (thousands of mints in a month) are drawn as one vertical run, so the page stays small without losing a step.
 */
function stepPath(points: { x: number; y: number }[], endX: number): string {
  if (points.length === 0) return "";
  const r = (value: number) => Math.round(value * 2) / 2;
  let penX = r(points[0].x);
  let penY = r(points[0].y);
  const parts = [`M${penX} ${penY}`];
  const moveTo = (x: number, y: number) => {
    if (y === penY) return;
    if (x !== penX) parts.push(`H${(penX = x)}`);
    parts.push(`V${(penY = y)}`);
  };
  // The values of one column: the line runs to each extreme beyond where it comes from and ends at the last.
  const drawColumn = (x: number, ys: number[]) => {
    if (ys.length === 0) return;
    const last = ys[ys.length - 1];
    const low = Math.min(...ys);
    const high = Math.max(...ys);
    if (low < Math.min(penY, last)) moveTo(x, low);
    if (high > Math.max(penY, last)) moveTo(x, high);
    moveTo(x, last);
  };
  let column = penX;
  let ys: number[] = [];
  for (const point of points.slice(1)) {
    const x = r(point.x);
    if (x !== column) {
      drawColumn(column, ys);
      column = x;
      ys = [];
    }
    ys.push(r(point.y));
  }
  drawColumn(column, ys);
  if (r(endX) !== penX) parts.push(`H${r(endX)}`);
  return parts.join("");
}

/**
 * Peak resident memory and times of a child process, read from GNU time's verbose report
 * (`/usr/bin/time -v -o FILE command`). GNU time waits for the command and reads getrusage of its
 * children: the peak is that of the largest single process in the tree (the command, or a
 * process it started and waited for), not the sum of all of them.
 *
 * @example
 *   parseTimeReport("...\n\tMaximum resident set size (kbytes): 237536\n...").maxRssKiB; // 237536
 */

export interface TimeReport {
  /** Peak resident set size, KiB (GNU time's "kbytes" are KiB). */
  maxRssKiB: number;
  /** Wall clock, seconds. */
  elapsedS: number;
  userS: number;
  systemS: number;
  /** The command's exit status, or null when the report does not say (killed by a signal). */
  exitStatus: number | null;
}

/** "1:02:03.5" (h:mm:ss) or "2:03.45" (m:ss) or "3.2" → seconds; NaN when unreadable. */
export function parseClock(text: string): number {
  const parts = text.trim().split(":");
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return Number.NaN;
  return parts.reduce((total, p) => total * 60 + Number(p), 0);
}

function field(text: string, label: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(`${label}:`);
    if (at >= 0 && line.slice(0, at).trim() === "") return line.slice(at + label.length + 1).trim();
  }
  return null;
}

/** Read GNU time's `-v` report; null when it holds no peak memory line (not such a report). */
export function parseTimeReport(text: string): TimeReport | null {
  const rss = field(text, "Maximum resident set size (kbytes)");
  if (rss === null || !/^\d+$/.test(rss)) return null;
  const num = (label: string) => {
    const v = field(text, label);
    return v !== null && /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
  };
  const status = field(text, "Exit status");
  return {
    maxRssKiB: Number(rss),
    elapsedS: parseClock(field(text, "Elapsed (wall clock) time (h:mm:ss or m:ss)") ?? ""),
    userS: num("User time (seconds)"),
    systemS: num("System time (seconds)"),
    exitStatus: status !== null && /^\d+$/.test(status) ? Number(status) : null,
  };
}

/**
 * The errors a user can act on and the documented exit codes (README "Exit codes").
 * A `UserError` carries its message in both languages and the code the CLI exits with; anything
 * else reaching the CLI is a bug and exits with `EXIT.internal`.
 *
 * @example
 *   throw new UserError("找不到文件 a.csv", "file not found: a.csv", EXIT.inputRefused);
 */
export const EXIT = {
  ok: 0,
  /** Some rows were rejected; the rest landed. */
  rowsRejected: 1,
  /** An input (data file, plan file) could not be read at all, or a required program is missing. */
  inputRefused: 2,
  /** The warehouse could not be opened (in use by another process, damaged, missing, too new). */
  warehouse: 3,
  /** The command line itself is wrong (unknown option, bad value). */
  usage: 64,
  /** A bug: an unexpected error (sysexits EX_SOFTWARE). */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports without a stack trace (unless --verbose) and exits with `exitCode`. */
export class UserError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly exitCode: number,
  ) {
    super(en);
    this.name = "UserError";
  }
}

/** Any `plan-monitor` command, in this process (pipelines/cli.ts main), timed. */
import { main } from "../../pipelines/cli.ts";

export default async function cli(args: { argv: string[]; okCodes?: number[] }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const code = await main(["node", "plan-monitor", ...args.argv]);
  const seconds = (performance.now() - started) / 1000;
  if (!(args.okCodes ?? [0]).includes(code)) throw new Error(`plan-monitor ${args.argv.join(" ")} exited with ${code}`);
  // The command sets process.exitCode; an accepted code is no failure of the step.
  process.exitCode = 0;
  return { seconds, exit_code: code };
}

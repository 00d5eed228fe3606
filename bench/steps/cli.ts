/** Any `plan-monitor` command, in this process (pipelines/cli.ts main), timed. */
import { main } from "../../pipelines/cli.ts";

export default async function cli(args: { argv: string[] }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const code = await main(["node", "plan-monitor", ...args.argv]);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`plan-monitor ${args.argv.join(" ")} exited with ${code}`);
  return { seconds, exit_code: code };
}

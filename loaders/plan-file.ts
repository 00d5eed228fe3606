/**
 * Read a plan file (YAML), validate it against the schema and report every problem with its
 * line and column and what to write instead, in Chinese and English.
 *
 * @example
 *   const result = await readPlanFile("data/plans/wafangdian-2018-2020.yaml");
 *   if (!result.ok) for (const p of result.problems) console.error(`${p.line}: ${p.zh}`);
 */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { normalisePlan, PlanFileSchema, type Plan } from "../domain/plan.ts";

export interface PlanFileProblem {
  /** 1-based line and column in the file, when known. */
  line: number | null;
  column: number | null;
  /** Where in the plan, e.g. "indicators[2].target". */
  path: string;
  zh: string;
  en: string;
}

export type PlanFileResult =
  | { ok: true; plan: Plan; sha256: string; text: string; path: string }
  | { ok: false; problems: PlanFileProblem[]; path: string };

export class PlanFileError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly path: string,
    readonly problems: PlanFileProblem[],
  ) {
    super(`${path}: ${problems.map((p) => `${p.line ?? "?"}: ${p.en}`).join("; ")}`);
  }
}

function pathText(path: PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

/** Locate a path in the YAML document: the deepest node that exists along it. */
function locate(doc: Document, counter: LineCounter, path: PropertyKey[]): { line: number | null; column: number | null } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: null, column: null };
}

const FIELD_HELP: Record<string, { zh: string; en: string }> = {
  measure: {
    zh: "写 level（年度值/年末值）或 cumulative（计划期累计）",
    en: "write level (a year's value) or cumulative (total over the plan years)",
  },
  direction: {
    zh: "写 increase（越大越好）或 decrease（越小越好）",
    en: "write increase (higher is better) or decrease (lower is better)",
  },
  comparator: { zh: '写 ">=" 或 "<="（加引号）', en: 'write ">=" or "<=" (quoted)' },
  target: { zh: "写一个数字，不带单位，如 8", en: "write a plain number without unit, e.g. 8" },
  baseline_year: { zh: "写四位年份，如 2017", en: "write a four-digit year, e.g. 2017" },
  start_year: { zh: "写四位年份，如 2018", en: "write a four-digit year, e.g. 2018" },
  target_year: { zh: "写四位年份，如 2020", en: "write a four-digit year, e.g. 2020" },
  code: {
    zh: '写六位行政区划代码并加引号，如 code: "210281"',
    en: 'write the six-digit administrative code in quotes, e.g. code: "210281"',
  },
  id: {
    zh: "只用小写字母、数字和下划线，如 high_tech_enterprises",
    en: "use lower-case letters, digits and _ only, e.g. high_tech_enterprises",
  },
};

/** Help for a milestone's fields (README "Milestones"), which share names with other fields. */
const MILESTONE_HELP: Record<string, { zh: string; en: string }> = {
  id: { zh: '里程碑 id 请加引号，如 id: "4.1"（在计划中唯一）', en: 'quote the milestone id, e.g. id: "4.1" (unique in the plan)' },
  due: { zh: "完成时限写作 YYYY-MM-DD，如 2019-06-30", en: "write the due date as YYYY-MM-DD, e.g. 2019-06-30" },
  recurring: { zh: "写 true（每年一次）或 false", en: "write true (once a year) or false" },
  responsible: { zh: "写责任单位列表，如 [市经信局]", en: "write a list of units, e.g. [市经信局]" },
};

const TYPE_ZH: Record<string, string> = {
  string: "文字",
  number: "数字",
  boolean: "true 或 false",
  array: "列表",
  object: "映射（键: 值）",
};

function describeIssue(issue: z.core.$ZodIssue): { zh: string; en: string } {
  const key = String(issue.path[issue.path.length - 1] ?? "");
  const inMilestone = issue.path.includes("milestones") && issue.path.indexOf("milestones") >= issue.path.length - 3;
  const help = (inMilestone ? MILESTONE_HELP[key] : undefined) ?? FIELD_HELP[key];
  const where = pathText(issue.path) || "(top level)";
  switch (issue.code) {
    case "invalid_type": {
      const missing = /received undefined/.test(issue.message);
      if (missing)
        return {
          zh: `缺少必填字段 ${where}${help ? `：${help.zh}` : ""}`,
          en: `required field ${where} is missing${help ? `: ${help.en}` : ""}`,
        };
      return {
        zh: `${where} 的类型不对：应为${TYPE_ZH[issue.expected] ?? issue.expected}${help ? `，${help.zh}` : ""}`,
        en: `${where} has the wrong type: expected ${issue.expected}${help ? `; ${help.en}` : ""}`,
      };
    }
    case "unrecognized_keys":
      return {
        zh: `${where} 中有无法识别的字段：${issue.keys.join("、")}（检查拼写；可用字段见 README "计划文件"）`,
        en: `${where} has unknown field(s): ${issue.keys.join(", ")} (check the spelling; README "The plan file" lists the fields)`,
      };
    case "invalid_value":
      return {
        zh: `${where} 的取值无效：只能是 ${issue.values.map(String).join(" / ")}${help ? `（${help.zh}）` : ""}`,
        en: `${where} must be one of ${issue.values.map(String).join(" / ")}${help ? ` (${help.en})` : ""}`,
      };
    default: {
      const [en, zh] = issue.message.includes(" / ") ? issue.message.split(" / ") : [issue.message, issue.message];
      return { zh: `${where}：${zh}`, en: `${where}: ${en}` };
    }
  }
}

/** Validate plan text. `path` is used in messages only. */
export function parsePlanText(text: string, path = "<plan>"): PlanFileResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      path,
      problems: doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return {
          line: pos.line,
          column: pos.col,
          path: "",
          zh: `YAML 语法错误：${e.message.split("\n")[0]}（检查缩进、冒号后的空格和引号；含": "的文字请加引号）`,
          en: `YAML syntax error: ${e.message.split("\n")[0]} (check indentation, the space after colons and quotes; quote text containing ": ")`,
        };
      }),
    };
  }
  const parsed = PlanFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      path,
      problems: parsed.error.issues.map((issue) => ({
        ...locate(doc, counter, issue.path),
        path: pathText(issue.path),
        ...describeIssue(issue),
      })),
    };
  }
  const { plan, problems } = normalisePlan(parsed.data);
  if (problems.length > 0) {
    return {
      ok: false,
      path,
      problems: problems.map((p) => ({ ...locate(doc, counter, p.path), path: pathText(p.path), zh: p.zh, en: p.en })),
    };
  }
  return { ok: true, plan, text, path, sha256: planTextSha256(text) };
}

/** The sha256 a plan is stored under: of its text (UTF-8, without a byte-order mark). */
export function planTextSha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The sha256 of a plan file as parsing it would give, without parsing it; null when it cannot be read. */
export async function planFileSha256(path: string): Promise<string | null> {
  try {
    return planTextSha256((await readFile(path, "utf8")).replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
}

/** Read and validate a plan file. A file that cannot be read is reported as a problem, not thrown. */
export async function readPlanFile(path: string): Promise<PlanFileResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      path,
      problems: [
        {
          line: null,
          column: null,
          path: "",
          zh: code === "ENOENT" ? `找不到计划文件 ${path}（检查路径，或用 --plan 指定）` : `无法读取计划文件 ${path}（${code}）`,
          en:
            code === "ENOENT"
              ? `plan file ${path} not found (check the path, or pass --plan FILE)`
              : `cannot read plan file ${path} (${code})`,
        },
      ],
    };
  }
  return parsePlanText(text.replace(/^\uFEFF/, ""), path);
}

/** Read a plan file or throw PlanFileError. */
export async function loadPlanFile(path: string): Promise<{ plan: Plan; sha256: string; text: string }> {
  const result = await readPlanFile(path);
  if (!result.ok) throw new PlanFileError(path, result.problems);
  return result;
}

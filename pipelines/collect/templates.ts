/**
 * `collect templates`: one 填报表 per responsible unit for a period, written to a folder and
 * recorded in the warehouse (collection_templates) so a returned file is recognised and checked.
 * The reference columns show the figures the warehouse holds for the three years before the period.
 *
 * @example
 *   const issued = await issueTemplates(w, plan, { period: 2020, deadline: "2021-01-31", outDir: "out", lang: "zh" });
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { INDICATOR_SHEET, indicatorsForUnit, type IssuedTemplate, TASK_SHEET } from "../../domain/collection.ts";
import type { Plan } from "../../domain/plan.ts";
import { templateFileName, writeTemplateXlsx } from "../../exports/collect-template.ts";
import { appendManifest } from "../../warehouse/archive.ts";
import { storeTemplate } from "../../warehouse/collection.ts";
import { inTransaction, queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { EXIT, UserError } from "../context.ts";

export interface IssueOptions {
  period: number;
  units?: string[];
  deadline?: string | null;
  outDir: string;
  lang: "zh" | "en";
  contact?: string;
  /** Issue date YYYY-MM-DD; default today. */
  issued?: string;
}

export interface IssuedFile {
  template: IssuedTemplate;
  path: string;
}

/** The current figure per indicator and year for the reference years. */
async function referenceFigures(w: Warehouse, planId: string, years: number[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ indicator_id: string; year: number; value: number }>(
    w,
    `SELECT indicator_id, year, value FROM current_observations
     WHERE plan_id = $1 AND region_code = (SELECT region_code FROM plans WHERE id = $1) AND year BETWEEN $2 AND $3`,
    [planId, Math.min(...years), Math.max(...years)],
  );
  return new Map(rows.map((r) => [`${r.indicator_id}:${r.year}`, r.value]));
}

/** Which units to issue for: --units (checked against the plan), else every unit with an indicator. */
export function selectUnits(plan: Plan, ids: string[] | undefined): string[] {
  const withItems = plan.units
    .filter((u) => indicatorsForUnit(plan, u.id).length > 0 || milestonesForUnit(plan, u.id).length > 0)
    .map((u) => u.id);
  if (!ids || ids.length === 0) return withItems;
  for (const id of ids) {
    const u = plan.units.find((x) => x.id === id || x.zh === id);
    if (!u)
      throw new UserError(
        `计划中没有责任单位"${id}"。可用的单位编码：${plan.units.map((x) => `${x.id}（${x.zh}）`).join("、")}`,
        `the plan has no responsible unit "${id}". Unit ids: ${plan.units.map((x) => `${x.id} (${x.en})`).join(", ")}`,
        EXIT.usage,
      );
    if (!withItems.includes(u.id))
      throw new UserError(
        `${u.zh}不负责任何指标或里程碑，无需填报表。`,
        `${u.en} is responsible for no indicator or milestone, so it gets no form.`,
        EXIT.usage,
      );
  }
  return ids.map((id) => plan.units.find((x) => x.id === id || x.zh === id)?.id ?? id);
}

export function buildTemplate(
  plan: Plan,
  planSha256: string,
  unitId: string,
  opts: IssueOptions,
  references: Map<string, number>,
): IssuedTemplate {
  const unit = plan.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`unknown unit ${unitId}`);
  const years = Array.from({ length: INDICATOR_SHEET.referenceYears }, (_, k) => opts.period - INDICATOR_SHEET.referenceYears + k);
  const items = indicatorsForUnit(plan, unitId).map((id, k) => {
    const ind = plan.indicators.find((i) => i.id === id);
    if (!ind) throw new Error(`unknown indicator ${id}`);
    return {
      row: INDICATOR_SHEET.firstRow + k,
      indicator_id: id,
      zh: ind.zh,
      en: ind.en,
      unit: ind.unit,
      target: ind.target,
      reference: years.map((y) => references.get(`${id}:${y}`) ?? null),
    };
  });
  const template: IssuedTemplate = {
    meta: {
      template_id: randomUUID(),
      plan_id: plan.id,
      plan_sha256: planSha256,
      unit_id: unitId,
      period: opts.period,
      issued: opts.issued ?? new Date().toISOString().slice(0, 10),
      deadline: opts.deadline ?? null,
      lang: opts.lang,
    },
    unit: { id: unit.id, zh: unit.zh, en: unit.en },
    reference_years: years,
    items,
    tasks: milestonesForUnit(plan, unitId),
    file_name: "",
  };
  template.file_name = templateFileName(template);
  return template;
}

/** The milestones a unit owes a progress report on (任务进展 rows), in the plan's order. */
export function milestonesForUnit(plan: Plan, unitId: string): IssuedTemplate["tasks"] {
  return plan.tasks
    .flatMap((t) => (t.milestones ?? []).filter((m) => m.responsible.includes(unitId)))
    .map((m, k) => ({
      row: TASK_SHEET.firstRow + k,
      task_id: m.task_id,
      milestone_id: m.id,
      zh: m.zh,
      en: m.en,
      due: m.due,
      recurring: m.recurring,
    }));
}

/** Write the templates and record them. Each file is written to a temporary name and renamed: never half-written. */
export async function issueTemplates(w: Warehouse, plan: Plan, opts: IssueOptions): Promise<IssuedFile[]> {
  const units = selectUnits(plan, opts.units);
  const [{ sha256 } = { sha256: "" }] = await queryRows<{ sha256: string }>(w, "SELECT sha256 FROM plans WHERE id = $1", [plan.id]);
  const years = Array.from({ length: INDICATOR_SHEET.referenceYears }, (_, k) => opts.period - INDICATOR_SHEET.referenceYears + k);
  const references = await referenceFigures(w, plan.id, years);
  const out = resolve(opts.outDir);
  mkdirSync(out, { recursive: true });
  const files: IssuedFile[] = [];
  // Recorded in one transaction once every file is written: one commit for 3,000 forms, not 3,000.
  // A form written but not recorded (the run stopped) is refused on return as UNKNOWN_TEMPLATE; issue it again.
  for (const unitId of units) {
    const template = buildTemplate(plan, sha256, unitId, opts, references);
    const bytes = await writeTemplateXlsx(template, {
      planTitle: opts.lang === "zh" ? plan.title.zh : plan.title.en,
      planDocument: plan.document,
      contact: opts.contact ?? (plan.issuer ? (opts.lang === "zh" ? plan.issuer.zh : plan.issuer.en) : undefined),
    });
    const path = join(out, template.file_name);
    writeFileSync(`${path}.tmp`, bytes);
    renameSync(`${path}.tmp`, path);
    files.push({ template, path });
  }
  await inTransaction(w, async () => {
    for (const f of files) await storeTemplate(w, f.template);
  });
  // The archive's manifest names every form recorded, so that rebuild keeps them.
  for (const f of files)
    appendManifest(w.path, {
      kind: "template",
      plan_id: plan.id,
      template_id: f.template.meta.template_id,
      name: f.template.file_name,
      at: new Date().toISOString(),
      template: f.template,
    });
  return files;
}

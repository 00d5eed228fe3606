/**
 * 附件1 评估方法: the final grades and their thresholds, the roll-up rule, and the three published
 * methods the technical annex shows. Pure.
 */
import { ROLE_WEIGHT, SCORE_CUTOFFS } from "../../../assessment/final.ts";
import { THRESHOLDS } from "../../../assessment/methods.ts";
import { num, percent } from "../../format.ts";
import type { ReportContext } from "../context.ts";
import type { Block, Report, Section } from "../types.ts";

type Methodology = Report["methodology"];

function gradesMethod(ctx: ReportContext): Methodology[number] {
  const { L } = ctx;
  const th = ctx.A.final.thresholds;
  const cut = (g: string) => num(SCORE_CUTOFFS.find((c) => c.grade === g)!.min, 2);
  return {
    heading: L("终期评价等级", "Final grades"),
    paragraphs: [
      L(
        `已有目标年（${ctx.plan.target_year}年）数据的指标按完成程度评价：达到目标且完成程度不低于${percent(th.exceeded)}为“超额完成”，达到目标为“完成”，未达到目标但完成程度不低于${percent(th.basic)}为“基本完成”，其余为“未完成”。阈值可在计划文件中用 grades 设置（默认${percent(1.05)}和${percent(0.9)}）。缺少目标年数据的指标评为“数据暂缺，无法作出终期结论”，不用趋势判断代替；计划期累计且只增不减的指标提前达到目标的，也作出终期结论。`,
        `Indicators with a figure for the target year (${ctx.plan.target_year}) are graded by completion: target met with completion of at least ${percent(th.exceeded)} = exceeded; target met = completed; not met but at least ${percent(th.basic)} = basically completed; otherwise not completed. The thresholds are set in the plan file under grades (defaults ${percent(1.05)} and ${percent(0.9)}). An indicator without a target-year figure gets "data missing: no final verdict possible", never a trend word; a total over the plan years that only grows and is already at its target is graded early.`,
      ),
      L(
        `任务、任务组和责任单位的评价：超额完成记4分、完成3分、基本完成2分、未完成1分，取所含指标（任务组为所含任务）得分的平均数，≥${cut("exceeded")}为超额完成，≥${cut("completed")}为完成，≥${cut("basically_completed")}为基本完成，其余为未完成；缺数的不计分，另行列出。责任单位按其牵头任务（权重${ROLE_WEIGHT.lead}）和配合任务（权重${ROLE_WEIGHT.support}）加权平均；只有其牵头任务未完成时才评为未完成，配合任务不能单独使其评为未完成。任务的牵头单位为排在首位的责任单位，计划文件另行指定（lead）的除外。`,
        `Tasks, task groups and units: exceeded scores 4, completed 3, basically completed 2, not completed 1; the grade is the mean score of the indicators (for a group, its tasks): ≥ ${cut("exceeded")} exceeded, ≥ ${cut("completed")} completed, ≥ ${cut("basically_completed")} basically completed, else not completed; members without data are listed, not scored. A unit's mean weighs the tasks it leads ${ROLE_WEIGHT.lead} and those it supports ${ROLE_WEIGHT.support}; it is not completed only when a task it leads is not completed, never by supporting links alone. A task's lead unit is the first named unless the plan file names lead.`,
      ),
      L(
        "中期评估（--interim）不作终期评价，沿用下文的趋势判断。",
        "A mid-term report (--interim) gives no final grades; it keeps the trend verdicts described below.",
      ),
    ],
  };
}

export function methodology(ctx: ReportContext): Methodology {
  const { L, plan, A, lang, Y } = ctx;
  const tolPts = num(A.tolerance * 100, 1);
  const methodology: Methodology = [
    gradesMethod(ctx),
    {
      heading: L("评估口径", "What is assessed"),
      paragraphs: [
        L(
          `基期为${plan.baseline_year}年，计划期为${plan.start_year}-${plan.target_year}年，目标年为${plan.target_year}年。本报告评估年份为${Y}年${A.as_of ? `，只采用${A.as_of}及以前发布的数据` : "，采用仓库中的全部数据"}。每个指标取评估年份及以前的最新数据；已有目标年数据的指标给出终期结论（实现或未实现），其余指标按趋势判断。`,
          `Baseline year ${plan.baseline_year}, plan years ${plan.start_year}-${plan.target_year}, target year ${plan.target_year}. Assessed at ${Y}${A.as_of ? `, using only figures published on or before ${A.as_of}` : ", using every figure in the warehouse"}. Each indicator uses its latest figure up to the assessment year; where the target year has a figure the verdict is final (achieved or missed), otherwise it is a trend verdict.`,
        ),
        L(
          "年度值指标比较当年数值与目标；计划期累计指标（如“转化科技成果50项以上”）将计划起始年以来各年当年值相加，基期值为0，以年均进度代替增长率。",
          "Yearly-value indicators compare the year's figure with the target; totals over the plan years (e.g. “50 or more achievements converted”) add up each plan year's own amount from the start year, with a baseline of 0, and use the yearly pace instead of growth rates.",
        ),
        ...plan.notes.filter((n) => (lang === "zh" ? /[\u4e00-\u9fff]/.test(n) : !/[\u4e00-\u9fff]/.test(n))),
      ],
    },
    {
      heading: L("中国规划评估实践：实现程度与序时进度", "Chinese planning practice: completion and time progress"),
      paragraphs: [
        L(
          "实现程度 = 最新值÷目标值（下降类指标为目标值÷最新值），不封顶；任务进度 = (最新值−基期值)÷(目标值−基期值)；序时进度 = (评估年−基期年)÷(目标年−基期年)。",
          "Completion = latest ÷ target (target ÷ latest when lower is better), uncapped; progress = (latest − baseline) ÷ (target − baseline); time elapsed = (year − baseline year) ÷ (target year − baseline year).",
        ),
        L(
          `比较任务进度与序时进度（“时间过半、任务过半”）：已达到目标为“提前实现”，任务进度快于序时进度超过${tolPts}个百分点为“快于序时”，相差在${tolPts}个百分点以内为“基本符合”，否则为“滞后”。容差为参数，没有官方规定的数值。`,
          `Progress is compared with time elapsed: target met = “achieved ahead of time”; progress ahead of time by more than ${tolPts} percentage points = “ahead of schedule”; within ${tolPts} points = “broadly on schedule”; otherwise “behind schedule”. The tolerance is a parameter; no official value is published.`,
        ),
      ],
    },
    {
      heading: L(
        "Eurostat方法（欧盟可持续发展监测报告，Open SDG实现）",
        "Eurostat method (EU SDG monitoring report, as implemented by Open SDG)",
      ),
      paragraphs: [
        L(
          `实际年均增速CAGR_a = (最新值÷基期值)^(1/(t−t0))−1，要求年均增速CAGR_r = (目标值÷基期值)^(1/(T−t0))−1，增速比率R = CAGR_a÷|CAGR_r|（下降类指标取反）。已达到目标优先判定为“目标已实现”；否则R≥${THRESHOLDS.on_track}为显著进展（进度正常），${THRESHOLDS.needs_acceleration}≤R<${THRESHOLDS.on_track}为中等进展（需加快），0≤R<${THRESHOLDS.needs_acceleration}为进展不足，R<0为背离目标（倒退）。`,
          `Actual growth CAGR_a = (latest ÷ baseline)^(1/(t − t0)) − 1; required growth CAGR_r = (target ÷ baseline)^(1/(T − t0)) − 1; ratio R = CAGR_a ÷ |CAGR_r| (sign flipped when lower is better). Target met overrides; otherwise R ≥ ${THRESHOLDS.on_track} significant progress (on track), ${THRESHOLDS.needs_acceleration} ≤ R < ${THRESHOLDS.on_track} moderate progress (needs acceleration), 0 ≤ R < ${THRESHOLDS.needs_acceleration} insufficient progress (off track), R < 0 movement away (regressing).`,
        ),
        L(
          "数据规则（Open SDG）：至少需要两个年份的数据；基期年缺数时改用其后最近有数据的年份；基期值、最新值或目标值为0时以0.001代替（只用于计算比率、判断类别，由代替值算出的增长率不列出，写作“—”并注明“基期值为0，不计算增长率”）；基期值与最新值正负号不同则无法计算。累计指标以年均进度比率代替R：实际年均完成÷要求年均完成（目标÷计划年数），阈值相同。",
          "Data rules (Open SDG): at least two years of data; a missing baseline year uses the next year with data; a zero baseline, latest or target value is replaced by 0.001 (for the ratio and the category only: a growth rate from the stand-in is not given, it reads “—” with “the baseline is 0: no growth rate”); opposite signs cannot be assessed. For totals the pace ratio replaces R: actual yearly pace ÷ required pace (target ÷ plan years), with the same thresholds.",
        ),
      ],
    },
    {
      heading: L("联合国亚太经社会（ESCAP）方法", "UN ESCAP method (Asia and the Pacific SDG Progress Report)"),
      paragraphs: [
        L(
          "按当前复合增速推算目标年数值（复合推算不可用时用线性最小二乘推算），预期进度AP = (推算值−基期值)÷(目标值−基期值)。AP≥1为保持现有进度即可实现，0≤AP<1为需加快进度，AP<0为需扭转趋势。",
          "The value is projected to the target year at the current compound growth rate (a least-squares straight line when compound growth is unavailable); anticipated progress AP = (projection − baseline) ÷ (target − baseline). AP ≥ 1: maintain progress; 0 ≤ AP < 1: accelerate; AP < 0: reverse the trend.",
        ),
      ],
    },
    {
      heading: L("综合结论", "The overall verdict"),
      paragraphs: [
        L(
          "报告的综合结论采用：已有目标年数据时为终期结论（达到目标为“已完成”，否则为“未完成”，并给出实现程度和差距）；目标年以前达到目标为“已完成”（提前实现）；否则按Eurostat增速比率（累计指标为年均进度比率）分为进度正常、需加快、进展不足、倒退；数据不足以计算时为“数据不足”。三种方法的结论在各指标一节并列给出。",
          "The overall verdict: once the target year has a figure it is final (“achieved” if the target is met, else “missed”, with completion and the gap); a target met before the target year is “achieved” (early); otherwise the Eurostat growth ratio (the pace ratio for totals) gives on track, needs acceleration, off track or regressing; “insufficient data” when it cannot be computed. Each indicator's section shows the three methods side by side.",
        ),
      ],
    },
    {
      heading: L("数据版本与冲突处理", "Vintages and conflicts"),
      paragraphs: [
        L(
          "同一指标、地区、年份有多个数据版本时，采用发布日期最晚的版本；发布日期相同或缺失时，按数据阶段（初步＜正式＜修订）取较后者；仍相同时取较晚导入者。被取代的版本保留在“原始数据”中，并列于附件2。未注明发布日期的数据以导入日期为准。指定评估截止日期（--as-of）时，只采用截止日期及以前发布的版本。",
          "When one indicator, region and year has several vintages, the one published last is used; on equal or missing dates, the later stage (preliminary < final < revised); then the later ingestion. Superseded vintages stay in the raw series and are listed in Annex 2. A figure without a publication date counts as known on the day it was ingested. With an as-of date (--as-of), only vintages published by then are used.",
        ),
        L(
          "缺失的年份不按0处理；累计指标计划期内缺年时，累计值只是下限。初步数（快报）在正式数公布后可能改变结论。",
          "A missing year is not treated as 0; for a total with a plan year missing, the total is a lower bound. A preliminary figure may change the verdict once the final figure is published.",
        ),
      ],
    },
    {
      heading: L("方法来源", "Sources of the methods"),
      paragraphs: [
        L(
          "Eurostat《欧盟可持续发展监测报告》方法附录；open-sdg/sdg-build（sdg/ProgressMeasure.py）与open-sdg文档progress-methodology；联合国亚太经社会《亚太可持续发展目标进展报告》进展评估方法指南（Bidarbakht Nia, 2017）；国内规划中期和终期评估中“实现程度”“序时进度”的通行做法。",
          "Eurostat, “Sustainable development in the EU – monitoring report”, methodological annex; open-sdg/sdg-build (sdg/ProgressMeasure.py) and the open-sdg progress-methodology documentation; UN ESCAP, Asia and the Pacific SDG Progress Report, progress assessment methodology (Bidarbakht Nia 2017); Chinese mid-term and end-of-plan review practice (completion and time progress).",
        ),
      ],
    },
  ];

  return methodology;
}

export function methodsSection(ctx: ReportContext, m: Methodology): Section {
  return {
    id: "annex-methods",
    part: "annex",
    title: ctx.L("附件1　评估方法", "Annex 1. Methods"),
    blocks: m.flatMap((x): Block[] => [
      { kind: "heading", level: 2, text: x.heading },
      ...x.paragraphs.map((text): Block => ({ kind: "paragraph", text })),
    ]),
  };
}

/**
 * Record files: the kinds of record-level data (high-tech enterprise certificates, registered
 * technology contracts, R&D expenditure per enterprise, dated lists), their columns with the
 * Chinese and English headers offices use, and how a file's kind is told from its header.
 * Pure: no I/O. Domain vocabulary shared by loaders/ (reading files) and warehouse/ (the SQL path).
 * The cell rules are in domain/record-rules.ts; the JS validation in loaders/records/validate.ts and
 * the SQL that applies the same rules inside DuckDB in warehouse/records-sql.ts.
 *
 * @example
 *   detectKind(["企业名称", "统一社会信用代码", "证书编号", "发证日期"]).kind; // "certificates"
 */

export type RecordKind = "certificates" | "contracts" | "rd" | "lists";

/** What told a record file's coverage (数据截至): a flag, the title, a column, or the records' own dates. */
export type CoverageBasis = "flag" | "title" | "column" | "records";
export const RECORD_KINDS: RecordKind[] = ["certificates", "contracts", "rd", "lists"];

export type FieldType =
  | "text"
  /** 统一社会信用代码 (GB 32100-2015), 18 characters with a check digit. */
  | "credit_code"
  | "date"
  /** A money amount, converted to yuan by the row's or the header's unit. */
  | "amount"
  /** A quantity of fry (尾), converted by the unit. */
  | "quantity"
  | "year"
  /** A six-digit administrative division code. */
  | "region"
  | "contract_type"
  | "list"
  | "unit";

export interface FieldSpec {
  /** Column name in the warehouse table. */
  key: string;
  type: FieldType;
  required: boolean;
  zh: string;
  en: string;
  /** Header spellings (compared after normalising: no spaces, no brackets, lower case). */
  aliases: string[];
}

export interface KindSpec {
  id: RecordKind;
  zh: string;
  en: string;
  /** Warehouse table holding every version of every record. */
  table: string;
  fields: FieldSpec[];
}

const common = (): FieldSpec[] => [
  {
    key: "region_code",
    type: "region",
    required: false,
    zh: "区划代码",
    en: "region code",
    aliases: ["区划代码", "行政区划代码", "地区代码", "所在地区代码", "县区代码", "region", "region_code", "regioncode", "division_code"],
  },
  {
    key: "town",
    type: "text",
    required: false,
    zh: "乡镇/街道",
    en: "town or street",
    aliases: [
      "乡镇",
      "街道",
      "乡镇街道",
      "乡镇/街道",
      "乡镇（街道）",
      "所在乡镇",
      "所属乡镇",
      "乡镇街道经济区",
      "乡镇/街道/经济区",
      "town",
      "street",
      "township",
    ],
  },
  {
    key: "sector",
    type: "text",
    required: false,
    zh: "行业",
    en: "sector",
    aliases: ["行业", "所属行业", "行业类别", "产业", "所属产业", "产业领域", "sector", "industry"],
  },
  { key: "note", type: "text", required: false, zh: "备注", en: "note", aliases: ["备注", "说明", "note", "notes", "remark", "remarks"] },
];

const enterprise: FieldSpec = {
  key: "enterprise",
  type: "text",
  required: true,
  zh: "企业名称",
  en: "enterprise",
  aliases: ["企业名称", "企业", "单位名称", "公司名称", "纳税人名称", "enterprise", "enterprise_name", "company", "company_name"],
};
const creditCode = (required: boolean): FieldSpec => ({
  key: "credit_code",
  type: "credit_code",
  required,
  zh: "统一社会信用代码",
  en: "unified social credit code",
  aliases: ["统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "credit_code", "creditcode", "uscc", "unified_social_credit_code"],
});
const amountUnit: FieldSpec = {
  key: "unit",
  type: "unit",
  required: false,
  zh: "金额单位",
  en: "unit",
  aliases: ["金额单位", "计量单位", "单位", "unit", "currency_unit"],
};

export const KINDS: Record<RecordKind, KindSpec> = {
  certificates: {
    id: "certificates",
    zh: "高新技术企业证书",
    en: "high-tech enterprise certificates",
    table: "rec_certificates",
    fields: [
      enterprise,
      creditCode(true),
      {
        key: "certificate_no",
        type: "text",
        required: true,
        zh: "证书编号",
        en: "certificate number",
        aliases: ["证书编号", "高新技术企业证书编号", "证书号", "认定证书编号", "certificate_no", "certificate_number", "certificate"],
      },
      {
        key: "certified_on",
        type: "date",
        required: true,
        zh: "发证日期",
        en: "date certified",
        aliases: [
          "发证日期",
          "发证时间",
          "认定日期",
          "认定时间",
          "颁发日期",
          "certified_on",
          "date_certified",
          "certification_date",
          "issue_date",
        ],
      },
      {
        key: "revoked_on",
        type: "date",
        required: false,
        zh: "撤销日期",
        en: "date revoked",
        aliases: ["撤销日期", "取消日期", "取消资格日期", "revoked_on", "date_revoked", "revocation_date"],
      },
      ...common(),
    ],
  },
  contracts: {
    id: "contracts",
    zh: "技术合同登记",
    en: "registered technology contracts",
    table: "rec_contracts",
    fields: [
      {
        key: "contract_id",
        type: "text",
        required: true,
        zh: "合同编号",
        en: "contract id",
        aliases: [
          "合同编号",
          "合同登记号",
          "登记编号",
          "合同登记编号",
          "登记号",
          "contract_id",
          "contract_no",
          "contract_number",
          "registration_no",
        ],
      },
      {
        key: "registered_on",
        type: "date",
        required: true,
        zh: "登记日期",
        en: "registration date",
        aliases: ["登记日期", "登记时间", "认定登记日期", "registered_on", "registration_date", "date_registered"],
      },
      {
        key: "seller",
        type: "text",
        required: true,
        zh: "卖方",
        en: "seller",
        aliases: ["卖方", "卖方名称", "卖方单位", "技术卖方", "卖方（技术输出方）", "技术输出方", "seller", "seller_name"],
      },
      {
        key: "seller_code",
        type: "credit_code",
        required: false,
        zh: "卖方统一社会信用代码",
        en: "seller's credit code",
        aliases: ["卖方统一社会信用代码", "卖方信用代码", "卖方代码", "seller_code", "seller_credit_code"],
      },
      {
        key: "buyer",
        type: "text",
        required: true,
        zh: "买方",
        en: "buyer",
        aliases: ["买方", "买方名称", "买方单位", "技术买方", "买方（技术吸纳方）", "技术吸纳方", "buyer", "buyer_name"],
      },
      {
        key: "contract_value",
        type: "amount",
        required: false,
        zh: "合同金额",
        en: "contract value",
        aliases: ["合同金额", "合同成交额", "合同总金额", "合同额", "contract_value", "contract_amount"],
      },
      {
        key: "transaction_value",
        type: "amount",
        required: true,
        zh: "技术交易额",
        en: "technology-transaction value",
        aliases: [
          "技术交易额",
          "技术交易金额",
          "技术性收入",
          "transaction_value",
          "technology_transaction_value",
          "tech_transaction_value",
        ],
      },
      {
        key: "contract_type",
        type: "contract_type",
        required: true,
        zh: "合同类型",
        en: "contract type",
        aliases: ["合同类型", "合同类别", "技术合同类型", "contract_type", "type"],
      },
      {
        key: "field",
        type: "text",
        required: false,
        zh: "技术领域",
        en: "technology field",
        aliases: ["技术领域", "所属技术领域", "领域", "field", "technology_field", "tech_field"],
      },
      amountUnit,
      ...common(),
    ],
  },
  rd: {
    id: "rd",
    zh: "企业研发费用",
    en: "R&D expenditure by enterprise",
    table: "rec_rd",
    fields: [
      enterprise,
      creditCode(true),
      { key: "year", type: "year", required: true, zh: "年份", en: "year", aliases: ["年份", "年度", "统计年度", "报告年度", "year"] },
      {
        key: "amount",
        type: "amount",
        required: true,
        zh: "研发费用",
        en: "R&D expenditure",
        aliases: [
          "研发费用",
          "研发经费",
          "研发经费支出",
          "R&D经费",
          "R&D经费支出",
          "R&D经费内部支出",
          "研究开发费用",
          "研究与试验发展经费",
          "amount",
          "rd_expenditure",
          "r&d_expenditure",
        ],
      },
      {
        key: "size",
        type: "text",
        required: false,
        zh: "企业规模",
        en: "enterprise size",
        aliases: ["企业规模", "规模", "企业类型", "size", "enterprise_size"],
      },
      amountUnit,
      ...common(),
    ],
  },
  lists: {
    id: "lists",
    zh: "名录（带日期）",
    en: "dated lists",
    table: "rec_list_items",
    fields: [
      {
        key: "list",
        type: "list",
        required: true,
        zh: "名录类别",
        en: "list",
        aliases: ["名录类别", "名录", "名单类别", "名单", "类别", "名录类型", "list", "list_type", "category"],
      },
      {
        key: "name",
        type: "text",
        required: true,
        zh: "名称",
        en: "name",
        aliases: ["名称", "机构名称", "项目名称", "载体名称", "平台名称", "企业名称", "单位名称", "name", "item", "item_name"],
      },
      {
        key: "item_id",
        type: "text",
        required: false,
        zh: "编号",
        en: "id",
        aliases: ["编号", "备案编号", "认定编号", "登记编号", "批次编号", "item_id", "id", "number"],
      },
      creditCode(false),
      {
        key: "start_on",
        type: "date",
        required: true,
        zh: "认定日期",
        en: "date",
        aliases: [
          "认定日期",
          "备案日期",
          "成立日期",
          "入库日期",
          "转化日期",
          "放流日期",
          "日期",
          "批准日期",
          "start_on",
          "date",
          "start_date",
          "recognised_on",
        ],
      },
      {
        key: "ends_on",
        type: "date",
        required: false,
        zh: "终止日期",
        en: "end date",
        aliases: ["终止日期", "撤销日期", "注销日期", "摘牌日期", "ends_on", "end_date", "revoked_on"],
      },
      {
        key: "quantity",
        type: "quantity",
        required: false,
        zh: "数量",
        en: "quantity",
        aliases: ["数量", "放流数量", "放流量", "苗种数量", "quantity", "amount"],
      },
      { key: "level", type: "text", required: false, zh: "级别", en: "level", aliases: ["级别", "认定级别", "level"] },
      { ...amountUnit, zh: "数量单位", en: "unit", aliases: ["数量单位", "计量单位", "单位", "unit"] },
      ...common(),
    ],
  },
};

/** How a list counts toward its indicator at a year's end. */
export type ListNature =
  /** Counted while it exists (established on start_on, until ends_on if any). */
  | "stock"
  /** Counted in the calendar year it was registered only (tech-based SME registration is yearly). */
  | "yearly"
  /** An event counted (or, with a quantity, summed) in the year it happened. */
  | "event";

export interface ListSpec {
  id: string;
  zh: string;
  en: string;
  nature: ListNature;
  /** Spellings in the list column (and indicator names/aliases a plan may use for it). */
  aliases: string[];
  /** Events summed by quantity (fry released) rather than counted. */
  sumQuantity?: boolean;
}

export const LISTS: ListSpec[] = [
  {
    id: "rd_institutions",
    zh: "研发机构",
    en: "R&D institutions",
    nature: "stock",
    aliases: ["各类研发机构", "研发机构", "R&D institutions", "rd_institutions", "研发平台"],
  },
  {
    id: "maker_spaces",
    zh: "众创空间",
    en: "maker spaces",
    nature: "stock",
    aliases: ["众创空间", "专业化众创空间", "maker spaces", "maker_spaces"],
  },
  {
    id: "incubators",
    zh: "科技企业孵化器",
    en: "incubators",
    nature: "stock",
    aliases: ["科技企业孵化器", "孵化器", "incubators", "incubator"],
  },
  {
    id: "star_innovation_bases",
    zh: "星创天地",
    en: "Xingchuang Tiandi",
    nature: "stock",
    aliases: ["星创天地", "star innovation bases", "star_innovation_bases", "xingchuang tiandi"],
  },
  {
    id: "enterprise_tech_centers",
    zh: "企业技术中心",
    en: "enterprise technology centres",
    nature: "stock",
    aliases: ["企业技术中心", "技术中心", "enterprise technology centres", "enterprise technology centers", "enterprise_tech_centers"],
  },
  {
    id: "industry_alliances",
    zh: "产业技术创新联盟",
    en: "industrial technology innovation alliances",
    nature: "stock",
    aliases: ["产业技术创新联盟", "创新联盟", "innovation alliances", "industry_alliances", "industry alliances"],
  },
  {
    id: "patent_alliances",
    zh: "专利技术产业联盟",
    en: "patent alliances",
    nature: "stock",
    aliases: ["专利技术产业联盟", "专利联盟", "patent alliances", "patent_alliances"],
  },
  {
    id: "converted_achievements",
    zh: "转化科技成果",
    en: "converted achievements",
    nature: "event",
    aliases: ["转化科技成果", "科技成果转化", "成果转化", "科技成果转化项目", "converted achievements", "converted_achievements"],
  },
  {
    id: "tech_smes",
    zh: "科技型中小企业",
    en: "tech-based SME registrations",
    nature: "yearly",
    aliases: [
      "科技型中小企业",
      "科技型中小企业备案",
      "科技型中小企业入库",
      "科技型中小企业评价入库",
      "tech-based smes",
      "tech_smes",
      "tech smes",
    ],
  },
  {
    id: "fry_release",
    zh: "增殖放流",
    en: "fry release batches",
    nature: "event",
    sumQuantity: true,
    aliases: ["增殖放流", "增殖放流水产苗种", "放流批次", "增殖放流批次", "fry release", "fry_release", "fry released"],
  },
];

/** Amount units (to yuan) and quantity units (to fry, 尾). */
export const AMOUNT_UNITS: Record<string, number> = { 元: 1, 千元: 1e3, 万元: 1e4, 百万元: 1e6, 亿元: 1e8, yuan: 1 };
export const QUANTITY_UNITS: Record<string, number> = { 尾: 1, 万尾: 1e4, 亿尾: 1e8 };

/** Contract types (技术开发/转让/许可/咨询/服务) and their spellings. */
export const CONTRACT_TYPES: Record<string, string[]> = {
  技术开发: ["技术开发", "开发", "技术开发合同", "development", "technology development"],
  技术转让: ["技术转让", "转让", "技术转让合同", "transfer", "technology transfer"],
  技术许可: ["技术许可", "许可", "技术许可合同", "licensing", "licence", "license"],
  技术咨询: ["技术咨询", "咨询", "技术咨询合同", "consulting", "consultancy", "technology consulting"],
  技术服务: ["技术服务", "服务", "技术服务合同", "service", "services", "technology service"],
};

/**
 * The English words of the contract types, for English pages and CSVs. This project's renderings,
 * not an official translation: they follow the wording of common English translations of the
 * Contract Law (1999, art. 322: "technology development, technology transfer, technical consultancy
 * and technical services") and the Civil Code's technology licensing (技术许可, art. 862); no
 * English text of the Ministry of Science and Technology is cited for them.
 */
export const CONTRACT_TYPE_EN: Readonly<Record<string, string>> = {
  技术开发: "Technology development",
  技术转让: "Technology transfer",
  技术许可: "Technology licensing",
  技术咨询: "Technical consultancy",
  技术服务: "Technical services",
};

/** The English words of a canonical contract type (技术开发 → "Technology development"); null for any other text. */
export function contractTypeEn(type: string | null | undefined): string | null {
  return type && Object.hasOwn(CONTRACT_TYPE_EN, type) ? CONTRACT_TYPE_EN[type] : null;
}

/**
 * The English words of the enterprise size classes of the National Bureau of Statistics
 * (统计上大中小微型企业划分办法（2017）), as R&D files write them: 大型, 中型, 小型, 微型, with or
 * without 企业. The classes' usual English names, this project's renderings.
 */
export const ENTERPRISE_SIZE_EN: Readonly<Record<string, string>> = {
  大型: "Large",
  中型: "Medium-sized",
  小型: "Small",
  微型: "Micro",
};

/** The English words of an enterprise size (中型 or 中型企业 → "Medium-sized"); null for any other text. */
export function enterpriseSizeEn(size: string | null | undefined): string | null {
  const key = size?.trim().replace(/企业$/, "");
  return key && Object.hasOwn(ENTERPRISE_SIZE_EN, key) ? ENTERPRISE_SIZE_EN[key] : null;
}

/** A header or cell label compared loosely: no spaces or brackets, ASCII lower case, full-width folded. */
export function normaliseLabel(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/^\uFEFF/, "")
    .replace(/[\s()（）[\]【】*＊:：]/g, "")
    .toLowerCase();
}

/** A unit written in a header: "技术交易额（万元）" → {base: "技术交易额", unit: "万元"}. */
export function splitHeaderUnit(header: string): { base: string; unit: string | null } {
  const m = /^(.*?)[\s]*[(（[【]\s*([^)）\]】]+?)\s*[)）\]】]\s*$/.exec(header.normalize("NFKC").trim());
  if (m) {
    const unit = m[2].trim();
    if (unit in AMOUNT_UNITS || unit in QUANTITY_UNITS) return { base: m[1], unit };
  }
  return { base: header, unit: null };
}

export interface ColumnMatch {
  field: FieldSpec;
  /** 0-based index of the column in the file. */
  index: number;
  /** The header as written. */
  header: string;
  /** A unit stated in the header, if any. */
  unit: string | null;
}

export interface KindMatch {
  kind: RecordKind;
  columns: ColumnMatch[];
  /** Required fields the header lacks. */
  missing: FieldSpec[];
  /** Headers that matched no field (kept out of the warehouse). */
  unknown: string[];
}

/** Match a header row against one kind's columns. A header cell matches the first field naming it. */
export function matchKind(headers: string[], kind: RecordKind): KindMatch {
  const spec = KINDS[kind];
  const columns: ColumnMatch[] = [];
  const unknown: string[] = [];
  const taken = new Set<string>();
  headers.forEach((raw, index) => {
    const header = (raw ?? "").trim();
    if (!header) return;
    const { base, unit } = splitHeaderUnit(header);
    const label = normaliseLabel(base);
    const field = spec.fields.find((f) => !taken.has(f.key) && f.aliases.some((a) => normaliseLabel(a) === label));
    if (!field) {
      unknown.push(header);
      return;
    }
    taken.add(field.key);
    columns.push({ field, index, header, unit });
  });
  const missing = spec.fields.filter((f) => f.required && !taken.has(f.key));
  return { kind, columns, missing, unknown };
}

/**
 * The record kind of a header row: the kind whose required columns are all present and which
 * matches the most columns; `forced` (--kind) skips the guess but still checks the columns.
 * Returns the best match even when it is incomplete (the caller refuses the file with `missing`).
 */
export function detectKind(headers: string[], forced?: RecordKind): KindMatch {
  if (forced) return matchKind(headers, forced);
  const matches = RECORD_KINDS.map((k) => matchKind(headers, k));
  const complete = matches.filter((m) => m.missing.length === 0);
  const pool = complete.length > 0 ? complete : matches;
  // Most matched columns; on a tie, fewer missing required columns; then the order of RECORD_KINDS.
  return pool.reduce((best, m) =>
    m.columns.length > best.columns.length || (m.columns.length === best.columns.length && m.missing.length < best.missing.length)
      ? m
      : best,
  );
}

/** Whether a header row names at least two required columns of some record kind (used to find the header row). */
export function looksLikeRecordHeader(headers: string[]): boolean {
  return RECORD_KINDS.some((k) => {
    const m = matchKind(headers, k);
    return m.columns.filter((c) => c.field.required).length >= 2;
  });
}

export function listSpec(id: string): ListSpec | undefined {
  return LISTS.find((l) => l.id === id);
}

export function parseRecordKind(value: string): RecordKind | null {
  const v = value.trim().toLowerCase();
  const names: Record<string, RecordKind> = {
    certificates: "certificates",
    certificate: "certificates",
    "high-tech": "certificates",
    高新技术企业: "certificates",
    contracts: "contracts",
    contract: "contracts",
    技术合同: "contracts",
    rd: "rd",
    "r&d": "rd",
    研发费用: "rd",
    lists: "lists",
    list: "lists",
    名录: "lists",
  };
  return names[v] ?? null;
}

/**
 * `plan-monitor collect keys issue|list|revoke` and `collect audit`: the planner's side of the
 * submission page (README "Submission page"). A key is printed once and never again.
 */
import { type Command, Option } from "commander";
import { verifyChain } from "../../warehouse/audit-chain.ts";
import { type AuditRow, auditChainRows, insertKey, listAudit, listKeys, revokeKey, type KeyRow } from "../../warehouse/submission-page.ts";
import { openWarehouse, type Warehouse } from "../../warehouse/connection.ts";
import { todayCst } from "../collect/auth.ts";
import { inboxDir, unflushedAudit } from "../collect/inbox.ts";
import { newKey } from "../collect/keys.ts";
import { bilingual, EXIT, type Lang, resolvePlan, UserError } from "../context.ts";
import { textTable, toCsv } from "../output.ts";

interface Common {
  db: string;
  lang: Lang;
}

export const dateArg = (name: string) => (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UserError(`${name} 应为日期 YYYY-MM-DD（收到 ${value}）`, `${name} must be a date YYYY-MM-DD (got ${value})`, EXIT.usage);
  return value;
};
const sinceArg = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UserError(
      `--since 应为日期或时间，如 2020-06-01 或 2020-06-01T08:00（收到 ${value}）`,
      `--since must be a date or time such as 2020-06-01 or 2020-06-01T08:00 (got ${value})`,
      EXIT.usage,
    );
  return value;
};

async function withWarehouse<T>(db: string, fn: (w: Warehouse) => Promise<T>): Promise<T> {
  const w = await openWarehouse(db);
  try {
    return await fn(w);
  } finally {
    await w.close();
  }
}

export function keyState(k: KeyRow, today = todayCst()): "active" | "revoked" | "expired" {
  if (k.revoked_at) return "revoked";
  if (k.expires && today > k.expires) return "expired";
  return "active";
}

const STATE_ZH = { active: "有效", revoked: "已吊销", expired: "已过期" } as const;

export function registerCollectKeyCommands(program: Command): void {
  const common = () => program.opts<Common>();
  const collect =
    program.commands.find((c) => c.name() === "collect") ??
    program.command("collect").description("data collection from the responsible units / 数据填报与报送");
  const keys = collect.command("keys").description("submission keys for the intranet page / 报送密钥");

  keys
    .command("issue <unit>")
    .description("issue a key for a responsible unit (printed once) / 为责任单位签发密钥")
    .addOption(new Option("--expires <date>", "last day the key works (YYYY-MM-DD, China time)").argParser(dateArg("--expires")))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (unitArg: string, opts: { expires?: string; format: string }) => {
      const { db, lang } = common();
      if (opts.expires && opts.expires < todayCst())
        throw new UserError(
          `--expires ${opts.expires} 已经过去。请给一个今天或以后的日期。`,
          `--expires ${opts.expires} is in the past. Give today or a later date.`,
          EXIT.usage,
        );
      await withWarehouse(db, async (w) => {
        const plan = await resolvePlan(w, undefined, lang);
        const unit = plan.units.find((u) => u.id === unitArg || u.zh === unitArg || u.aliases.includes(unitArg));
        if (!unit) {
          const list = plan.units.map((u) => `${u.id} ${u.zh}`).join("; ");
          throw new UserError(
            `计划中没有责任单位"${unitArg}"。可选：${list}`,
            `the plan has no responsible unit "${unitArg}". Choose one of: ${list}`,
            EXIT.usage,
          );
        }
        const k = await newKey();
        await insertKey(w, { id: k.id, plan_id: plan.id, unit_id: unit.id, hash: k.hash, expires: opts.expires ?? null });
        if (opts.format === "json") {
          process.stdout.write(`${JSON.stringify({ id: k.id, unit: unit.id, key: k.key, expires: opts.expires ?? null })}\n`);
          return;
        }
        process.stdout.write(
          `${bilingual(
            lang,
            `✓ 已为 ${unit.zh} 签发密钥 ${k.id}${opts.expires ? `（有效期至 ${opts.expires}）` : ""}。密钥只显示这一次，请当面或经安全渠道交给该单位：`,
            `✓ key ${k.id} issued for ${unit.en}${opts.expires ? ` (valid through ${opts.expires})` : ""}. It is shown only this once: hand it to the unit in person or over a safe channel:`,
          )}\n\n${k.key}\n`,
        );
      });
    });

  keys
    .command("list")
    .description("list keys (never the keys themselves) / 列出密钥")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .action(async (opts: { format: string }) => {
      const { db, lang } = common();
      const rows = await withWarehouse(db, (w) => listKeys(w));
      const out = rows.map(({ hash: _hash, ...k }) => ({ ...k, state: keyState(k as KeyRow) }));
      if (opts.format === "json") return void process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      const header = ["id", "unit", "created_at", "expires", "revoked_at", "state"];
      const values = out.map((k) => [k.id, k.unit_id, k.created_at, k.expires ?? "", k.revoked_at ?? "", k.state]);
      if (opts.format === "csv") return void process.stdout.write(toCsv(header, values));
      if (out.length === 0) return void process.stdout.write(`${bilingual(lang, "还没有签发任何密钥。", "no keys issued yet.")}\n`);
      process.stdout.write(
        `${textTable(out, [
          { header: "id", value: (k) => k.id },
          { header: lang === "zh" ? "单位" : "unit", value: (k) => k.unit_id },
          { header: lang === "zh" ? "签发" : "created", value: (k) => k.created_at },
          { header: lang === "zh" ? "有效期至" : "expires", value: (k) => k.expires ?? "—" },
          { header: lang === "zh" ? "状态" : "state", value: (k) => (lang === "zh" ? STATE_ZH[k.state] : k.state) },
        ])}\n`,
      );
    });

  keys
    .command("revoke <id>")
    .description("revoke a key at once / 吊销密钥")
    .action(async (id: string) => {
      const { db, lang } = common();
      const row = await withWarehouse(db, (w) => revokeKey(w, id));
      if (!row)
        throw new UserError(
          `没有编号为 ${id} 的密钥（见 collect keys list）。`,
          `no key with id ${id} (see \`collect keys list\`).`,
          EXIT.usage,
        );
      process.stdout.write(`${bilingual(lang, `✓ 密钥 ${id}（${row.unit_id}）已吊销。`, `✓ key ${id} (${row.unit_id}) revoked.`)}\n`);
    });

  collect
    .command("audit")
    .description("the audit log of the submission page / 报送审计日志")
    .addOption(new Option("--since <time>", "only from this date or time (UTC)").argParser(sinceArg))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .option("--verify", "check the hash chain of the stored rows; exit 1 at the first edited, removed or reordered row")
    .action(async (opts: { since?: string; format: string; verify?: boolean }) => {
      const { db, lang } = common();
      if (opts.verify) return verifyAudit(db, lang);
      const stored = await withWarehouse(db, (w) => listAudit(w, opts.since));
      const since = opts.since
        ? Date.parse(opts.since.includes("T") || opts.since.includes(" ") ? opts.since : `${opts.since}T00:00:00Z`)
        : null;
      const seen = new Set(stored.map((r) => r.id));
      const journal = unflushedAudit(inboxDir(db)).filter((r) => !seen.has(r.id) && (since === null || Date.parse(r.at) >= since));
      const rows: AuditRow[] = [...stored, ...journal].sort((a, b) => a.at.localeCompare(b.at));
      if (opts.format === "json") return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      const header = ["at", "unit_id", "key_id", "client", "method", "route", "file_sha256", "status", "result"];
      if (opts.format === "csv")
        return void process.stdout.write(
          toCsv(
            header,
            rows.map((r) => header.map((h) => r[h as keyof AuditRow])),
          ),
        );
      if (rows.length === 0) return void process.stdout.write(`${bilingual(lang, "审计日志为空。", "the audit log is empty.")}\n`);
      process.stdout.write(
        `${textTable(rows, [
          { header: lang === "zh" ? "时间" : "time", value: (r) => r.at },
          { header: lang === "zh" ? "单位" : "unit", value: (r) => r.unit_id ?? "—" },
          { header: lang === "zh" ? "地址" : "client", value: (r) => r.client },
          { header: lang === "zh" ? "路径" : "route", value: (r) => `${r.method} ${r.route}` },
          { header: "sha256", value: (r) => (r.file_sha256 ? r.file_sha256.slice(0, 12) : "—") },
          { header: lang === "zh" ? "状态码" : "status", value: (r) => String(r.status), align: "right" },
          { header: lang === "zh" ? "结果" : "result", value: (r) => r.result },
        ])}\n`,
      );
    });
}

/** `collect audit --verify`: recompute the chain (warehouse/audit-chain.ts); exit 1 at the first break. */
async function verifyAudit(db: string, lang: Lang): Promise<void> {
  const check = verifyChain(await withWarehouse(db, auditChainRows));
  const older =
    check.unchained > 0
      ? bilingual(
          lang,
          `另有 ${check.unchained} 条记录早于哈希链（架构版本6之前），未能核对。`,
          `${check.unchained} earlier row(s) predate the chain (schema version < 6) and cannot be checked.`,
        )
      : "";
  if (check.broken) {
    const b = check.broken;
    const zh =
      b.why === "gap"
        ? `✗ 审计日志缺少第 ${b.seq} 条（下一条为 ${b.id}）：记录被删除或调换。`
        : `✗ 审计日志第 ${b.seq} 条（${b.id}）与哈希链不符：该条或其前的记录被修改、删除或调换。`;
    const en =
      b.why === "gap"
        ? `✗ audit row ${b.seq} is missing (the next is ${b.id}): rows were removed or reordered.`
        : `✗ audit row ${b.seq} (${b.id}) does not follow the hash chain: it, or a row before it, was edited, removed or reordered.`;
    process.stdout.write(`${bilingual(lang, zh, en)}\n${older ? `${older}\n` : ""}`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `${bilingual(
      lang,
      `✓ 审计日志完整：${check.chained} 条记录的哈希链一致。链尾 ${check.head ?? "—"}：请另行记下；日后核对时若链尾之前的记录变了或链尾缺失，说明日志被改动。`,
      `✓ audit log intact: the hash chain of ${check.chained} row(s) holds. Head ${check.head ?? "—"}: note it elsewhere; if a later check no longer reaches it, rows were changed or removed from the end.`,
    )}\n${older ? `${older}\n` : ""}`,
  );
}

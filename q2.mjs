import { DuckDBInstance } from "@duckdb/node-api";
const i = await DuckDBInstance.create(process.argv[2], {access_mode:"READ_ONLY"}); const c = await i.connect();
for (const q of process.argv.slice(3)) { try { for (const r of (await c.runAndReadAll(q)).getRowObjectsJson()) console.log(JSON.stringify(r)); } catch (e) { console.log("ERR", e.message); } }

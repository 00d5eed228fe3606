/** Record kinds moved to domain/records.ts (shared by loaders/ and warehouse/); this name stays for imports. */
export * from "../../domain/records.ts";

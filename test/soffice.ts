/**
 * Tests that need LibreOffice: skipped with a note when `soffice` is absent locally, failed when
 * CI=true (CI must install it), like the browser tests with Chromium.
 */
import { describe, it } from "vitest";
import { SOFFICE_INSTALL, sofficePath } from "../loaders/office.ts";

export const SOFFICE = sofficePath();
export const HAS_SOFFICE = SOFFICE !== null;

/** Call at the top of a test file that uses soffice: registers a failing test in CI when it is missing. */
export function requireSoffice(what: string): void {
  if (HAS_SOFFICE) return;
  if (process.env.CI === "true") {
    describe(what, () => {
      it("needs LibreOffice (soffice)", () => {
        throw new Error(`soffice is missing; CI must install it: apt-get update && ${SOFFICE_INSTALL}`);
      });
    });
  } else console.warn(`\n[${what} skipped] soffice not found. Install it with: ${SOFFICE_INSTALL}\n`);
}

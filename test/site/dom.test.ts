// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { h } from "../../src/components/dom.ts";
import { statusBadge } from "../../src/components/status.ts";
import { sortableTable } from "../../src/components/table.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";

describe("text from data files is rendered as text", () => {
  it("h() never parses strings as markup", () => {
    const el = h("p", { title: HOSTILE }, "备注：", HOSTILE);
    expect(el.textContent).toBe(`备注：${HOSTILE}`);
    expect(el.querySelector("img")).toBeNull();
    expect(el.getAttribute("title")).toBe(HOSTILE);
  });
  it("refuses javascript: links", () => {
    expect(h("a", { href: "javascript:alert(1)" }).hasAttribute("href")).toBe(false);
    expect(h("a", { href: "gaps.html?lang=en" }).getAttribute("href")).toBe("gaps.html?lang=en");
  });
  it("tables show hostile cells literally and sort on click", () => {
    const table = sortableTable(
      [
        { n: 2, note: HOSTILE },
        { n: 1, note: "<script>alert(2)</script>" },
      ],
      {
        columns: [
          { key: "n", label: "n", value: (d) => d.n },
          { key: "note", label: "note", value: (d) => d.note },
        ],
      },
    );
    expect(table.querySelector("img, script")).toBeNull();
    expect(table.textContent).toContain(HOSTILE);
    (table.querySelector("th button") as HTMLButtonElement).click();
    expect([...table.querySelectorAll("tbody tr td:first-child")].map((td) => td.textContent)).toEqual(["1", "2"]);
    expect(table.querySelector("th")?.getAttribute("aria-sort")).toBe("ascending");
  });
  it("status badges carry a word, not just a colour", () => {
    const badge = statusBadge("needs_acceleration", "zh");
    expect(badge.textContent).toContain("需加快");
    expect(badge.dataset.status).toBe("needs_acceleration");
  });
});

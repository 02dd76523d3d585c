import { expect, test } from "vitest";
import { protect } from "../src/Disclosure.js";
import { checkTable } from "../src/DisclosureCheck.js";
import type { CountTable } from "../src/StatTable.js";

/** A 15 x 8 table with totals and many small cells, like a police region x nationality breakdown. */
const table = (): CountTable => {
  let state = 17;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const cells = Array.from({ length: 15 }, () =>
    Array.from({ length: 8 }, () => (next() < 0.45 ? 1 + Math.floor(next() * 4) : Math.floor(next() * 40))),
  );
  const category = (code: string) => ({ code, label: { nl: code, en: code } });
  return {
    id: "bench",
    title: { nl: "bench", en: "bench" },
    unit: "persons",
    rows: { id: "r", title: { nl: "r", en: "r" }, categories: cells.map((_, r) => category(`r${r}`)) as never },
    columns: { id: "c", title: { nl: "c", en: "c" }, categories: cells[0]?.map((_, c) => category(`c${c}`)) as never },
    cells,
    rowTotals: cells.map((row) => row.reduce((sum, value) => sum + value, 0)),
    columnTotals: (cells[0] ?? []).map((_, c) => cells.reduce((sum, row) => sum + (row[c] ?? 0), 0)),
    grandTotal: cells.flat().reduce((sum, value) => sum + value, 0),
    rowsAdd: true,
    columnsAdd: true,
  };
};

/** Goal: protecting and checking the largest table of a report takes well under 2 seconds each. */
test("protect and check a 15 x 8 table, each at least once in 2 seconds", async ({ bench }) => {
  const input = table();
  const policy = { threshold: 5 };
  const protecting = await bench("protect", () => {
    protect(input, policy);
  }).run();
  const { published } = protect(input, policy);
  const checking = await bench("check", () => {
    checkTable(input, published, policy);
  }).run();
  expect(protecting.throughput.mean).toBeGreaterThan(0.5);
  expect(checking.throughput.mean).toBeGreaterThan(0.5);
});

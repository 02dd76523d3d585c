import { expect, test } from "vitest";
import { generateDemoData } from "../src/DemoData.js";

/** Goal: five years of 1,000 persons a year generate in well under a second (npm start seeds this on first run). */
test("generateDemoData: 5 years x 1,000 persons, at least 2 a second", async ({ bench }) => {
  const result = await bench("generateDemoData", () => {
    generateDemoData({ seed: 7, years: 5, lastYear: 2025 });
  }).run();
  expect(result.throughput.mean).toBeGreaterThan(2);
});

import { generateDemoData } from "./src/DemoData.js";
const data = generateDemoData({ seed: 42, years: 5, lastYear: 2025 });
const c: Record<string, number> = {};
for (const r of data.placementRequests) { const k = `${r.needs.targetGroup}:${r.events.includes("Waitlist") ? "W" : "-"}:${r.state}`; c[k] = (c[k] ?? 0) + 1; }
console.log(data.placementRequests.length, c);

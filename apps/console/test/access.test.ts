import { describe, expect, it } from "vitest";
import { canOpen, dashboardCards, navItems, visibleNavItems } from "../src/access.js";
import type { Role } from "../src/api.js";

const ids = (role: Role) => visibleNavItems(role).map((item) => item.id);

describe("the navigation", () => {
  it("shows coordinators the dashboard, their tasks, registrations, duplicates, shelters and reports", () => {
    expect(ids("coordinator")).toEqual(["dashboard", "tasks", "registrations", "duplicates", "shelters", "reports"]);
  });

  it("shows policy staff the dashboard and reports only: nothing with personal data", () => {
    expect(ids("policy")).toEqual(["dashboard", "reports"]);
  });

  it("shows administrators organisations, users and reports", () => {
    expect(ids("admin")).toEqual(["dashboard", "reports", "organisations", "users"]);
  });

  it("shows auditors the audit log", () => {
    expect(ids("auditor")).toEqual(["dashboard", "audit"]);
  });

  it("gives every page a unique path", () => {
    expect(new Set(navItems.map((item) => item.path)).size).toBe(navItems.length);
  });

  it("refuses a page to a role that does not see it in the menu", () => {
    expect(canOpen("policy", "registrations")).toBe(false);
    expect(canOpen("policy", "reports")).toBe(true);
    expect(canOpen("auditor", "reports")).toBe(false);
    expect(canOpen("admin", "audit")).toBe(false);
  });
});

describe("the dashboard", () => {
  it("shows coordinators every card with data", () => {
    expect(dashboardCards("coordinator")).toEqual(["overview", "availability", "placementRequests", "signals"]);
  });

  it("shows policy staff aggregates and signals, not the placement requests", () => {
    expect(dashboardCards("policy")).toEqual(["overview", "availability", "signals"]);
  });

  it("shows administrators no signals, which the API serves to coordinators and policy staff only", () => {
    expect(dashboardCards("admin")).toEqual(["overview", "availability"]);
  });

  it("shows auditors the way to the audit log", () => {
    expect(dashboardCards("auditor")).toEqual(["audit"]);
  });
});

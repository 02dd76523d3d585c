import { Cause, Exit } from "effect";
import { describe, expect, it } from "vitest";
import { throwDefect } from "../src/routes/runEffect.js";

describe("throwDefect", () => {
  it("throws the defect of a failed exit, so a lost database is not answered as a bad cursor or an unknown id", () => {
    const lost = Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
    expect(() => throwDefect(Exit.die(lost))).toThrow(lost);
    expect(() => throwDefect(Exit.failCause(Cause.combine(Cause.fail("InvalidCursor"), Cause.die(lost))))).toThrow(
      lost,
    );
  });

  it("leaves typed failures and successes to the route", () => {
    expect(() => throwDefect(Exit.fail({ _tag: "InvalidCursor" }))).not.toThrow();
    expect(() => throwDefect(Exit.succeed(1))).not.toThrow();
  });
});

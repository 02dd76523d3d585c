import { describe, expect, it, vi } from "vitest";
import { createIdempotencyKeeper } from "../src/idempotency.js";

describe("createIdempotencyKeeper", () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it("reuses the key while the same body is sent again, so a lost answer is replayed, not repeated", () => {
    const keeper = createIdempotencyKeeper(counter());
    expect(keeper.keyFor({ name: "A", kind: "ngo" })).toBe("key-1");
    expect(keeper.keyFor({ name: "A", kind: "ngo" })).toBe("key-1");
  });

  it("takes a new key for another body, and after a success", () => {
    const keeper = createIdempotencyKeeper(counter());
    expect(keeper.keyFor({ name: "A" })).toBe("key-1");
    expect(keeper.keyFor({ name: "B" })).toBe("key-2");
    keeper.done();
    expect(keeper.keyFor({ name: "B" })).toBe("key-3");
  });

  it("makes UUIDs by default", () => {
    expect(createIdempotencyKeeper().keyFor({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("createIdempotencyKeeper, as the registration forms use it", () => {
  it("keeps the key while the body is the same, and makes a new one for another body", () => {
    const makeKey = vi.fn().mockReturnValueOnce("k1").mockReturnValueOnce("k2");
    const keeper = createIdempotencyKeeper(makeKey);
    expect(keeper.keyFor({ a: 1 })).toBe("k1");
    expect(keeper.keyFor({ a: 1 })).toBe("k1");
    expect(keeper.keyFor({ a: 2 })).toBe("k2");
    expect(makeKey).toHaveBeenCalledTimes(2);
  });
});

import { describe, expect, it } from "vitest";
import { createSemaphore } from "@/lib/server/services/semaphore";

describe("semaphore", () => {
  it("runs at most `size` tasks at once, in arrival order, and frees a slot when a task fails", async () => {
    const slots = createSemaphore(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((i) =>
      slots.run(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(i);
            finish[i] = () => (i === 0 ? reject(new Error("boom")) : resolve(i));
          }),
      ),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([slots.active, slots.waiting]).toEqual([2, 2]);
    finish[0]!();
    await expect(tasks[0]).rejects.toThrow("boom");
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    finish[1]!();
    finish[2]!();
    await new Promise((r) => setImmediate(r));
    finish[3]!();
    expect(await Promise.all(tasks.slice(1))).toEqual([1, 2, 3]);
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });
});

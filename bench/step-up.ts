import type { FanoutOptions, FanoutStep } from "./fanout.ts";
import { runFanoutStep } from "./fanout.ts";
import { NOISY_CPU, waitForQuiet } from "./stats.ts";

/** Steps the rate up until p99 exceeds the limit, anything is lost, or the generator saturates. */
export async function stepUp(rates: number[], base: Omit<FanoutOptions, "rate" | "tag">, tagPrefix: string, log: (line: string) => void) {
  const steps: FanoutStep[] = [];
  // Uncounted: the first seconds pay for JIT and lazy setup on both sides.
  await runFanoutStep({ ...base, rate: rates[0]!, seconds: Math.min(2, base.seconds), tag: `${tagPrefix}w` });
  for (const [i, rate] of rates.entries()) {
    if (base.quietSeconds > 0) await waitForQuiet(base.serverPid, base.quietSeconds, NOISY_CPU, log);
    let step = await runFanoutStep({ ...base, rate, tag: `${tagPrefix}${i}` });
    // A shared machine: a failure while something else was busy gets two more tries.
    for (let retry = 1; retry <= 2 && base.quietSeconds > 0 && step.otherCpu > NOISY_CPU && !(step.held && step.valid); retry++) {
      log(`  ${rate} msg/s: other programs used ${Math.round(step.otherCpu * 100)}% CPU meanwhile; retrying`);
      await waitForQuiet(base.serverPid, base.quietSeconds, NOISY_CPU, log);
      step = await runFanoutStep({ ...base, rate, tag: `${tagPrefix}${i}r${retry}` });
    }
    steps.push(step);
    log(
      `  ${rate} msg/s × ${step.clients}: ${step.deliveriesPerSecond} deliveries/s, p50 ${step.latency.p50} p99 ${step.latency.p99} max ${step.latency.max} ms, ` +
        `lost ${step.lost}, dup ${step.duplicates}, CPU gen ${Math.round(step.generatorCpu * 100)}% server ${Math.round(step.serverCpu * 100)}% other ${Math.round(step.otherCpu * 100)}%` +
        (step.held ? "" : " — did not hold") +
        (step.valid ? "" : " — generator saturated (invalid)"),
    );
    if (!step.held || !step.valid) break;
  }
  const held = steps.filter((s) => s.held && s.valid);
  return { steps, maxHeldRate: held.at(-1)?.rate ?? 0, maxHeldDeliveriesPerSecond: Math.max(0, ...held.map((s) => s.deliveriesPerSecond)) };
}

export type FanoutResult = Awaited<ReturnType<typeof stepUp>>;

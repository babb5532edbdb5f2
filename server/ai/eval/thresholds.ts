import { rateValue } from "./metrics";
import type { GroupMetrics, SplitMetrics } from "./report";
import type { Split } from "./questions";

/**
 * The floor each split's "all" figures may not drop below (false refusal: the ceiling), set at
 * what the offline local assistant reached when the evaluation was written (floors rounded down
 * to 0.05, the false-refusal ceiling up). Raise them as the answerer improves; never lower one to make a change pass.
 */
export const THRESHOLDS: Record<Split, Thresholds> = {
  // Reached on 2026-12-02 (ADR 017), floors rounded down to 0.05: tuned hit@1 0.853, hit@5 0.984,
  // fact 0.854, live 1.00, refusal 0.968, citations 1.00, no false refusals.
  tuned: {
    hitAt1: 0.85,
    hitAt5: 0.95,
    factInAnswer: 0.85,
    liveProduct: 0.95,
    correctRefusal: 0.95,
    citationPrecision: 0.95,
    falseRefusalAtMost: 0.05,
  },
  // Held-out: hit@1 0.709, hit@5 0.977, fact 0.745, live 0.917, refusal 0.762, citations 1.00,
  // false refusals 0.039.
  "held-out": {
    hitAt1: 0.7,
    hitAt5: 0.95,
    factInAnswer: 0.7,
    liveProduct: 0.9,
    correctRefusal: 0.75,
    citationPrecision: 0.95,
    falseRefusalAtMost: 0.05,
  },
};

export interface Thresholds {
  hitAt1: number;
  hitAt5: number;
  factInAnswer: number;
  liveProduct: number;
  correctRefusal: number;
  citationPrecision: number;
  falseRefusalAtMost: number;
}

const FLOORS = ["hitAt1", "hitAt5", "factInAnswer", "liveProduct", "correctRefusal", "citationPrecision"] as const;

/** Every figure of the split's "all" row that misses its threshold, as readable lines. */
export function thresholdViolations(split: Split, metrics: SplitMetrics): string[] {
  const all: GroupMetrics = metrics.all!;
  const limits = THRESHOLDS[split];
  const violations = FLOORS.flatMap((name) => {
    const value = rateValue(all[name]);
    return value !== null && value < limits[name] ? [`${split} ${name} ${value.toFixed(3)} < ${limits[name]}`] : [];
  });
  const falseRefusal = rateValue(all.falseRefusal);
  if (falseRefusal !== null && falseRefusal > limits.falseRefusalAtMost)
    violations.push(`${split} falseRefusal ${falseRefusal.toFixed(3)} > ${limits.falseRefusalAtMost}`);
  return violations;
}

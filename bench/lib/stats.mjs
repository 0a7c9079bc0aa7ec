// Timing helpers shared by the benchmarks: the median, and a runner that alternates the
// servers' sessions so a machine busy with something else slows ours and the peer alike.

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Per key of `keys`, the median of that key over the samples. */
export function medians(samples, keys) {
  return Object.fromEntries(keys.map((k) => [k, median(samples.map((x) => x[k]))]));
}

/**
 * Run `warmup` sessions per target (not counted: caches, indexes and V8's JIT reach their
 * steady state), then `reps` rounds of one session per target in turn. Returns, per target,
 * its samples or the error that made it stop. Targets after the first are peers: one that
 * fails is dropped with the reason logged as `${group}: name failed: why`; the first target
 * (ours) failing is a real failure and throws.
 */
export async function alternate({ targets, warmup, reps, session, group, log }) {
  const runs = targets.map(() => []);
  const failed = targets.map(() => null);
  const once = async (i) => {
    if (failed[i]) return;
    try {
      runs[i].push(await session(targets[i]));
    } catch (err) {
      if (i === 0) throw err;
      failed[i] = err instanceof Error ? err.message : String(err);
      log(`${group}: ${targets[i].name} failed: ${failed[i]}`);
    }
  };
  for (let w = 0; w < warmup; w++) for (let i = 0; i < targets.length; i++) await once(i);
  for (const r of runs) r.length = 0;
  for (let rep = 0; rep < reps; rep++) for (let i = 0; i < targets.length; i++) await once(i);
  return runs.map((samples, i) => (failed[i] ? { error: failed[i] } : { samples }));
}

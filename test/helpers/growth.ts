/**
 * How the time some work takes grows with its input, as a ratio measured in one run: the check
 * for linear time that does not depend on how fast or how busy the machine is.
 *
 * `inputs(size)` builds the inputs at a size; `run` does the work on one of them. The work is timed
 * at `size / factor` and at `size`, alternately, `repeats` times each after one warm-up run, and
 * the fastest total at each size is kept: load on the machine slows both sizes alike, and the
 * fastest run is the one it slowed least. Linear work grows about `factor` times (less, when a
 * fixed cost per input weighs on the small size); quadratic work about factor² times.
 */
export function growth(inputs: (size: number) => readonly string[], run: (input: string) => void, size: number, factor = 8, repeats = 3): number {
  const small = inputs(Math.round(size / factor));
  const big = inputs(size);
  const time = (strings: readonly string[]) => {
    const started = performance.now();
    for (const s of strings) run(s);
    return performance.now() - started;
  };
  time(small);
  let fastSmall = Infinity;
  let fastBig = Infinity;
  for (let i = 0; i < repeats; i += 1) {
    fastSmall = Math.min(fastSmall, time(small));
    fastBig = Math.min(fastBig, time(big));
  }
  return fastBig / Math.max(fastSmall, 0.05);
}

/** The most a linear growth may be, over `factor`: three times `factor` leaves room for noise and stays a third of quadratic growth at the default 8. */
export const LINEAR_LIMIT = 3;

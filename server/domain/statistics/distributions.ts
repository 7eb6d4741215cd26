/**
 * The distribution functions the analysis needs (normal CDF, Student t and F CDFs and
 * quantiles), written out so the core needs no statistics package. Everything rests on the
 * regularized incomplete beta function and log-gamma, as in Numerical Recipes, with R's
 * `lbeta` arrangement so that large degrees of freedom keep full precision.
 */

const EPSILON = 1e-16;
/** Guards the continued fractions against a zero denominator (modified Lentz). */
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;
const SQRT_PI = Math.sqrt(Math.PI);
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

function lnGamma(x: number): number {
  // The Lanczos sum loses accuracy below 0.5; Γ(x) = Γ(x + 1) / x moves the argument up.
  if (x < 0.5) return lnGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i += 1) sum += LANCZOS_COEFFICIENTS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** B(2k) / (2k(2k-1)): the coefficients of x^-(2k-1) in the Stirling series. */
const STIRLING_SERIES = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/**
 * lnΓ(x) minus its Stirling approximation. Only called for x ≥ 10, where eight terms of the
 * asymptotic series are accurate to double precision.
 */
function stirlingCorrection(x: number): number {
  const inverseSquare = 1 / (x * x);
  let sum = 0;
  for (let i = STIRLING_SERIES.length - 1; i >= 0; i -= 1) sum = sum * inverseSquare + STIRLING_SERIES[i]!;
  return sum / x;
}

/**
 * ln B(a, b). Subtracting log-gammas of large arguments cancels most significant digits, so
 * large arguments go through the Stirling corrections instead (R's `lbeta`).
 */
function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const ratio = p / (p + q);
  if (p >= 10) {
    const correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + correction + (p - 0.5) * Math.log(ratio) + q * Math.log1p(-ratio);
  }
  if (q >= 10) {
    const correction = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lnGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-ratio);
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
}

/** Continued fraction for the incomplete beta function, modified Lentz (Numerical Recipes betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const sum = a + b;
  let c = 1;
  let d = 1 - (sum * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= MAX_ITERATIONS; m += 1) {
    const twoM = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + twoM) * (a + twoM));
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    const odd = (-(a + m) * (sum + m) * x) / ((a + twoM) * (a + 1 + twoM));
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < EPSILON) return fraction;
  }
  throw new Error(`incomplete beta continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b). Callers pass y = 1 - x computed on its own, because
 * forming 1 - x from x throws away the digits that matter when x is close to 1.
 */
function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // With a large exponent, ln x must come from whichever of x and y is far from 1.
  const lnX = y < 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = x < 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  // The continued fraction converges fast only on this side of the mean; use symmetry beyond it.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

/**
 * erfc(x) for x ≥ 0 as the regularized upper incomplete gamma Q(1/2, x²): a series of positive
 * terms for small x, and beyond it a continued fraction that yields the tail itself rather
 * than 1 minus something, so far tails keep their relative accuracy.
 */
function erfcNonNegative(x: number): number {
  const s = x * x;
  // erfc(x) < e^(-x²), which is below the smallest double from here on.
  if (s > 750) return 0;
  const front = (Math.exp(-s) * x) / SQRT_PI;
  if (s < 1.5) {
    let term = 2;
    let sum = term;
    for (let n = 1; n <= MAX_ITERATIONS && Math.abs(term) >= Math.abs(sum) * EPSILON; n += 1) {
      term *= s / (0.5 + n);
      sum += term;
    }
    return 1 - front * sum;
  }
  let b = s + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i <= MAX_ITERATIONS; i += 1) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < EPSILON) return front * fraction;
  }
  throw new Error(`erfc continued fraction did not converge (x=${x})`);
}

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf needs a number');
  const tail = 0.5 * erfcNonNegative(Math.abs(z) / Math.SQRT2);
  return z < 0 ? tail : 1 - tail;
}

function requireDegreesOfFreedom(df: number, name: string): void {
  if (!(df > 0 && Number.isFinite(df))) throw new RangeError(`${name} must be a positive finite number, got ${df}`);
}

function requireProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must lie in [0, 1], got ${p}`);
}

/** P(T > |t|) for Student's t with df degrees of freedom. */
function studentTUpperTail(t: number, df: number): number {
  const square = t * t;
  return 0.5 * incompleteBeta(df / (df + square), square / (df + square), df / 2, 0.5);
}

function studentTDensity(t: number, df: number): number {
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - lnBeta(0.5, df / 2)) / Math.sqrt(df);
}

/** P(T ≤ t) for Student's t; df need not be an integer (Welch). */
export function studentTCdf(t: number, df: number): number {
  requireDegreesOfFreedom(df, 'df');
  if (Number.isNaN(t)) throw new RangeError('studentTCdf needs a number');
  const tail = studentTUpperTail(t, df);
  return t < 0 ? tail : 1 - tail;
}

/** The t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  requireDegreesOfFreedom(df, 'df');
  requireProbability(p);
  if (p === 0.5) return 0;
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  // Solving for the smaller tail keeps precision for p near 1, where 1 - p is exact but tiny.
  const tail = Math.min(p, 1 - p);
  const magnitude = solveIncreasing(
    (t) => tail - studentTUpperTail(t, df),
    (t) => studentTDensity(t, df),
  );
  return p < 0.5 ? -magnitude : magnitude;
}

function fBetaArguments(f: number, df1: number, df2: number): { x: number; y: number } {
  const scaled = df1 * f;
  return { x: scaled / (scaled + df2), y: df2 / (scaled + df2) };
}

function fLowerTail(f: number, df1: number, df2: number): number {
  const { x, y } = fBetaArguments(f, df1, df2);
  return incompleteBeta(x, y, df1 / 2, df2 / 2);
}

function fUpperTail(f: number, df1: number, df2: number): number {
  const { x, y } = fBetaArguments(f, df1, df2);
  return incompleteBeta(y, x, df2 / 2, df1 / 2);
}

function fDensity(f: number, df1: number, df2: number): number {
  const a = df1 / 2;
  const b = df2 / 2;
  const logDensity =
    a * Math.log(df1 / df2) + (a - 1) * Math.log(f) - (a + b) * Math.log1p((df1 * f) / df2) - lnBeta(a, b);
  return Math.exp(logDensity);
}

/** P(F ≤ f) for the F distribution with (df1, df2) degrees of freedom. */
export function fCdf(f: number, df1: number, df2: number): number {
  requireDegreesOfFreedom(df1, 'df1');
  requireDegreesOfFreedom(df2, 'df2');
  if (Number.isNaN(f)) throw new RangeError('fCdf needs a number');
  if (f <= 0) return 0;
  return fLowerTail(f, df1, df2);
}

/** The f with P(F ≤ f) = p. */
export function fQuantile(p: number, df1: number, df2: number): number {
  requireDegreesOfFreedom(df1, 'df1');
  requireDegreesOfFreedom(df2, 'df2');
  requireProbability(p);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const density = (f: number): number => fDensity(f, df1, df2);
  if (p <= 0.5) return solveIncreasing((f) => fLowerTail(f, df1, df2) - p, density);
  const upper = 1 - p;
  return solveIncreasing((f) => upper - fUpperTail(f, df1, df2), density);
}

const RELATIVE_TOLERANCE = 1e-15;

/**
 * Root of an increasing function on (0, ∞) with value ≤ 0 at 0: double an upper bound until
 * the root is bracketed, then Newton steps, falling back to bisection whenever a step would
 * leave the bracket (Numerical Recipes rtsafe). Returns Infinity when the root lies beyond
 * the largest double.
 */
function solveIncreasing(fn: (x: number) => number, derivative: (x: number) => number): number {
  let low = 0;
  let high = 1;
  while (fn(high) < 0) {
    low = high;
    high *= 2;
    if (!Number.isFinite(high)) return Infinity;
  }
  let x = 0.5 * (low + high);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const value = fn(x);
    if (value === 0) return x;
    if (value < 0) low = x;
    else high = x;
    let next = x - value / derivative(x);
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (Math.abs(next - x) <= RELATIVE_TOLERANCE * next || high - low <= RELATIVE_TOLERANCE * high) return next;
    x = next;
  }
  return x;
}

/**
 * Colour-vision deficiency simulation and colour difference, for testing palettes. Pure.
 * Dichromacy matrices: Machado, Oliveira and Fernandes (2009), severity 1.0, applied in linear sRGB.
 * Difference: CIE76 ΔE in CIELAB (D65); about 2.3 is just noticeable, above 10 is clearly different.
 */
export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';
type Matrix = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

export const VISION_MATRICES: Record<Vision, Matrix> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** "#1d4ed8" -> linear RGB in [0, 1]. */
export function hexToLinear(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`expected a colour like "#1d4ed8", got "${hex}"`);
  return [m[1]!, m[2]!, m[3]!].map((h) => toLinear(parseInt(h, 16) / 255)) as [number, number, number];
}

/** Linear RGB -> CIELAB (D65). */
export function linearToLab([r, g, b]: readonly [number, number, number]): [number, number, number] {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The colour as a person with this vision sees it, in CIELAB. */
export function simulate(hex: string, vision: Vision): [number, number, number] {
  const c = hexToLinear(hex);
  const m = VISION_MATRICES[vision];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return linearToLab([0, 1, 2].map((i) => clamp(m[i]![0] * c[0] + m[i]![1] * c[1] + m[i]![2] * c[2])) as [number, number, number]);
}

/** CIE76 colour difference between two colours as seen with `vision`. */
export function deltaE(a: string, b: string, vision: Vision = 'normal'): number {
  const p = simulate(a, vision);
  const q = simulate(b, vision);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The least distinguishable pair of a palette under `vision`. */
export function closestPair(palette: Readonly<Record<string, string>>, vision: Vision): { a: string; b: string; deltaE: number } {
  const keys = Object.keys(palette);
  let best = { a: '', b: '', deltaE: Infinity };
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const d = deltaE(palette[keys[i]!]!, palette[keys[j]!]!, vision);
      if (d < best.deltaE) best = { a: keys[i]!, b: keys[j]!, deltaE: d };
    }
  }
  return best;
}

/**
 * A second channel beside colour, for print in greyscale and for colour-blind readers: every palette slot
 * (theme.ts) has its own marker shape and its own dash pattern, so a name keeps one colour, one shape and one
 * dash everywhere. The palette's colours are of similar lightness (each ≥ 3:1 on both backgrounds), so in
 * greyscale they differ by little; shape and dash carry the difference there. Figures whose series are named
 * on an axis (forest, driver comparison, network, cost bars) need no second channel.
 * @module
 */
import { PALETTE } from "./theme.ts";

/** The subset of a canvas path context that d3/Plot symbols draw with. */
interface PathContext {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
}

/** A symbol type as Plot takes it (d3-shape's interface): draws a shape of `size` square px at the origin. */
export interface SymbolType {
  draw(context: PathContext, size: number): void;
}

const polygon = (points: [number, number][]): SymbolType => ({
  draw(c, size) {
    const s = Math.sqrt(size); // points are given for a shape of area ≈ 1
    c.moveTo(points[0][0] * s, points[0][1] * s);
    for (const [x, y] of points.slice(1)) c.lineTo(x * s, y * s);
    c.closePath();
  },
});

const t = 0.76; // triangle half-width for area ≈ 1
const p = 0.19; // half-thickness of the plus and times arms
/** One shape per palette slot (slot 0 = circle, Plot's default dot). */
export const SHAPES: SymbolType[] = [
  { draw: (c, size) => c.arc(0, 0, Math.sqrt(size / Math.PI), 0, 2 * Math.PI) },
  polygon([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]]),
  polygon([[0, -0.88], [t, 0.44], [-t, 0.44]]),
  polygon([[0, -0.72], [0.7, 0], [0, 0.72], [-0.7, 0]]),
  polygon([[0, 0.88], [t, -0.44], [-t, -0.44]]),
  polygon([[-p, -0.7], [p, -0.7], [p, -p], [0.7, -p], [0.7, p], [p, p], [p, 0.7], [-p, 0.7], [-p, p], [
    -0.7,
    p,
  ], [
    -0.7,
    -p,
  ], [-p, -p]]),
  polygon(
    [
      [0, -0.27],
      [0.38, -0.65],
      [0.65, -0.38],
      [0.27, 0],
      [0.65, 0.38],
      [0.38, 0.65],
      [0, 0.27],
      [-0.38, 0.65],
      [
        -0.65,
        0.38,
      ],
      [-0.27, 0],
      [-0.65, -0.38],
      [-0.38, -0.65],
    ],
  ),
  polygon(
    Array.from({ length: 10 }, (_, i) => {
      const r = i % 2 ? 0.32 : 0.8, a = (i * Math.PI) / 5 - Math.PI / 2;
      return [r * Math.cos(a), r * Math.sin(a)] as [number, number];
    }),
  ),
];

/** One dash pattern per palette slot ("" = solid). */
export const DASHES = ["", "7,3", "2,2", "9,3,2,3", "4,4", "1,3", "12,3", "5,2,1,2"];

const slot = (color: string) => Math.max(0, PALETTE.indexOf(color));

export function shapeOf(color: string): SymbolType {
  return SHAPES[slot(color) % SHAPES.length];
}

export function dashOf(color: string): string {
  return DASHES[slot(color) % DASHES.length];
}

/** Plot's `symbol` scale for a name → colour map: each name the shape of its colour's slot. */
export function symbolScale(colors: Map<string, string>) {
  return { type: "ordinal" as const, domain: [...colors.keys()], range: [...colors.values()].map(shapeOf) };
}

/** The SVG path of a shape of `size` square px centred at (x, y) (legend swatches). */
export function shapePath(shape: SymbolType, size: number, x = 0, y = 0): string {
  const d: string[] = [];
  const f = (v: number) => String(Math.round(v * 100) / 100);
  shape.draw({
    moveTo: (a, b) => d.push(`M${f(a + x)},${f(b + y)}`),
    lineTo: (a, b) => d.push(`L${f(a + x)},${f(b + y)}`),
    closePath: () => d.push("Z"),
    arc: (cx, cy, r) =>
      d.push(
        `M${f(cx + x + r)},${f(cy + y)}A${f(r)},${f(r)},0,1,1,${f(cx + x - r)},${f(cy + y)}A${f(r)},${
          f(r)
        },0,1,1,${f(cx + x + r)},${f(cy + y)}Z`,
      ),
  }, size);
  return d.join("");
}

/** `data` split by name (its `key` field), with each part's dash: one Plot line mark per name draws it dashed. */
export function perName<T>(
  data: T[],
  key: (d: T) => string,
  colors: Map<string, string>,
): { name: string; data: T[]; dash: string | undefined }[] {
  return [...colors].map(([name, color]) => ({
    name,
    data: data.filter((d) => key(d) === name),
    dash: dashOf(color) || undefined,
  })).filter((part) => part.data.length);
}

// Colours that survive colour-blindness: Okabe & Ito's palette, plus the roles the lessons give them.

/** Okabe-Ito (2008), in the order series use them. */
export const OKABE_ITO = {
  blue: "#0072B2",
  orange: "#E69F00",
  bluishGreen: "#009E73",
  vermillion: "#D55E00",
  skyBlue: "#56B4E9",
  reddishPurple: "#CC79A7",
  yellow: "#F0E442",
  black: "#000000",
} as const;

/** Series colours in order; yellow is left out because it vanishes on white. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

/** Lesson 003's sweep: amber for the forward pass, orange-red for the backward pass. */
export const FORWARD_COLOR = OKABE_ITO.orange;
export const BACKWARD_COLOR = OKABE_ITO.vermillion;
export const IDLE_COLOR = "#D9D9D9";
export const MISTAKE_COLOR = OKABE_ITO.vermillion;
export const INK = "#222222";
export const MUTED = "#666666";

/** Shared look: white background, light grid, readable font sizes. */
export const BASE_FONT = { family: "Helvetica Neue, Arial, sans-serif", size: 13, color: INK };

/** Lightens a #rrggbb colour toward white (t = 0 keeps it, 1 gives white). */
export function tint(hex: string, t: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * t);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return "#" + [r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("");
}

// The Plotly figure subset the builders produce, as plain JSON types (data, layout, frames, config).

export type Datum = number | string | null;

export interface Font {
  family?: string;
  size?: number;
  color?: string | string[];
}

export interface Title {
  text: string;
  font?: Font;
  x?: number;
  xanchor?: "auto" | "left" | "center" | "right";
  y?: number;
  yanchor?: "auto" | "top" | "middle" | "bottom";
  standoff?: number;
}

export interface Marker {
  color?: string | string[];
  size?: number | number[];
  symbol?: string | string[];
  opacity?: number;
  line?: { color?: string | string[]; width?: number | number[] };
  [key: string]: unknown;
}

export interface Line {
  color?: string;
  width?: number;
  dash?: "solid" | "dot" | "dash" | "longdash" | "dashdot";
  shape?: "linear" | "spline" | "hv";
}

/** One series: scatter (lines/markers/text), bar, or heatmap. */
export interface Trace {
  type: "scatter" | "bar" | "heatmap";
  name?: string;
  x?: Datum[];
  y?: Datum[];
  z?: (number | null)[][];
  mode?: string;
  text?: string | string[];
  textposition?: string | string[];
  textfont?: Font;
  hovertext?: string | string[];
  hoverinfo?: string;
  hovertemplate?: string;
  customdata?: unknown[];
  marker?: Marker;
  line?: Line;
  opacity?: number;
  showlegend?: boolean;
  legendgroup?: string;
  colorscale?: [number, string][];
  zmin?: number;
  zmax?: number;
  showscale?: boolean;
  xaxis?: string;
  yaxis?: string;
  [key: string]: unknown;
}

export interface Axis {
  title?: Title;
  type?: "linear" | "log" | "category";
  range?: number[];
  autorange?: boolean | "reversed";
  showgrid?: boolean;
  zeroline?: boolean;
  showticklabels?: boolean;
  visible?: boolean;
  scaleanchor?: string;
  scaleratio?: number;
  tickformat?: string;
  [key: string]: unknown;
}

export interface Annotation {
  text: string;
  x?: number | string;
  y?: number | string;
  xref?: string;
  yref?: string;
  showarrow?: boolean;
  font?: Font;
  [key: string]: unknown;
}

export interface Shape {
  type: "rect" | "line" | "circle";
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xref?: string;
  yref?: string;
  line?: { color?: string; width?: number; dash?: string };
  fillcolor?: string;
  layer?: "above" | "below";
  [key: string]: unknown;
}

export interface Layout {
  title: Title;
  xaxis?: Axis;
  yaxis?: Axis;
  yaxis2?: Axis;
  showlegend?: boolean;
  legend?: { [key: string]: unknown };
  annotations?: Annotation[];
  shapes?: Shape[];
  width?: number;
  height?: number;
  margin?: { l?: number; r?: number; t?: number; b?: number; pad?: number };
  hovermode?: string | false;
  template?: unknown;
  updatemenus?: unknown[];
  sliders?: unknown[];
  font?: Font;
  plot_bgcolor?: string;
  paper_bgcolor?: string;
  bargap?: number;
  [key: string]: unknown;
}

/** One animation frame: the traces it changes (by index) and any layout it changes. */
export interface Frame {
  name: string;
  data: Partial<Trace>[];
  traces?: number[];
  layout?: Partial<Layout>;
}

export interface Config {
  responsive?: boolean;
  displaylogo?: boolean;
  [key: string]: unknown;
}

export interface FigureJSON {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
  config?: Config;
}

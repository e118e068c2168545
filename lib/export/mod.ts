/** Export: SVG/PNG/PDF figures, CSV/Markdown/HTML/LaTeX tables, atomic writes, notebook display. @module */
export { figureToSvg } from "./svg.ts";
export { svgToPng } from "./png.ts";
export { exportFigure, FIGURE_FORMATS, figureFiles, writeAtomic } from "./write.ts";
export type { ExportedFigure, FigureFormat } from "./write.ts";
export { svgToPdf } from "./pdf.ts";
export { escapeLatex, toLatex } from "./latex.ts";
export type { LatexTableOptions } from "./latex.ts";
export { human, toCsv, toHtmlTable, toMarkdown } from "./table.ts";
export type { Record_ } from "./table.ts";
export { escapeHtml, escapeMarkdown, escapeXmlAttribute, escapeXmlText, textToMarkdown } from "./escape.ts";
export { display, displayFigure, displayFolded, displayTable, displayText, mimeBundle } from "./display.ts";
export type { Displayable, MimeBundle } from "./display.ts";

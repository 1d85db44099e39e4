// Where the walkthrough's text and media have to fit, measured in the real workbench at 1400×900 (code-server
// 4.139.1, VS Code 1.139.1, Explorer open, DejaVu Sans): the readability unit test checks our text against these,
// and the walkthrough UI test checks that the workbench still lays the walkthrough out this way.
export const WALKTHROUGH_LAYOUT = {
  viewport: { width: 1400, height: 900 },
  /** A closed step's title: one line, 13 px, weight 600, cut with an ellipsis past this width (px). */
  stepTitle: { widthPx: 246, sizePx: 13 },
  /** The header: the walkthrough's title (26 px) and description (18.2 px), each clamped to 3 lines. */
  header: { widthPx: 250, titleSizePx: 26, descriptionSizePx: 18.2, maxLines: 3 },
  /** The frame an SVG step media is drawn in; the SVG is scaled to fit it, keeping its aspect ratio. */
  media: { widthPx: 356, heightPx: 699 },
  /** Smallest label size a reader can take in at that size (px, after scaling). */
  minLabelPx: 18,
  /** Words in a step's description, button labels included. */
  maxStepWords: 60,
} as const;

/** Reads a report page's charts back from their canvases, for the browser tests. */
import type { Page } from 'playwright-core';

export interface ChartPixels {
  readonly chart: string;
  readonly department: string | null;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Distinct colours among the canvas's opaque pixels (sampled). */
  readonly colours: number;
  /** Opaque pixels that are not white (sampled). */
  readonly inked: number;
}

// The page's globals, for the functions run in it: the project compiles without the DOM library.
declare const document: any;

/** Reads every chart's canvas back: a blank or missing canvas has no inked pixel. */
export function chartPixels(page: Page): Promise<ChartPixels[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-chart]')].map((el: any) => {
      const box = el.getBoundingClientRect();
      const canvas = el.querySelector('canvas');
      const colours = new Set<number>();
      let inked = 0;
      if (canvas) {
        // Read from a copy: reading ECharts' own canvas back twice makes Chrome warn.
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const pen = copy.getContext('2d', { willReadFrequently: true });
        pen.drawImage(canvas, 0, 0);
        const { data } = pen.getImageData(0, 0, copy.width, copy.height);
        for (let i = 0; i < data.length; i += 4 * 7) {
          if (data[i + 3] < 128) continue;
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
          if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked += 1;
        }
      }
      return {
        chart: el.dataset.chart ?? '',
        department: el.dataset.department ?? null,
        widthPx: box.width,
        heightPx: box.height,
        colours: colours.size,
        inked,
      };
    }),
  );
}

/**
 * The report page's inline scripts and the CSP hashes naming them: ECharts' own bundle, the
 * chart-drawing script, and the JSON data block written so no string in it can end the block.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

/** `sha256-<base64>` of the text as UTF-8: the hash a CSP source expression names. */
export function cspHash(text: string): string {
  return `sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

let echartsScript: { readonly text: string; readonly hash: string } | undefined;

/**
 * ECharts' own bundle, read once, with its hash. It goes into the page unchanged, so it must
 * hold nothing an HTML parser reads inside a script: `</script` would end the element, `<!--`
 * and `<script` switch the parser to its escaped states. An ECharts upgrade that adds one fails
 * here, loudly.
 */
export function echartsBundle(): { readonly text: string; readonly hash: string } {
  if (echartsScript === undefined) {
    const text = fs.readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
    const unsafe = /<\/script|<!--|<script/i.exec(text);
    if (unsafe)
      throw new Error(`echarts.min.js holds "${unsafe[0]}": it cannot be inlined as it is`);
    echartsScript = { text, hash: cspHash(text) };
  }
  return echartsScript;
}

/**
 * Draws every chart container from the data block, as soon as the document is parsed. The same
 * text for every report, so its CSP hash is fixed. Charts are canvas, without animation (a
 * print taken at once shows them whole), at twice the pixel density (sharp on paper).
 */
export const DRAW_CHARTS = `(function () {
  'use strict';
  function draw() {
    var options = JSON.parse(document.getElementById('report-charts').textContent);
    var containers = document.querySelectorAll('[data-chart-key]');
    var drawn = 0;
    for (var i = 0; i < containers.length; i++) {
      var el = containers[i];
      var option = options[el.getAttribute('data-chart-key')];
      if (!option) continue;
      option.animation = false;
      echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: 2 }).setOption(option);
      el.setAttribute('data-chart-drawn', 'true');
      drawn++;
    }
    document.documentElement.setAttribute('data-charts-drawn', String(drawn));
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();`;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** JSON that cannot end the data block it is embedded in, nor start markup in it. */
export function jsonForScript(value: Json): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

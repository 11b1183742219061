/**
 * The compatibility page as one self-contained HTML file: inline CSS, the
 * inline script (client.ts) and the data as JSON in a
 * <script type="application/json">. No CDN, no fetch: it opens from disk,
 * offline, as a CI artefact or an e-mail attachment.
 */
import { CLIENT_SCRIPT } from './client.js';
import type { PageData } from './model.js';

/** The page's title. */
export const PAGE_TITLE = 'Paddle API compatibility (paddle-conformance)';

/** The whole page for the given data. */
export function renderPage(data: PageData): string {
  const sources = data.ports.map((p) => `${escapeHtml(p.name)} (<code>${escapeHtml(p.file)}</code>)`).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(PAGE_TITLE)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(PAGE_TITLE)}</h1>
<p>${data.cases.length} cases of ${data.ops.length} ops, run against ${data.ports.length} ports: ${sources}.
Spec-conformant: every case fixed by the documentation page passes (passing/spec cases). Paddle-compatible: passing/all cases.</p>
</header>
<section id="ports" aria-label="Ops by port"></section>
<form id="filters" aria-label="Filters" onsubmit="return false">
<label>op <select id="f-op"></select></label>
<label>group <select id="f-group"></select></label>
<label>level <select id="f-level"></select></label>
<label>status <select id="f-status"></select></label>
<label><select id="f-port"></select></label>
<label>id contains <input id="f-text" type="search"></label>
<span id="shown" role="status"></span>
</form>
<aside id="detail" hidden aria-label="Case detail"></aside>
<section id="matrix" aria-label="Cases by port"></section>
<noscript>The matrix needs JavaScript; the data is in the page's report-data script element.</noscript>
<script type="application/json" id="report-data">${embedJson(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` written as
 * \\u escapes, so no `</script>` or `<!--` in a case's text can end the
 * element early, while JSON.parse reads the same value back.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Text made safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #1b1b1b; }
h1 { font-size: 1.4em; }
code, pre { font: 12px/1.35 ui-monospace, monospace; }
pre { background: #f5f5f5; padding: .5em; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
.summary td { min-width: 8em; }
.summary thead th.port { max-width: 14em; word-break: break-all; font-size: .85em; }
.summary td.bad { outline: 2px solid #c5221f; outline-offset: -2px; }
.summary td.absent { background: #f1f3f4; color: #5f6368; }
.summary .share { font-size: 1.3em; font-weight: 600; }
.summary .spec, .summary .paddle { font-size: .8em; }
.legend .ramp { display: inline-block; width: 10em; height: .9em; vertical-align: middle; background: linear-gradient(to right, hsl(0, 62%, 84%), hsl(60, 62%, 84%), hsl(120, 62%, 78%)); }
.summary .aborted { color: #a50e0e; font-weight: normal; font-size: .85em; }
.summary .command { font-family: ui-monospace, monospace; font-weight: normal; font-size: .8em; color: #555; }
#filters { position: sticky; top: 0; background: #fff; padding: .5em 0; display: flex; gap: 1em; flex-wrap: wrap; align-items: center; z-index: 1; }
#matrix { overflow-x: auto; }
#matrix tbody tr { cursor: pointer; }
#matrix tbody tr:hover, #matrix tr.selected { outline: 2px solid #1a73e8; }
#matrix td.id { font-family: ui-monospace, monospace; font-size: 12px; }
.status { font-size: 12px; white-space: nowrap; }
.s-pass { background: #e6f4ea; }
.s-fail, .s-crash, .s-timeout, .s-garbage, .s-not-run { background: #fce8e6; }
.s-skip, .s-not-selected { background: #f1f3f4; color: #5f6368; }
.s-expected-fail { background: #fef7e0; }
.s-unexpected-pass { background: #e8f0fe; }
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(48em, 60vw); overflow-y: auto; background: #fff; border-left: 2px solid #1a73e8; padding: 1em; box-shadow: -4px 0 12px rgba(0,0,0,.15); z-index: 2; }
#detail .close { float: right; }
body.detail-open { margin-right: calc(min(48em, 60vw) + 2em); }
#detail h2 { font-size: 1.1em; word-break: break-all; }
#detail .label { font-weight: 600; margin-top: .4em; }
.rerun { display: block; background: #f5f5f5; padding: .4em; word-break: break-all; }
`;

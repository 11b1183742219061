/**
 * The page as text (page.ts), without a browser: one self-contained file, the
 * data embedded so that no case text can end its <script> element, and the
 * data read back from the page equal to what was embedded.
 */
import { describe, expect, it } from 'vitest';
import { pageData, type PageData } from './model.js';
import { embedJson, escapeHtml, renderPage } from './page.js';
import { loadRunFile } from './run_file.js';

const data = pageData([loadRunFile('conformance/report_html/fixtures/reference.json'), loadRunFile('conformance/report_html/fixtures/example_port.json')]);
const html = renderPage(data);

/** The text of the page's data element, as the browser hands it to JSON.parse. */
function embedded(page: string): unknown {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(page);
  return JSON.parse(m![1]!);
}

describe('renderPage', () => {
  it('embeds the data as JSON that reads back unchanged', () => {
    expect(embedded(html)).toEqual(data);
  });

  it('loads nothing from elsewhere: no src or href attribute, no URL, no fetch', () => {
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|import\(/);
  });

  it('has exactly two script elements: the data and the inline script', () => {
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it('keeps "</script>" in a port name or case text inside the data', () => {
    const hostile: PageData = { ...data, ports: [{ ...data.ports[0]!, name: '</script><script>alert(1)</script><!--' }] };
    const page = renderPage(hostile);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect((embedded(page) as PageData).ports[0]!.name).toBe('</script><script>alert(1)</script><!--');
  });

  it('escapes a port name where the header names the sources', () => {
    const page = renderPage({ ...data, ports: [{ ...data.ports[0]!, name: '<b>x</b> & "y"' }] });
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
  });
});

describe('embedJson', () => {
  it('writes <, > and & as \\u escapes', () => {
    expect(embedJson({ a: '</script>&' })).toBe('{"a":"\\u003c/script\\u003e\\u0026"}');
  });
});

describe('escapeHtml', () => {
  it('escapes the four characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** pdf.js reads the standard fonts' metrics from its own package (the invoice uses Helvetica). */
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/**
 * The text of a PDF as a reader extracts it (pdf.js), page by page, one line per run of text that
 * shares a baseline: what a person copying from the invoice would get.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl,
    // Errors only: the text is what is read, not how the glyphs would be drawn.
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const lines = new Map<number, Array<{ x: number; text: string }>>();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = Math.round(item.transform[5] ?? 0);
      lines.set(y, [...(lines.get(y) ?? []), { x: item.transform[4] ?? 0, text: item.str }]);
    }
    const ordered = [...lines.entries()].sort((a, b) => b[0] - a[0]);
    pages.push(
      ordered
        .map(([, parts]) =>
          parts
            .sort((a, b) => a.x - b.x)
            .map((p) => p.text)
            .join(' '),
        )
        .join('\n'),
    );
  }
  await doc.destroy();
  return pages.join('\n');
}

import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { type InvoiceDocument, STATUS_LABEL, totalsByCurrency } from '../domain/invoices.js';
import { formatRangeLabel } from '../domain/local-date.js';
import { currencyDigits, minorToDecimal } from '../domain/money.js';

/**
 * An invoice as a PDF (pdf-lib, the standard Helvetica fonts): who bills whom, the period, every line,
 * totals per currency and the due date. Amounts are written as `1,234.50 EUR`: the standard fonts
 * cannot draw every currency sign, and a code reads the same in every country.
 */

export interface InvoiceParties {
  contractorName: string;
  companyName: string;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 50;
const SIZE = 10;
const LINE = 14;

/** Text the standard fonts can draw: accents kept where WinAnsi has them, else dropped, else `?`. */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    if (canEncode(font, ch)) {
      out += ch;
      continue;
    }
    const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += plain && [...plain].every((c) => canEncode(font, c)) ? plain : '?';
  }
  return out;
}

const encodable = new Map<string, boolean>();
function canEncode(font: PDFFont, ch: string): boolean {
  const known = encodable.get(ch);
  if (known !== undefined) return known;
  let fits = true;
  try {
    font.encodeText(ch);
  } catch {
    fits = false;
  }
  if (encodable.size < 10_000) encodable.set(ch, fits);
  return fits;
}

/** Cuts text to fit `width` at `size`, with an ellipsis when cut. */
function fitWidth(font: PDFFont, text: string, width: number, size = SIZE): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  // The longest prefix that fits with its ellipsis, found by halving: a long note costs a few width
  // measurements, not one per character it loses.
  let fits = 1;
  let tooLong = text.length;
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (font.widthOfTextAtSize(`${text.slice(0, mid)}...`, size) <= width) fits = mid;
    else tooLong = mid;
  }
  return `${text.slice(0, fits)}...`;
}

export async function renderInvoicePdf(doc: InvoiceDocument, parties: InvoiceParties): Promise<Uint8Array> {
  const { invoice, lines } = doc;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${invoice.number}`);
  pdf.setAuthor(drawableTitle(parties.contractorName));
  pdf.setCreator('Punchcard');
  pdf.setCreationDate(invoice.submittedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const write = (text: string, x: number, opts: { font?: PDFFont; size?: number; width?: number } = {}) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? SIZE;
    const clean = drawable(font, text);
    page.drawText(opts.width ? fitWidth(font, clean, opts.width, size) : clean, {
      x,
      y,
      size,
      font,
      color: rgb(0.1, 0.1, 0.1),
    });
  };
  const writeRight = (text: string, right: number, font: PDFFont = regular) => {
    const clean = drawable(font, text);
    write(clean, right - font.widthOfTextAtSize(clean, SIZE), { font });
  };
  const newline = (n = 1) => {
    y -= LINE * n;
    if (y < MARGIN + LINE) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN;
      write(`Invoice ${invoice.number} (continued)`, MARGIN, { font: bold });
      y -= LINE * 2;
    }
  };

  write(`Invoice ${invoice.number}`, MARGIN, { font: bold, size: 18 });
  newline(2);
  write(`From: ${parties.contractorName}`, MARGIN, { width: PAGE.width - 2 * MARGIN });
  newline();
  write(`To: ${parties.companyName}`, MARGIN, { width: PAGE.width - 2 * MARGIN });
  newline(2);
  write(`Status: ${STATUS_LABEL[invoice.status]}`, MARGIN);
  newline();
  write(`Submitted: ${invoice.submittedOn}`, MARGIN);
  newline();
  write(`Period: ${formatRangeLabel(invoice.periodFrom, invoice.periodTo)}`, MARGIN);
  newline();
  write(
    invoice.dueOn
      ? `Due: ${invoice.dueOn} (net ${invoice.paymentTermsDays})`
      : `Due: ${invoice.paymentTermsDays} days after approval (net ${invoice.paymentTermsDays})`,
    MARGIN,
  );
  newline();
  if (invoice.paidOn) {
    write(`Paid: ${invoice.paidOn}`, MARGIN);
    newline();
  }
  if (invoice.reference) {
    write(`Reference: ${invoice.reference}`, MARGIN, { width: PAGE.width - 2 * MARGIN });
    newline();
  }
  newline();

  const col = {
    date: MARGIN,
    project: MARGIN + 68,
    description: MARGIN + 150,
    hours: 400,
    rate: 470,
    amount: PAGE.width - MARGIN,
  };
  const header = () => {
    write('Date', col.date, { font: bold });
    write('Project', col.project, { font: bold });
    write('Description', col.description, { font: bold });
    writeRight('Hours', col.hours, bold);
    writeRight('Rate', col.rate, bold);
    writeRight('Amount', col.amount, bold);
    newline();
  };
  const time = lines.filter((l) => l.kind === 'time');
  const expenses = lines.filter((l) => l.kind === 'expense');
  if (time.length > 0) {
    header();
    for (const l of time) {
      write(l.workDate ?? '', col.date);
      write(l.projectKey ?? '-', col.project, { width: col.description - col.project - 6 });
      write(l.description, col.description, { width: col.hours - col.description - 40 });
      writeRight(((l.minutes ?? 0) / 60).toFixed(2), col.hours);
      writeRight(l.rateMinor === null ? '' : formatAmount(l.rateMinor, l.currency), col.rate);
      writeRight(`${formatAmount(l.amountMinor, l.currency)} ${l.currency}`, col.amount);
      newline();
    }
    newline();
  }
  if (expenses.length > 0) {
    write('Expenses', MARGIN, { font: bold });
    newline();
    for (const l of expenses) {
      write(l.description, col.date, { width: col.rate - col.date });
      writeRight(`${formatAmount(l.amountMinor, l.currency)} ${l.currency}`, col.amount);
      newline();
    }
    newline();
  }
  for (const total of totalsByCurrency(lines)) {
    write(`Total ${total.currency}`, col.hours - 60, { font: bold });
    writeRight(`${formatAmount(total.amountMinor, total.currency)} ${total.currency}`, col.amount, bold);
    newline();
  }
  return pdf.save();
}

/** `1,234.50` for 123450 USD: grouped, in the currency's own decimals, without a sign. */
export function formatAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minorToDecimal(minor, currency) as unknown as number);
}

function drawableTitle(text: string): string {
  return text.slice(0, 200);
}

import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../src/documents/invoice-pdf.js';
import type { InvoiceDocument } from '../../src/domain/invoices.js';
import { pdfText } from '../support/pdf.js';

const invoice = {
  id: 1,
  teamId: 'T1',
  number: 'INV-2026-0007',
  year: 2026,
  seq: 7,
  userId: 'UADA',
  status: 'submitted',
  periodFrom: '2026-11-01',
  periodTo: '2026-11-30',
  milestoneId: null,
  reference: null,
  paymentTermsDays: 30,
  submittedOn: '2026-12-02',
  submittedAt: new Date('2026-12-02T12:00:00Z'),
  decidedBy: null,
  decidedAt: null,
  rejectReason: null,
  dueOn: null,
  paidOn: null,
  paidBy: null,
  voidReason: null,
  voidedBy: null,
} as const;

const line = (position: number, description: string) => ({
  id: position + 1,
  invoiceId: 1,
  position,
  kind: 'time' as const,
  entryId: position + 1,
  projectId: 1,
  projectKey: 'acme-web',
  workDate: '2026-11-10',
  description,
  minutes: 90,
  rateMinor: 8500,
  currency: 'USD',
  amountMinor: 12750,
});

describe('the invoice PDF', () => {
  it('cuts a long description to its column with an ellipsis, and keeps the line’s figures', async () => {
    const doc: InvoiceDocument = {
      invoice,
      lines: [line(0, `acme-web: ${'reviewed the checkout flow '.repeat(80)}`), line(1, 'acme-web: login')],
    };
    const text = await pdfText(
      await renderInvoicePdf(doc, { contractorName: 'Łucja Ada', companyName: 'Acme' }),
    );
    const [long = ''] = text.split('\n').filter((l) => l.includes('reviewed the checkout'));
    expect(long).toContain('acme-web: reviewed the checkout...   1.50   85.00   127.50 USD');
    expect(long.length).toBeLessThan(160);
    expect(long).toContain('127.50 USD');
    expect(text).toContain('acme-web: login');
    // A letter the standard fonts cannot draw becomes '?'; the rest of the name stays.
    expect(text).toContain('From: ?ucja Ada');
    expect(text).toContain('Total USD');
    expect(text).toContain('255.00 USD');
  });
});

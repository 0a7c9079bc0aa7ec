import { describe, expect, it } from 'vitest';
import { envelopeView } from '../../../src/mailstore/envelope-view.js';
import type { MessageSummary } from '../../../src/mailstore/header-summary.js';

const summary = (from: string[], recipients: string[]): MessageSummary => ({
  from: from.join(', '),
  to: recipients.join(', '),
  cc: '',
  subject: '',
  date: '',
  messageId: '',
  fromAddresses: from,
  recipientAddresses: recipients,
});

describe('envelopeView', () => {
  const s = summary(['bob@lab.example'], ['alice@lab.example', 'carol@lab.example']);

  it('adds nothing when the header names the envelope sender and every recipient', () => {
    expect(envelopeView(s, { from: 'bob@lab.example', to: ['carol@lab.example', 'alice@lab.example'] })).toEqual({
      from: 'bob@lab.example',
      to: 'alice@lab.example, carol@lab.example',
      envelopeOnly: [],
      senderDiffers: false,
    });
  });

  it('matches addresses whatever their case (RFC 5321 2.4 lets a server tell local parts apart by case; nearly none does)', () => {
    expect(envelopeView(s, { from: 'Bob@Lab.Example', to: ['ALICE@lab.example'] })).toMatchObject({ envelopeOnly: [], senderDiffers: false, to: 'alice@lab.example, carol@lab.example' });
  });

  it('marks a Bcc recipient once, and a sender the From header lacks', () => {
    expect(envelopeView(s, { from: 'list@lab.example', to: ['alice@lab.example', 'dave@lab.example', 'Dave@lab.example'] })).toEqual({
      from: 'bob@lab.example, +list@lab.example',
      to: 'alice@lab.example, carol@lab.example, +dave@lab.example',
      envelopeOnly: ['dave@lab.example'],
      senderDiffers: true,
    });
  });

  it('writes the null reverse-path as <> (RFC 5321 4.5.5), and shows the header alone without an envelope', () => {
    expect(envelopeView(summary([], ['alice@lab.example']), { from: '', to: ['alice@lab.example'] }).from).toBe('+<>');
    expect(envelopeView(s, null)).toEqual({ from: 'bob@lab.example', to: 'alice@lab.example, carol@lab.example', envelopeOnly: [], senderDiffers: false });
  });
});

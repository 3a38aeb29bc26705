import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../bot/engine/command-registry.ts';
import { createLogger } from '../../bot/engine/logger.ts';
import { stripMention } from '../../bot/engine/strip-mention.ts';
import { verifySignature, signBody } from '../../bot/http/verify-signature.ts';

const bot = { id: 'BOT1', displayName: 'Onboarding Bot' };

describe('stripMention', () => {
  it('removes the mention Webex put in a group message, wherever it stands', () => {
    const html =
      '<p><spark-mention data-object-type="person" data-object-id="BOT1">Onboarding Bot</spark-mention> status acme</p>';
    expect(stripMention({ text: 'Onboarding Bot status acme', html, roomType: 'group' }, bot)).toBe('status acme');
    expect(
      stripMention(
        {
          text: 'status Onboarding acme',
          html: '<p>status <spark-mention data-object-id="BOT1">Onboarding</spark-mention> acme</p>',
          roomType: 'group',
        },
        bot,
      ),
    ).toBe('status acme');
  });

  it('leaves a direct message as written', () => {
    expect(stripMention({ text: '  help  ', roomType: 'direct' }, bot)).toBe('help');
  });
});

describe('CommandRegistry', () => {
  const noop = async () => {};
  const registry = new CommandRegistry()
    .register({
      words: ['create'],
      usage: 'command.help.usage',
      summary: 'command.help.summary',
      needs: 'anyone',
      run: noop,
    })
    .register({
      words: ['create', 'customer'],
      aliases: [['new', 'customer']],
      usage: 'command.help.usage',
      summary: 'command.help.summary',
      needs: 'anyone',
      run: noop,
    });

  it('prefers the longest matching words and passes the rest as arguments', () => {
    expect(registry.parse('Create Customer Acme GmbH')?.command.words).toEqual(['create', 'customer']);
    expect(registry.parse('create customer Acme GmbH')?.args).toBe('Acme GmbH');
    expect(registry.parse('create template')?.command.words).toEqual(['create']);
    expect(registry.parse('new customer')?.command.words).toEqual(['create', 'customer']);
    expect(registry.parse('delete everything')).toBeUndefined();
  });
});

describe('verifySignature', () => {
  it('accepts the HMAC-SHA1 of the exact bytes, in either hex case, and nothing else', () => {
    const body = Buffer.from('{"a":1}');
    const signature = signBody(body, 'secret');
    expect(verifySignature(body, signature, 'secret')).toBe(true);
    expect(verifySignature(body, signature.toUpperCase(), 'secret')).toBe(true);
    expect(verifySignature(Buffer.from('{"a":2}'), signature, 'secret')).toBe(false);
    expect(verifySignature(body, signature, 'other')).toBe(false);
    expect(verifySignature(body, signature.slice(0, 39), 'secret')).toBe(false);
    expect(verifySignature(body, undefined, 'secret')).toBe(false);
  });
});

describe('the logger', () => {
  it('writes one JSON line per event and never a secret, whatever field holds it', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: ['tok-123456'], write: (l) => lines.push(l) }).child({
      conversationId: 'c1',
    });
    log.debug('hidden');
    log.info('call', {
      url: 'https://x/?access=tok-123456',
      headers: { authorization: 'Bearer whatever' },
      error: new Error('bad tok-123456'),
    });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({
      level: 'info',
      msg: 'call',
      conversationId: 'c1',
      headers: { authorization: '[redacted]' },
    });
    expect(lines[0]).not.toContain('tok-123456');
    expect(lines[0]).not.toContain('whatever');
  });
});

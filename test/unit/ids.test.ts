/** Random values a developer hands to the aws CLI must not read as options. */
import { describe, expect, it } from 'vitest';
import { randomToken, sessionToken } from '../../src/domain/ids.js';

describe('opaque tokens', () => {
  it('randomToken never starts with "-" (the aws CLI takes `--token -Xy...` for an option), over many draws', () => {
    // Plain base64url starts with "-" once in 64 draws: 3,000 draws would show it about 47 times.
    const first = new Set(Array.from({ length: 3000 }, () => randomToken(8)[0]));
    expect(first.has('-')).toBe(false);
    expect(first.size).toBeGreaterThan(50); // still random: the other 63 characters appear
  });

  it('a Session begins "AYABe" as AWS\'s do, whatever its body (0xf8... would encode as "-")', () => {
    expect(sessionToken(Buffer.alloc(64, 0xf8))).toMatch(/^AYABe[A-Za-z0-9_-]+$/);
    expect(sessionToken(Buffer.alloc(64, 0xf8)).slice(5)).toMatch(/^[A-Za-z0-9_-]+$/);
    const random = sessionToken();
    expect(random).toMatch(/^AYABe[A-Za-z0-9_-]{250,}$/);
    expect(random).not.toBe(sessionToken());
  });
});

/** The user's authenticator app, reading the server's clock (which tests may move). */
import { totpCode } from '../../src/domain/totp.js';
import { TOTP_STEP_SECONDS } from '../../src/domain/totp.js';
import { advanceClock, type TestServer } from './server.js';

/**
 * A TOTP code no earlier sign-in can have used: moves the server clock one time step forward first,
 * because Cognito refuses a code whose time step was already accepted for the user.
 */
export async function freshTotpCode(testServer: TestServer, secretCode: string): Promise<string> {
  await advanceClock(testServer.url, TOTP_STEP_SECONDS);
  return totpCode(secretCode, testServer.server.ctx.clock.now());
}

/** A 6-digit code that is not the current one (nor either neighbour): the server must refuse it. */
export function wrongTotpCode(testServer: TestServer, secretCode: string): string {
  const now = testServer.server.ctx.clock.now();
  const valid = new Set([-1, 0, 1].map((steps) => totpCode(secretCode, now + steps * TOTP_STEP_SECONDS * 1000)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** Checks a token as a resource server would: signature against the pool's published JWKS, then the claims. */
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';

export async function verifyWithPoolJwks(url: string, userPoolId: string, token: string): Promise<JWTPayload> {
  const jwks = (await (await fetch(`${url}/${userPoolId}/.well-known/jwks.json`)).json()) as Parameters<typeof createLocalJWKSet>[0];
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['RS256'] });
  return payload;
}

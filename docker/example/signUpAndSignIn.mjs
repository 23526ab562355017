/**
 * The compose example's app: once kognito is healthy (compose waits for it), it creates a pool and a
 * client, signs a user up, reads the code from kognito's /_kognito API, confirms and signs in: the
 * calls an app makes through an AWS SDK, written out as the AWS JSON requests they are.
 */
const endpoint = process.env.COGNITO_ENDPOINT ?? 'http://kognito:9329';

async function cognito(operation, input) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${operation}: ${body.__type}: ${body.message}`);
  return body;
}

// Compose starts this once kognito reports healthy; an app should still wait for its dependencies.
for (let attempt = 1; ; attempt++) {
  const healthy = await fetch(`${endpoint}/_kognito/health`).then((r) => r.ok, () => false);
  if (healthy) break;
  if (attempt === 120) throw new Error(`kognito did not answer at ${endpoint}`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const username = `user${Date.now()}`;
const { UserPool } = await cognito('CreateUserPool', { PoolName: 'compose-example', AutoVerifiedAttributes: ['email'] });
const { UserPoolClient } = await cognito('CreateUserPoolClient', {
  UserPoolId: UserPool.Id,
  ClientName: 'app',
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
});
await cognito('SignUp', {
  ClientId: UserPoolClient.ClientId,
  Username: username,
  Password: 'Passw0rd!',
  UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
});
const code = await (await fetch(`${endpoint}/_kognito/code?userPoolId=${UserPool.Id}&username=${username}`)).text();
await cognito('ConfirmSignUp', { ClientId: UserPoolClient.ClientId, Username: username, ConfirmationCode: code });
const { AuthenticationResult } = await cognito('InitiateAuth', {
  ClientId: UserPoolClient.ClientId,
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' },
});
console.log(`signed in ${username} (code ${code}): ${AuthenticationResult.TokenType} token, ${AuthenticationResult.ExpiresIn} s`);

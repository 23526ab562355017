/**
 * The admin operations of passwords and account state through the real command-line clients: aws-cli v2
 * (/usr/bin/aws, else the `aws` on the PATH) as a developer types it, and boto3, each error provoked
 * and printed as the client prints it.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoolAndClient, hasAwsCli, startServer, type TestServer } from '../support/server.js';
import { hasBoto3, PROGRAMS_TEST_TIMEOUT_MS, runProgram } from '../support/programs.js';

const cliPresent = await hasAwsCli();
if (!cliPresent) console.warn('cliPasswords.test.ts: aws CLI checks skipped, the aws CLI is not installed on this machine');
const boto3Present = await hasBoto3();
if (!boto3Present) console.warn('cliPasswords.test.ts: boto3 checks skipped, python3 with boto3 is not installed on this machine');
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

/** One aws cognito-idp command: exit code, parsed JSON output (if any) and stderr. */
async function cli(...args: string[]) {
  // The CLI's own retry settings, so that errors print exactly as a developer sees them.
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  delete env.AWS_MAX_ATTEMPTS;
  delete env.AWS_RETRY_MODE;
  const run = await runProgram(AWS, ['--endpoint-url', t.url, 'cognito-idp', ...args, '--output', 'json'], { env });
  if (run.code !== 0) return { code: run.code, json: undefined, stderr: run.stderr.trim() };
  return { code: 0, json: run.stdout.trim() ? JSON.parse(run.stdout) : undefined, stderr: '' };
}
const failed = (operation: string, type: string, message: string) => ({
  code: 254 as number,
  json: undefined,
  stderr: `An error occurred (${type}) when calling the ${operation} operation: ${message}`,
});

describe.skipIf(!cliPresent)(`aws-cli (${AWS})`, { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('AdminCreateUser: a Username and TemporaryPassword alone; EMAIL without an email refused; RESEND of a stranger refused', async () => {
    const { userPoolId } = await createPoolAndClient(t.sdk);
    const created = await cli('admin-create-user', '--user-pool-id', userPoolId, '--username', 'ann', '--temporary-password', 'Temp0rary!');
    expect(created.code).toBe(0);
    expect(created.json.User).toMatchObject({ Username: 'ann', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    const v2 = AWS === '/usr/bin/aws';
    const exit = v2 ? 254 : 255;
    expect(await cli('admin-create-user', '--user-pool-id', userPoolId, '--username', 'bea', '--desired-delivery-mediums', 'EMAIL')).toEqual({
      ...failed('AdminCreateUser', 'InvalidParameterException', 'No email provided but desired delivery medium was Email'),
      code: exit,
    });
    expect(await cli('admin-create-user', '--user-pool-id', userPoolId, '--username', 'cat', '--message-action', 'RESEND')).toEqual({
      ...failed('AdminCreateUser', 'UserNotFoundException', 'User does not exist.'),
      code: exit,
    });
  });

  it('AdminSetUserPassword, AdminResetUserPassword, AdminDisableUser / AdminEnableUser, with their errors', async () => {
    const { userPoolId, clientId } = await createPoolAndClient(t.sdk);
    const exit = AWS === '/usr/bin/aws' ? 254 : 255;
    await cli('admin-create-user', '--user-pool-id', userPoolId, '--username', 'dee', '--message-action', 'SUPPRESS',
      '--user-attributes', 'Name=email,Value=dee@example.com', 'Name=email_verified,Value=true');
    expect(await cli('admin-set-user-password', '--user-pool-id', userPoolId, '--username', 'dee', '--password', 'weak', '--permanent')).toEqual({
      ...failed('AdminSetUserPassword', 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough'),
      code: exit,
    });
    expect((await cli('admin-set-user-password', '--user-pool-id', userPoolId, '--username', 'dee', '--password', 'Passw0rd!', '--permanent')).code).toBe(0);
    expect((await cli('admin-get-user', '--user-pool-id', userPoolId, '--username', 'dee')).json.UserStatus).toBe('CONFIRMED');

    expect((await cli('admin-disable-user', '--user-pool-id', userPoolId, '--username', 'dee')).code).toBe(0);
    expect(await cli('initiate-auth', '--client-id', clientId, '--auth-flow', 'USER_PASSWORD_AUTH', '--auth-parameters', 'USERNAME=dee,PASSWORD=Passw0rd!')).toEqual({
      ...failed('InitiateAuth', 'NotAuthorizedException', 'User is disabled.'),
      code: exit,
    });
    expect((await cli('admin-enable-user', '--user-pool-id', userPoolId, '--username', 'dee')).code).toBe(0);

    expect((await cli('admin-reset-user-password', '--user-pool-id', userPoolId, '--username', 'dee')).code).toBe(0);
    expect(await cli('initiate-auth', '--client-id', clientId, '--auth-flow', 'USER_PASSWORD_AUTH', '--auth-parameters', 'USERNAME=dee,PASSWORD=Passw0rd!')).toEqual({
      ...failed('InitiateAuth', 'PasswordResetRequiredException', 'Password reset required for the user'),
      code: exit,
    });
    expect(await cli('admin-reset-user-password', '--user-pool-id', userPoolId, '--username', 'nobody')).toEqual({
      ...failed('AdminResetUserPassword', 'UserNotFoundException', 'User does not exist.'),
      code: exit,
    });
    expect(await cli('admin-list-user-auth-events', '--user-pool-id', userPoolId, '--username', 'dee')).toEqual({
      ...failed('AdminListUserAuthEvents', 'UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.'),
      code: exit,
    });
  });
});

/** Every admin operation of this area and each of its errors, in one boto3 process; prints what happened, as JSON. */
const BOTO3_SCRIPT = `
import json, sys, boto3
c = boto3.client('cognito-idp', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')
pool = c.create_user_pool(PoolName='boto', UserPoolTier='PLUS', UserPoolAddOns={'AdvancedSecurityMode': 'AUDIT'})['UserPool']['Id']
client = c.create_user_pool_client(UserPoolId=pool, ClientName='boto', ExplicitAuthFlows=['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])['UserPoolClient']['ClientId']
out = {}
def error(name, call):
    try:
        call()
        out[name] = 'no error'
    except c.exceptions.ClientError as e:
        modeled = type(e).__name__ != 'ClientError'
        out[name] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode'], modeled]

u = c.admin_create_user(UserPoolId=pool, Username='eve', TemporaryPassword='Temp0rary!')['User']
out['created'] = [u['Username'], u['UserStatus'], [a['Name'] for a in u['Attributes']]]
error('emailMediumWithoutEmail', lambda: c.admin_create_user(UserPoolId=pool, Username='fay', DesiredDeliveryMediums=['EMAIL']))
error('resendStranger', lambda: c.admin_create_user(UserPoolId=pool, Username='nobody', MessageAction='RESEND'))
error('createTwice', lambda: c.admin_create_user(UserPoolId=pool, Username='eve'))
error('weakTemporary', lambda: c.admin_create_user(UserPoolId=pool, Username='gil', TemporaryPassword='weak'))
c.admin_set_user_password(UserPoolId=pool, Username='eve', Password='Passw0rd!', Permanent=True)
error('resendConfirmed', lambda: c.admin_create_user(UserPoolId=pool, Username='eve', MessageAction='RESEND'))
error('setStranger', lambda: c.admin_set_user_password(UserPoolId=pool, Username='nobody', Password='Passw0rd!', Permanent=True))
error('setWeak', lambda: c.admin_set_user_password(UserPoolId=pool, Username='eve', Password='weak', Permanent=True))
signed = c.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow='ADMIN_USER_PASSWORD_AUTH', AuthParameters={'USERNAME': 'eve', 'PASSWORD': 'Passw0rd!'})
token = signed['AuthenticationResult']['AccessToken']
error('wrongPassword', lambda: c.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow='ADMIN_USER_PASSWORD_AUTH', AuthParameters={'USERNAME': 'eve', 'PASSWORD': 'Wr0ng-pass!'}))

c.admin_disable_user(UserPoolId=pool, Username='eve')
out['disabled'] = c.admin_get_user(UserPoolId=pool, Username='eve')['Enabled']
error('signInDisabled', lambda: c.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow='ADMIN_USER_PASSWORD_AUTH', AuthParameters={'USERNAME': 'eve', 'PASSWORD': 'Passw0rd!'}))
error('tokenDisabled', lambda: c.get_user(AccessToken=token))
error('disableStranger', lambda: c.admin_disable_user(UserPoolId=pool, Username='nobody'))
error('resetDisabled', lambda: c.admin_reset_user_password(UserPoolId=pool, Username='eve'))
c.admin_enable_user(UserPoolId=pool, Username='eve')
error('enableStranger', lambda: c.admin_enable_user(UserPoolId=pool, Username='nobody'))

c.admin_reset_user_password(UserPoolId=pool, Username='eve')
out['reset'] = c.admin_get_user(UserPoolId=pool, Username='eve')['UserStatus']
error('signInReset', lambda: c.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow='ADMIN_USER_PASSWORD_AUTH', AuthParameters={'USERNAME': 'eve', 'PASSWORD': 'Passw0rd!'}))
error('resetStranger', lambda: c.admin_reset_user_password(UserPoolId=pool, Username='nobody'))
c.admin_create_user(UserPoolId=pool, Username='hal', MessageAction='SUPPRESS')
error('resetNeverSignedIn', lambda: c.admin_reset_user_password(UserPoolId=pool, Username='hal'))

events = c.admin_list_user_auth_events(UserPoolId=pool, Username='eve', MaxResults=10)['AuthEvents']
out['events'] = [[e['EventType'], e['EventResponse'], [r['ChallengeName'] + ':' + r['ChallengeResponse'] for r in e['ChallengeResponses']], type(e['CreationDate']).__name__] for e in events]
c.admin_update_auth_event_feedback(UserPoolId=pool, Username='eve', EventId=events[0]['EventId'], FeedbackValue='Valid')
feedback = c.admin_list_user_auth_events(UserPoolId=pool, Username='eve')['AuthEvents'][0]['EventFeedback']
out['feedback'] = [feedback['FeedbackValue'], feedback['Provider'], type(feedback['FeedbackDate']).__name__]
error('feedbackUnknownEvent', lambda: c.admin_update_auth_event_feedback(UserPoolId=pool, Username='eve', EventId='nope', FeedbackValue='Valid'))
error('eventsStranger', lambda: c.admin_list_user_auth_events(UserPoolId=pool, Username='nobody'))
plain = c.create_user_pool(PoolName='plain')['UserPool']['Id']
error('eventsWithoutAddOns', lambda: c.admin_list_user_auth_events(UserPoolId=plain, Username='eve'))
print(json.dumps(out))
`;

describe.skipIf(!boto3Present)('boto3', { timeout: PROGRAMS_TEST_TIMEOUT_MS }, () => {
  it('runs every admin operation of passwords and account state, and gets each error as a modeled exception', async () => {
    const run = await runProgram('python3', ['-c', BOTO3_SCRIPT, t.url]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    const e = (type: string, message: string) => [type, message, 400, true];
    expect(out).toEqual({
      created: ['eve', 'FORCE_CHANGE_PASSWORD', ['sub']],
      emailMediumWithoutEmail: e('InvalidParameterException', 'No email provided but desired delivery medium was Email'),
      resendStranger: e('UserNotFoundException', 'User does not exist.'),
      createTwice: e('UsernameExistsException', 'User account already exists'),
      weakTemporary: e('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'),
      resendConfirmed: e('UnsupportedUserStateException', 'Resend not possible. eve status is not FORCE_CHANGE_PASSWORD.'),
      setStranger: e('UserNotFoundException', 'User does not exist.'),
      setWeak: e('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'),
      wrongPassword: e('NotAuthorizedException', 'Incorrect username or password.'),
      disabled: false,
      signInDisabled: e('NotAuthorizedException', 'User is disabled.'),
      tokenDisabled: e('NotAuthorizedException', 'User is disabled.'),
      disableStranger: e('UserNotFoundException', 'User does not exist.'),
      resetDisabled: e('NotAuthorizedException', 'User is disabled.'),
      enableStranger: e('UserNotFoundException', 'User does not exist.'),
      reset: 'RESET_REQUIRED',
      signInReset: e('PasswordResetRequiredException', 'Password reset required for the user'),
      resetStranger: e('UserNotFoundException', 'User does not exist.'),
      resetNeverSignedIn: e('NotAuthorizedException', 'User password cannot be reset in the current state.'),
      events: [
        ['SignIn', 'Fail', ['Password:Failure']],
        ['SignIn', 'Pass', ['Password:Success']],
      ].map(([type, response, challenges]) => [type, response, challenges, 'datetime']),
      feedback: ['Valid', 'Admin', 'datetime'],
      feedbackUnknownEvent: e('ResourceNotFoundException', 'Auth event not found.'),
      eventsStranger: e('UserNotFoundException', 'User does not exist.'),
      eventsWithoutAddOns: e('UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.'),
    });
  });
});

/**
 * Lambda triggers. kognito does not invoke Lambda functions yet: when a pool names one, the event it
 * would receive is logged, so nothing happens silently.
 */
import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';

export function triggerEvent(pool: UserPool, user: User, triggerSource: string, clientId: string, request: Record<string, unknown>) {
  return {
    version: '1',
    triggerSource,
    region: pool.region,
    userPoolId: pool.id,
    userName: user.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
    request: {
      userAttributes: { sub: user.sub, ...user.attributes, 'cognito:user_status': user.status },
      ...request,
    },
    response: {},
  };
}

/** AdminConfirmSignUp and other admin calls have no app client. */
export const NO_CLIENT_ID = 'CLIENT_ID_NOT_APPLICABLE';

/** `event` is built only when the pool names a function for the trigger (ConfirmSignUp's hot path). */
export function invokeTrigger(ctx: Context, pool: UserPool, trigger: string, event: () => ReturnType<typeof triggerEvent>): void {
  const lambdaConfig = (pool.description.LambdaConfig ?? {}) as Record<string, unknown>;
  if (!lambdaConfig[trigger]) return;
  ctx.log.warn({ trigger, function: lambdaConfig[trigger], event: event() }, 'kognito does not invoke Lambda triggers yet; event not delivered');
}

/** PostConfirmation_ConfirmSignUp, after ConfirmSignUp or AdminConfirmSignUp. */
export function postConfirmation(ctx: Context, pool: UserPool, user: User, clientId: string, clientMetadata: Record<string, string> | undefined): void {
  invokeTrigger(ctx, pool, 'PostConfirmation', () =>
    triggerEvent(pool, user, 'PostConfirmation_ConfirmSignUp', clientId, { clientMetadata: clientMetadata ?? {} }),
  );
}

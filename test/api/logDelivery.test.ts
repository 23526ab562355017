/** Log export settings through the SDK v3: SetLogDeliveryConfiguration / GetLogDeliveryConfiguration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserPoolCommand, GetLogDeliveryConfigurationCommand, SetLogDeliveryConfigurationCommand, type LogConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import { call, expectSdkError, sdkFailure, startServer, type TestServer } from '../support/server.js';
import { duplicateSource, invalidDestinationArn, ONE_DESTINATION, userAuthEventsUnavailable, wrongDestination, wrongLevel } from '../../src/domain/logDelivery.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const newPool = async (tier: 'PLUS' | 'ESSENTIALS' | 'LITE' = 'PLUS') => (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'logged', UserPoolTier: tier }))).UserPool!.Id!;
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/pool';
const NOTIFICATIONS: LogConfigurationType = { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } };
const AUTH_EVENTS: LogConfigurationType = {
  EventSource: 'userAuthEvents',
  LogLevel: 'INFO',
  FirehoseConfiguration: { StreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito-events' },
};
const set = (UserPoolId: string, LogConfigurations: LogConfigurationType[]) => new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations });
const getRaw = async (UserPoolId: string) => (await call(t.url, 'GetLogDeliveryConfiguration', { UserPoolId })).body;

describe('SetLogDeliveryConfiguration / GetLogDeliveryConfiguration', () => {
  it('keeps the configurations as given and describes them; an empty list turns export off', async () => {
    const userPoolId = await newPool();
    expect(await getRaw(userPoolId)).toEqual({ LogDeliveryConfiguration: { UserPoolId: userPoolId } });
    const s3: LogConfigurationType = { EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: 'arn:aws:s3:::my-cognito-logs' } };
    const answer = await t.sdk.send(set(userPoolId, [NOTIFICATIONS, s3]));
    expect(answer.LogDeliveryConfiguration).toEqual({ UserPoolId: userPoolId, LogConfigurations: [NOTIFICATIONS, s3] });
    const got = await t.sdk.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: userPoolId }));
    expect(got.LogDeliveryConfiguration).toEqual(answer.LogDeliveryConfiguration);
    // The list replaces the previous one.
    await t.sdk.send(set(userPoolId, [AUTH_EVENTS]));
    expect((await getRaw(userPoolId)).LogDeliveryConfiguration.LogConfigurations).toEqual([AUTH_EVENTS]);
    const off = await t.sdk.send(set(userPoolId, []));
    expect(off.LogDeliveryConfiguration).toEqual({ UserPoolId: userPoolId });
    expect(await getRaw(userPoolId)).toEqual({ LogDeliveryConfiguration: { UserPoolId: userPoolId } });
  });

  it('takes notification logs on every tier; a log group ARN ending in :* fails the model\'s ARN pattern', async () => {
    for (const tier of ['ESSENTIALS', 'LITE'] as const) {
      const userPoolId = await newPool(tier);
      expect((await t.sdk.send(set(userPoolId, [NOTIFICATIONS]))).LogDeliveryConfiguration!.LogConfigurations).toEqual([NOTIFICATIONS]);
    }
    const userPoolId = await newPool();
    const error = await sdkFailure(t.sdk, set(userPoolId, [{ ...NOTIFICATIONS, CloudWatchLogsConfiguration: { LogGroupArn: `${LOG_GROUP}:*` } }]));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain(`Value '${LOG_GROUP}:*' at 'logConfigurations.1.member.cloudWatchLogsConfiguration.logGroupArn' failed to satisfy constraint: Member must satisfy regular expression pattern`);
  });

  it('refuses levels, destinations and ARNs the event source does not take, keeping the previous configuration', async () => {
    const userPoolId = await newPool();
    await t.sdk.send(set(userPoolId, [NOTIFICATIONS]));
    const refusals: [LogConfigurationType[], string][] = [
      [[{ ...NOTIFICATIONS, LogLevel: 'INFO' }], wrongLevel('userNotification', 'INFO')],
      [[{ ...AUTH_EVENTS, LogLevel: 'ERROR' }], wrongLevel('userAuthEvents', 'ERROR')],
      [[{ EventSource: 'userNotification', LogLevel: 'ERROR', S3Configuration: { BucketArn: 'arn:aws:s3:::my-cognito-logs' } }], wrongDestination('userNotification', 'S3Configuration')],
      [[{ EventSource: 'userNotification', LogLevel: 'ERROR' }], ONE_DESTINATION],
      [[{ ...AUTH_EVENTS, CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } }], ONE_DESTINATION],
      [[NOTIFICATIONS, { ...NOTIFICATIONS }], duplicateSource('userNotification')],
      [[{ ...NOTIFICATIONS, CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x' } }],
        invalidDestinationArn('LogGroupArn', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x')],
      [[{ ...NOTIFICATIONS, CloudWatchLogsConfiguration: {} }], invalidDestinationArn('LogGroupArn', '')],
    ];
    for (const [configurations, message] of refusals) await expectSdkError(t.sdk, set(userPoolId, configurations), 'InvalidParameterException', message);
    expect((await getRaw(userPoolId)).LogDeliveryConfiguration.LogConfigurations).toEqual([NOTIFICATIONS]);
  });

  it('refuses user activity logs below the Plus tier (FeatureUnavailableInTierException)', async () => {
    for (const tier of ['ESSENTIALS', 'LITE'] as const) {
      const userPoolId = await newPool(tier);
      const error = await sdkFailure(t.sdk, set(userPoolId, [AUTH_EVENTS]));
      expect({ name: error.name, message: error.message, status: error.$metadata.httpStatusCode }).toEqual({
        name: 'FeatureUnavailableInTierException',
        message: userAuthEventsUnavailable(tier),
        status: 400,
      });
      expect(await getRaw(userPoolId)).toEqual({ LogDeliveryConfiguration: { UserPoolId: userPoolId } });
    }
  });

  it('refuses what the model refuses (an unknown event source, more than two configurations) with 1-based member paths', async () => {
    const userPoolId = await newPool();
    const bad = await call(t.url, 'SetLogDeliveryConfiguration', { UserPoolId: userPoolId, LogConfigurations: [{ EventSource: 'userSignIns', LogLevel: 'INFO' }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value 'userSignIns' at 'logConfigurations.1.member.eventSource' failed to satisfy constraint: Member must satisfy enum value set: [userNotification, userAuthEvents]",
    });
    const three = await call(t.url, 'SetLogDeliveryConfiguration', { UserPoolId: userPoolId, LogConfigurations: [NOTIFICATIONS, AUTH_EVENTS, NOTIFICATIONS] });
    expect(three.status).toBe(400);
    expect(three.body.message).toMatch(/at 'logConfigurations' failed to satisfy constraint: Member must have length less than or equal to 2$/);
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expectSdkError(t.sdk, new GetLogDeliveryConfigurationCommand({ UserPoolId: 'us-east-1_nothere' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
    await expectSdkError(t.sdk, set('us-east-1_nothere', [NOTIFICATIONS]), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
  });
});

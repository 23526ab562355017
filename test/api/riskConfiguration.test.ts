/** Threat protection's risk configuration through the SDK v3: SetRiskConfiguration / DescribeRiskConfiguration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DescribeRiskConfigurationCommand,
  SetRiskConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call, expectSdkError, startServer, type TestServer } from '../support/server.js';
import { invalidCidr, NOTIFY_WITHOUT_CONFIGURATION } from '../../src/domain/riskConfiguration.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

async function poolWithClient(tier: 'PLUS' | 'ESSENTIALS' | 'LITE' = 'PLUS') {
  const pool = (await t.sdk.send(new CreateUserPoolCommand({ PoolName: 'guarded', UserPoolTier: tier }))).UserPool!;
  const client = (await t.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id!, ClientName: 'web' }))).UserPoolClient!;
  return { userPoolId: pool.Id!, clientId: client.ClientId! };
}
const describeRisk = async (UserPoolId: string, ClientId?: string) =>
  (await call(t.url, 'DescribeRiskConfiguration', { UserPoolId, ...(ClientId ? { ClientId } : {}) })).body.RiskConfiguration;

const TAKEOVER = {
  NotifyConfiguration: {
    From: 'security@example.com',
    SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
    BlockEmail: { Subject: 'Blocked', HtmlBody: '<p>Blocked</p>', TextBody: 'Blocked' },
  },
  Actions: {
    LowAction: { Notify: false, EventAction: 'NO_ACTION' },
    MediumAction: { Notify: true, EventAction: 'MFA_IF_CONFIGURED' },
    HighAction: { Notify: true, EventAction: 'BLOCK' },
  },
} as const;

describe('SetRiskConfiguration / DescribeRiskConfiguration', () => {
  it('keeps the pool\'s configuration as given, EventFilter defaulting to every event, with LastModifiedDate', async () => {
    const { userPoolId } = await poolWithClient();
    const set = await t.sdk.send(
      new SetRiskConfigurationCommand({
        UserPoolId: userPoolId,
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
        AccountTakeoverRiskConfiguration: TAKEOVER,
        RiskExceptionConfiguration: { BlockedIPRangeList: ['10.10.10.10/32'], SkippedIPRangeList: ['192.168.0.0/16', '2001:db8::/32'] },
      }),
    );
    expect(set.RiskConfiguration).toMatchObject({
      UserPoolId: userPoolId,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'], Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: TAKEOVER,
      RiskExceptionConfiguration: { BlockedIPRangeList: ['10.10.10.10/32'], SkippedIPRangeList: ['192.168.0.0/16', '2001:db8::/32'] },
    });
    expect(set.RiskConfiguration!.ClientId).toBeUndefined();
    expect(set.RiskConfiguration!.LastModifiedDate).toBeInstanceOf(Date);
    const described = await t.sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: userPoolId }));
    expect(described.RiskConfiguration).toEqual(set.RiskConfiguration);
  });

  it('a client\'s own configuration applies to it alone; resetting it (UserPoolId and ClientId only) inherits the pool\'s again', async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await t.sdk.send(new SetRiskConfigurationCommand({ UserPoolId: userPoolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8'] } }));
    await t.sdk.send(
      new SetRiskConfigurationCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'NO_ACTION' } },
      }),
    );
    const own = await describeRisk(userPoolId, clientId);
    expect(own).toEqual({
      UserPoolId: userPoolId,
      ClientId: clientId,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'NO_ACTION' } },
      LastModifiedDate: expect.any(Number),
    });
    expect((await describeRisk(userPoolId)).RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['10.0.0.0/8'] });

    const reset = await t.sdk.send(new SetRiskConfigurationCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    expect(reset.RiskConfiguration!.RiskExceptionConfiguration).toEqual({ BlockedIPRangeList: ['10.0.0.0/8'] });
    expect(await describeRisk(userPoolId, clientId)).toEqual(await describeRisk(userPoolId));
    // The pool reset to its defaults: nothing configured.
    await t.sdk.send(new SetRiskConfigurationCommand({ UserPoolId: userPoolId }));
    expect(await describeRisk(userPoolId, clientId)).toEqual({ UserPoolId: userPoolId });
  });

  it('each request replaces the whole configuration', async () => {
    const { userPoolId } = await poolWithClient();
    await t.sdk.send(new SetRiskConfigurationCommand({ UserPoolId: userPoolId, AccountTakeoverRiskConfiguration: TAKEOVER }));
    await t.sdk.send(new SetRiskConfigurationCommand({ UserPoolId: userPoolId, RiskExceptionConfiguration: { SkippedIPRangeList: ['10.1.0.0/16'] } }));
    const described = await describeRisk(userPoolId);
    expect(described.AccountTakeoverRiskConfiguration).toBeUndefined();
    expect(described.RiskExceptionConfiguration).toEqual({ SkippedIPRangeList: ['10.1.0.0/16'] });
  });

  it('a deleted client is described no more; the pool\'s configuration stays', async () => {
    const { userPoolId, clientId } = await poolWithClient();
    await t.sdk.send(new SetRiskConfigurationCommand({ UserPoolId: userPoolId, ClientId: clientId, RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.1/32'] } }));
    await t.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    await expectSdkError(t.sdk, new DescribeRiskConfigurationCommand({ UserPoolId: userPoolId, ClientId: clientId }), 'ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    expect(await describeRisk(userPoolId)).toEqual({ UserPoolId: userPoolId });
  });

  it('refuses ranges not in CIDR notation and notifying actions without NotifyConfiguration, storing nothing', async () => {
    const { userPoolId } = await poolWithClient();
    for (const range of ['10.10.10.10', '10.0.0.0/33', '300.1.1.1/32', 'example.com/24', '2001:db8::/129', '10.0.0.0/8/1']) {
      await expectSdkError(
        t.sdk,
        new SetRiskConfigurationCommand({ UserPoolId: userPoolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8', range] } }),
        'InvalidParameterException',
        invalidCidr(range),
      );
    }
    await expectSdkError(
      t.sdk,
      new SetRiskConfigurationCommand({ UserPoolId: userPoolId, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } } } }),
      'InvalidParameterException',
      NOTIFY_WITHOUT_CONFIGURATION,
    );
    // Without notification the same action is fine.
    await t.sdk.send(
      new SetRiskConfigurationCommand({ UserPoolId: userPoolId, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: 'BLOCK' } } } }),
    );
    expect((await describeRisk(userPoolId)).RiskExceptionConfiguration).toBeUndefined();
  });

  it('refuses what the model refuses (an event action outside its enum, more than 200 ranges) before anything else', async () => {
    const { userPoolId } = await poolWithClient();
    const bad = await call(t.url, 'SetRiskConfiguration', { UserPoolId: userPoolId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'ALLOW' } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value 'ALLOW' at 'compromisedCredentialsRiskConfiguration.actions.eventAction' failed to satisfy constraint: Member must satisfy enum value set: [BLOCK, NO_ACTION]",
    });
    const many = await call(t.url, 'SetRiskConfiguration', {
      UserPoolId: userPoolId,
      RiskExceptionConfiguration: { BlockedIPRangeList: Array.from({ length: 201 }, (_, i) => `10.0.${i}.0/24`) },
    });
    expect(many.status).toBe(400);
    expect(many.body.message).toMatch(/at 'riskExceptionConfiguration.blockedIPRangeList' failed to satisfy constraint: Member must have length less than or equal to 200$/);
  });

  it('refuses a pool below the Plus tier in the words of threat protection\'s tier refusal, but describes it', async () => {
    for (const tier of ['ESSENTIALS', 'LITE'] as const) {
      const { userPoolId } = await poolWithClient(tier);
      await expectSdkError(
        t.sdk,
        new SetRiskConfigurationCommand({ UserPoolId: userPoolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8'] } }),
        'FeatureUnavailableInTierException',
        `The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`,
      );
      expect(await describeRisk(userPoolId)).toEqual({ UserPoolId: userPoolId });
    }
  });

  it('answers ResourceNotFoundException for an unknown pool or client (another pool\'s too)', async () => {
    const { userPoolId } = await poolWithClient();
    const other = await poolWithClient();
    await expectSdkError(t.sdk, new DescribeRiskConfigurationCommand({ UserPoolId: 'us-east-1_nothere' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
    await expectSdkError(t.sdk, new SetRiskConfigurationCommand({ UserPoolId: 'us-east-1_nothere' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere does not exist.');
    await expectSdkError(t.sdk, new SetRiskConfigurationCommand({ UserPoolId: userPoolId, ClientId: other.clientId }), 'ResourceNotFoundException', `User pool client ${other.clientId} does not exist.`);
    await expectSdkError(t.sdk, new DescribeRiskConfigurationCommand({ UserPoolId: userPoolId, ClientId: 'nosuchclient' }), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.');
  });
});

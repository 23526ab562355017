import { describe, expect, it } from 'vitest';
import model from '../../src/protocol/model.json' with { type: 'json' };
import { CognitoError } from '../../src/protocol/errors.js';
import {
  EXPECTED_LIST_OR_NULL,
  EXPECTED_MAP_OR_NULL,
  EXPECTED_STRUCTURE_OR_NULL,
  LIST_NOT_EXPECTED,
  STRUCTURE_NOT_EXPECTED,
  compileEveryOperation,
  isModeledOperation,
  isUnauthenticatedOperation,
  operationNames,
  targetPrefix,
  validateInput,
} from '../../src/protocol/validate.js';
import { UntranslatablePatternError, translateJavaPattern } from '../../src/protocol/javaPattern.js';

const USERNAME_PATTERN = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';
const POOL_ID = 'us-east-1_AbCdEf123';
const CLIENT_ID = '1example23456789abcdefghij';
const TERMS_ID = '3f2b8c1e-4d5a-4b6c-9d7e-0123456789ab';

/** The error validateInput throws (fails the test if it does not throw a CognitoError). */
function failure(operation: string, input: Record<string, unknown>): CognitoError {
  try {
    validateInput(operation, input);
  } catch (error) {
    expect(error).toBeInstanceOf(CognitoError);
    return error as CognitoError;
  }
  throw new Error(`${operation} ${JSON.stringify(input)} passed validation`);
}

function invalid(operation: string, input: Record<string, unknown>): string {
  const error = failure(operation, input);
  expect(error.type).toBe('InvalidParameterException');
  expect(error.status).toBe(400);
  return error.message;
}

function serialization(operation: string, input: Record<string, unknown>): string {
  const error = failure(operation, input);
  expect(error.type).toBe('SerializationException');
  expect(error.status).toBe(400);
  return error.message;
}

describe('spec B.1 examples and test ideas 9-14', () => {
  it('9: UserCode "1" fails the minimum length, value omitted (sensitive)', () => {
    expect(invalid('VerifySoftwareToken', { UserCode: '1', AccessToken: 'x' })).toBe(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
  });

  it('10: UserCode "abcdef" fails the pattern [0-9]+', () => {
    expect(invalid('VerifySoftwareToken', { UserCode: 'abcdef', AccessToken: 'x' })).toBe(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );
  });

  it('11: Username "a b" fails the pattern, value omitted (sensitive)', () => {
    expect(invalid('ConfirmSignUp', { ClientId: CLIENT_ID, Username: 'a b', ConfirmationCode: '123456' })).toBe(
      `1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: ${USERNAME_PATTERN}`,
    );
  });

  it('12: UserPoolId "bad" prints the value', () => {
    expect(invalid('AdminConfirmSignUp', { UserPoolId: 'bad', Username: 'bob' })).toBe(
      "1 validation error detected: Value 'bad' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });

  it('12b: the B.1 userPoolId example: the message format for a pool id placeholder', () => {
    // The issue quoted 'YOUR_USER_POOL_ID', but that literal matches [\w-]+_[0-9a-zA-Z]+ under Java and
    // JavaScript alike (YOUR_USER_POOL + _ + ID), so the real value must have differed; same message shape:
    expect(() => validateInput('AdminConfirmSignUp', { UserPoolId: 'YOUR_USER_POOL_ID', Username: 'bob' })).not.toThrow();
    expect(invalid('AdminConfirmSignUp', { UserPoolId: 'YOUR-USER-POOL-ID', Username: 'admin@example.com' })).toBe(
      "1 validation error detected: Value 'YOUR-USER-POOL-ID' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });

  it('13: missing ConfirmationCode is Value null … Member must not be null', () => {
    expect(invalid('ConfirmSignUp', { ClientId: CLIENT_ID, Username: 'bob' })).toBe(
      "1 validation error detected: Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null",
    );
  });

  it('13: null counts as missing', () => {
    expect(invalid('ConfirmSignUp', { ClientId: CLIENT_ID, Username: 'bob', ConfirmationCode: null })).toBe(
      "1 validation error detected: Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null",
    );
  });

  it('13: two violations are counted and joined with "; " (B.1 LambStatus example, length before pattern)', () => {
    expect(invalid('AdminGetUser', { UserPoolId: POOL_ID, Username: '' })).toBe(
      "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        `Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: ${USERNAME_PATTERN}`,
    );
  });

  it('13: violations follow model member order, across members', () => {
    expect(invalid('ConfirmSignUp', { Username: 'a b', ClientId: 'ap-northeast-1_xxxxxxxxx' })).toBe(
      '3 validation errors detected: ' +
        "Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+; " +
        `Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: ${USERNAME_PATTERN}; ` +
        "Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null",
    );
  });

  it('B.1: a missing sensitive member still prints Value null', () => {
    expect(invalid('AdminGetUser', { UserPoolId: POOL_ID })).toBe(
      "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
    );
  });

  it('14: the DeviceKey documentation example fails the pattern', () => {
    expect(
      invalid('ConfirmDevice', { AccessToken: 'eyJ.abc.def', DeviceKey: 'us-west-2_a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' }),
    ).toBe(
      "1 validation error detected: Value 'us-west-2_a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+",
    );
    expect(() =>
      validateInput('ConfirmDevice', { AccessToken: 'eyJ.abc.def', DeviceKey: 'us-west-2_a1b2c3d4-5678-90ab-cdef-0123456789ab' }),
    ).not.toThrow();
  });

  it('an enum violation lists the enum values', () => {
    expect(invalid('AdminCreateUser', { UserPoolId: POOL_ID, Username: 'bob', MessageAction: 'NOPE' })).toBe(
      "1 validation error detected: Value 'NOPE' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]",
    );
  });

  it('a wrong JSON type is a SerializationException (object given for a string, amplify-js#5165)', () => {
    expect(
      serialization('ConfirmForgotPassword', {
        ClientId: 'dfsfsd',
        Username: 'paul.cowan',
        ConfirmationCode: { verificationCode: '172476' },
        Password: 'SKLJLKJFD9080809_sklkj',
      }),
    ).toBe('Start of structure or map found where not expected.');
  });

  it('a valid ConfirmSignUp input passes', () => {
    expect(() =>
      validateInput('ConfirmSignUp', {
        ClientId: CLIENT_ID,
        SecretHash: 'qF0j2mvZk7V6b3pJ3f0h1GzN5m9m2S1w0w4A0x1y2z3=',
        Username: 'testuser@example.com',
        ConfirmationCode: '123456',
        ForceAliasCreation: false,
        AnalyticsMetadata: { AnalyticsEndpointId: 'endpoint' },
        ClientMetadata: { source: 'test' },
        UnknownMember: { ignored: true },
      }),
    ).not.toThrow();
  });
});

describe('more constraint messages', () => {
  it('ClientId is sensitive in the current model: value omitted (boto3#3581 printed it in 2023)', () => {
    expect(invalid('ResendConfirmationCode', { ClientId: 'ap-northeast-1_xxxxxxxxx', Username: 'bob' })).toBe(
      "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    );
  });

  it('maximum length', () => {
    expect(invalid('AdminGetUser', { UserPoolId: POOL_ID, Username: 'x'.repeat(129) })).toBe(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it('string length counts code points', () => {
    expect(() => validateInput('AdminGetUser', { UserPoolId: POOL_ID, Username: '😀'.repeat(128) })).not.toThrow();
    expect(invalid('AdminGetUser', { UserPoolId: POOL_ID, Username: '😀'.repeat(129) })).toBe(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it('Session below its minimum of 20', () => {
    expect(invalid('VerifySoftwareToken', { Session: 'short', UserCode: '123456' })).toBe(
      "1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  });

  it('an empty Password fails [\\S]+, a password with a space too', () => {
    expect(invalid('SignUp', { ClientId: CLIENT_ID, Username: 'bob', Password: 'a b' })).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    );
    expect(invalid('SignUp', { ClientId: CLIENT_ID, Username: 'bob', Password: '' })).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    );
  });

  it('numbers: min and max are value constraints', () => {
    expect(invalid('ListUsers', { UserPoolId: POOL_ID, Limit: 61 })).toBe(
      "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    expect(invalid('ListUsers', { UserPoolId: POOL_ID, Limit: -1 })).toBe(
      "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    expect(() => validateInput('ListUsers', { UserPoolId: POOL_ID, Limit: 60 })).not.toThrow();
  });

  it('lists: size constraints are lengths', () => {
    expect(invalid('AddCustomAttributes', { UserPoolId: POOL_ID, CustomAttributes: [] })).toBe(
      "1 validation error detected: Value '[]' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(
      invalid('CreateUserPoolClient', {
        UserPoolId: POOL_ID,
        ClientName: 'web',
        AllowedOAuthFlows: ['code', 'implicit', 'client_credentials', 'code'],
      }),
    ).toBe(
      "1 validation error detected: Value '[code, implicit, client_credentials, code]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must have length less than or equal to 3",
    );
  });

  it('lists of enums: one Member must satisfy constraint: [...] error (media-insights-on-aws#199 shape)', () => {
    expect(
      invalid('CreateUserPoolClient', {
        UserPoolId: POOL_ID,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH'],
      }),
    ).toBe(
      "1 validation error detected: Value '[ALLOW_USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH]' at 'explicitAuthFlows' failed to satisfy constraint: " +
        'Member must satisfy constraint: [Member must satisfy enum value set: [ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH, ' +
        'ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_AUTH]]',
    );
  });

  it('lists of structures: Coral paths userAttributes.N.member.x, sensitive values omitted', () => {
    expect(
      invalid('AdminCreateUser', {
        UserPoolId: POOL_ID,
        Username: 'bob',
        UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }, { Value: 'x' }, { Name: 'n'.repeat(33), Value: 'v'.repeat(2049) }],
      }),
    ).toBe(
      '3 validation errors detected: ' +
        "Value null at 'userAttributes.2.member.name' failed to satisfy constraint: Member must not be null; " +
        `Value '${'n'.repeat(33)}' at 'userAttributes.3.member.name' failed to satisfy constraint: Member must have length less than or equal to 32; ` +
        "Value at 'userAttributes.3.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048",
    );
  });

  it('a null list element is a null member', () => {
    expect(invalid('SignUp', { ClientId: CLIENT_ID, Username: 'bob', UserAttributes: [null] })).toBe(
      "1 validation error detected: Value null at 'userAttributes.1.member' failed to satisfy constraint: Member must not be null",
    );
  });

  it('nested structures: dotted path', () => {
    expect(
      invalid('CreateUserPoolClient', {
        UserPoolId: POOL_ID,
        ClientName: 'web',
        AnalyticsConfiguration: { ApplicationId: 'xyz' },
      }),
    ).toBe(
      "1 validation error detected: Value 'xyz' at 'analyticsConfiguration.applicationId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-fA-F]+$",
    );
  });

  it('maps: Map value must satisfy constraint: [max, min] (cognito-identity logins shape)', () => {
    const big = 'v'.repeat(131073);
    expect(invalid('AdminConfirmSignUp', { UserPoolId: POOL_ID, Username: 'bob', ClientMetadata: { k: big } })).toBe(
      `1 validation error detected: Value '{k=${big}}' at 'clientMetadata' failed to satisfy constraint: ` +
        'Map value must satisfy constraint: [Member must have length less than or equal to 131072, Member must have length greater than or equal to 0]',
    );
  });

  it('maps: keys first, then values; map size', () => {
    expect(
      invalid('UpdateTerms', {
        TermsId: TERMS_ID,
        UserPoolId: POOL_ID,
        Links: { 'cognito:klingon': 'https://example.com/a b' },
      }),
    ).toBe(
      '2 validation errors detected: ' +
        "Value '{cognito:klingon=https://example.com/a b}' at 'links' failed to satisfy constraint: Map keys must satisfy constraint: " +
        '[Member must satisfy regular expression pattern: ^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$]; ' +
        "Value '{cognito:klingon=https://example.com/a b}' at 'links' failed to satisfy constraint: Map value must satisfy constraint: " +
        '[Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$]',
    );
    expect(invalid('UpdateTerms', { TermsId: TERMS_ID, UserPoolId: POOL_ID, Links: {} })).toBe(
      "1 validation error detected: Value '{}' at 'links' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('sensitive maps never print their content', () => {
    expect(
      invalid('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'bob', PASSWORD: 'p'.repeat(131073) },
      }),
    ).toBe(
      "1 validation error detected: Value at 'authParameters' failed to satisfy constraint: Map value must satisfy constraint: " +
        '[Member must have length less than or equal to 131072, Member must have length greater than or equal to 0]',
    );
  });

  it('members of a sensitive structure are omitted too', () => {
    expect(
      invalid('SignUp', { ClientId: CLIENT_ID, Username: 'bob', UserContextData: { EncodedData: 'e'.repeat(131073) } }),
    ).toBe(
      "1 validation error detected: Value at 'userContextData.encodedData' failed to satisfy constraint: Member must have length less than or equal to 131072",
    );
  });
});

describe('SerializationException for wrong JSON types', () => {
  const base = { ClientId: CLIENT_ID, Username: 'bob', ConfirmationCode: '123456' };

  it.each([
    ['an object for a string', { Username: {} }, STRUCTURE_NOT_EXPECTED],
    ['an array for a string', { Username: ['bob'] }, LIST_NOT_EXPECTED],
    ['a number for a string', { Username: 5 }, 'NUMBER_VALUE can not be converted to a String'],
    ['a boolean for a string', { Username: true }, 'TRUE_VALUE can not be converted to a String'],
    ['a string for a map', { ClientMetadata: 'x' }, EXPECTED_MAP_OR_NULL],
    ['an array for a map', { ClientMetadata: [] }, LIST_NOT_EXPECTED],
    ['a number as a map value', { ClientMetadata: { a: 1 } }, 'NUMBER_VALUE can not be converted to a String'],
    ['a string for a structure', { AnalyticsMetadata: 'x' }, EXPECTED_STRUCTURE_OR_NULL],
    ['an array for a structure', { AnalyticsMetadata: [] }, LIST_NOT_EXPECTED],
    ['a string for a boolean', { ForceAliasCreation: 'true' }, 'STRING_VALUE can not be converted to a Boolean'],
    ['a number for a boolean', { ForceAliasCreation: 1 }, 'NUMBER_VALUE can not be converted to a Boolean'],
  ])('%s', (_name, override, message) => {
    expect(serialization('ConfirmSignUp', { ...base, ...override })).toBe(message);
  });

  it('lists and integers', () => {
    const pool = { UserPoolId: POOL_ID, Username: 'bob' };
    expect(serialization('AdminCreateUser', { ...pool, UserAttributes: 'email' })).toBe(EXPECTED_LIST_OR_NULL);
    expect(serialization('AdminCreateUser', { ...pool, UserAttributes: {} })).toBe(STRUCTURE_NOT_EXPECTED);
    expect(serialization('AdminCreateUser', { ...pool, UserAttributes: [{ Name: 'email', Value: false }] })).toBe(
      'FALSE_VALUE can not be converted to a String',
    );
    expect(serialization('ListUsers', { UserPoolId: POOL_ID, Limit: '5' })).toBe(
      'STRING_VALUE can not be converted to an Integer',
    );
    expect(serialization('ListUsers', { UserPoolId: POOL_ID, Limit: 1.5 })).toBe(
      'DECIMAL_VALUE can not be converted to an Integer',
    );
    expect(serialization('ListUsers', { UserPoolId: POOL_ID, Limit: true })).toBe(
      'TRUE_VALUE can not be converted to an Integer',
    );
  });

  it('wins over constraint violations found earlier', () => {
    expect(serialization('ConfirmSignUp', { ClientId: 'bad-id', Username: 'a b', ClientMetadata: 'x' })).toBe(
      EXPECTED_MAP_OR_NULL,
    );
  });
});

describe('operations', () => {
  it('lists every operation of the model', () => {
    expect(operationNames).toHaveLength(122);
    expect(operationNames).toEqual(Object.keys(model.operations));
    expect(operationNames).toContain('ConfirmSignUp');
    expect(targetPrefix).toBe('AWSCognitoIdentityProviderService');
  });

  it('isModeledOperation', () => {
    expect(isModeledOperation('AdminConfirmSignUp')).toBe(true);
    expect(isModeledOperation('confirmSignUp')).toBe(false);
    expect(isModeledOperation('__proto__')).toBe(false);
    expect(isModeledOperation('toString')).toBe(false);
  });

  it('isUnauthenticatedOperation matches the 32 public operations of spec A.2', () => {
    const publicOps = [
      'AssociateSoftwareToken', 'ChangePassword', 'CompleteWebAuthnRegistration', 'ConfirmDevice',
      'ConfirmForgotPassword', 'ConfirmSignUp', 'DeleteUser', 'DeleteUserAttributes', 'DeleteWebAuthnCredential',
      'ForgetDevice', 'ForgotPassword', 'GetDevice', 'GetTokensFromRefreshToken', 'GetUser',
      'GetUserAttributeVerificationCode', 'GetUserAuthFactors', 'GlobalSignOut', 'InitiateAuth', 'ListDevices',
      'ListWebAuthnCredentials', 'ResendConfirmationCode', 'RespondToAuthChallenge', 'RevokeToken',
      'SetUserMFAPreference', 'SetUserSettings', 'SignUp', 'StartWebAuthnRegistration',
      'UpdateAuthEventFeedback', 'UpdateDeviceStatus', 'UpdateUserAttributes', 'VerifySoftwareToken',
      'VerifyUserAttribute',
    ];
    expect(operationNames.filter(isUnauthenticatedOperation)).toEqual(publicOps);
    expect(isUnauthenticatedOperation('AdminConfirmSignUp')).toBe(false);
    expect(isUnauthenticatedOperation('NoSuchOperation')).toBe(false);
  });

  it('an unknown operation is refused', () => {
    const error = failure('NoSuchOperation', {});
    expect(error.type).toBe('UnknownOperationException');
  });

  it('every operation accepts its minimal input or reports only missing members', () => {
    for (const name of operationNames) {
      try {
        validateInput(name, {});
      } catch (error) {
        expect((error as CognitoError).type).toBe('InvalidParameterException');
        for (const line of (error as CognitoError).message.replace(/^\d+ validation errors? detected: /, '').split('; ')) {
          expect(line).toMatch(/^Value null at '[a-z][A-Za-z]*' failed to satisfy constraint: Member must not be null$/);
        }
      }
    }
  });
});

describe('Java patterns', () => {
  const modelPatterns = [
    ...new Set(
      Object.values(model.shapes as Record<string, { pattern?: string }>)
        .map((shape) => shape.pattern)
        .filter((pattern): pattern is string => pattern !== undefined),
    ),
  ].sort();

  it('every pattern of the model translates and compiles', () => {
    expect(modelPatterns.length).toBeGreaterThan(30);
    const compiledPatterns = compileEveryOperation();
    for (const pattern of modelPatterns) {
      expect(() => translateJavaPattern(pattern), pattern).not.toThrow();
      expect(compiledPatterns.get(pattern), pattern).toBeInstanceOf(RegExp);
    }
    expect([...compiledPatterns.keys()].sort()).toEqual(modelPatterns);
  });

  const matches = (pattern: string, value: string) => translateJavaPattern(pattern).test(value);

  it('full match, Java semantics', () => {
    expect(matches(USERNAME_PATTERN, 'bob+tag@example.com')).toBe(true);
    expect(matches(USERNAME_PATTERN, 'back\\slash😀')).toBe(true);
    expect(matches(USERNAME_PATTERN, 'a b')).toBe(false);
    expect(matches(USERNAME_PATTERN, 'tab\there')).toBe(false);
    expect(matches('[\\w+]+', 'abc+123_')).toBe(true);
    expect(matches('[\\w+]+', 'ap-northeast-1')).toBe(false);
    expect(matches('[\\w+]+', 'é')).toBe(false); // Java \w is ASCII
    expect(matches('[\\S]+', 'abc')).toBe(true);
    expect(matches('[\\S]+', 'a b')).toBe(false);
    expect(matches('[\\S]+', 'a\u00a0b')).toBe(true); // no-break space is not Java \s
    expect(matches('[\\S]+', 'a\u000bb')).toBe(false); // vertical tab is
    expect(matches('[\\S]+', '')).toBe(false);
    expect(matches('[A-Za-z0-9-_=.]+', 'eyJ-abc_def=.x')).toBe(true);
    expect(matches('[A-Za-z0-9-_=.]+', 'a b!')).toBe(false);
    expect(matches('[\\w-]+_[0-9a-zA-Z]+', 'us-east-1_AbC123')).toBe(true);
    expect(matches('[\\w-]+_[0-9a-zA-Z]+', 'us-east-1')).toBe(false);
    expect(matches('[\\w\\s+=,.@-]+', 'my client.name@x')).toBe(true);
    expect(matches('[\\w\\s+=,.@-]+', 'a\u2003b')).toBe(false); // em space: JS \s, not Java \s
    expect(matches('(?s).*', 'multi\nline')).toBe(true);
    expect(matches('.*\\{####\\}.*', 'code {####} here')).toBe(true);
    expect(matches('.*\\{####\\}.*', 'code\n{####}')).toBe(false); // . stops at line ends without (?s)
    expect(matches('^[0-9A-Za-z\\.\\-_]*(?<!\\.)$', 'abc.d')).toBe(true);
    expect(matches('^[0-9A-Za-z\\.\\-_]*(?<!\\.)$', 'abc.')).toBe(false);
    expect(matches('[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+', 'abc')).toBe(true);
    expect(matches('[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+', '_bc')).toBe(false);
    expect(matches('[\\x21\\x23-\\x5B\\x5D-\\x7E]+', 'abc"')).toBe(false);
    expect(matches('[0-9]+', '12a')).toBe(false);
  });

  it('constructs without an exact JavaScript equivalent are refused loudly', () => {
    for (const pattern of ['(?i)abc', 'a++', '[a-z&&[^b]]', '[a[bc]]', '\\p{javaLowerCase}+', '\\R', '(?>a)', '[^\\S]']) {
      expect(() => translateJavaPattern(pattern), pattern).toThrow(UntranslatablePatternError);
    }
  });
});

describe('speed', () => {
  it('validates a ConfirmSignUp input in microseconds', () => {
    const input = {
      ClientId: CLIENT_ID,
      SecretHash: 'qF0j2mvZk7V6b3pJ3f0h1GzN5m9m2S1w0w4A0x1y2z3=',
      Username: 'testuser@example.com',
      ConfirmationCode: '123456',
      ClientMetadata: { source: 'test' },
    };
    for (let i = 0; i < 10_000; i++) validateInput('ConfirmSignUp', input);
    const calls = 100_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) validateInput('ConfirmSignUp', input);
    const nanoseconds = Number(process.hrtime.bigint() - start) / calls;
    console.log(`validateInput(ConfirmSignUp): ${nanoseconds.toFixed(0)} ns per call`);
    expect(nanoseconds).toBeLessThan(20_000);
  });
});

describe('null map values (amazon-cognito-identity-js sends "DEVICE_KEY": null when it retries)', () => {
  const input = {
    ClientId: 'abc',
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: { USERNAME: 'ana', DEVICE_KEY: null },
  };
  it('reach the handler as absent keys', () => {
    expect(validateInput('RespondToAuthChallenge', input).ChallengeResponses).toEqual({ USERNAME: 'ana' });
  });
});

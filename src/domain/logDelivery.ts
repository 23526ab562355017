/**
 * Log export (SetLogDeliveryConfiguration): which event source goes at which level to which destination
 * [DOC LogConfigurationType; terraform-provider-aws#47790/#47894 observed the same rules failing]:
 * userNotification at ERROR to CloudWatch Logs only; userAuthEvents (threat protection's user activity,
 * Plus tier) at INFO to CloudWatch Logs, Data Firehose or S3. kognito keeps the settings and delivers nothing.
 */
import type { UserPool } from '../store/userPools.js';
import type { LogConfiguration } from '../store/logDeliveryConfigurations.js';
import { CognitoError, InvalidParameter } from '../protocol/errors.js';
import { tierOf } from './userPools.js';

/** The level each event source is exported at. */
export const LEVEL_OF_SOURCE = { userNotification: 'ERROR', userAuthEvents: 'INFO' } as const;
/** The destinations each event source may be exported to. */
export const DESTINATIONS_OF_SOURCE = {
  userNotification: ['CloudWatchLogsConfiguration'],
  userAuthEvents: ['CloudWatchLogsConfiguration', 'FirehoseConfiguration', 'S3Configuration'],
} as const;
const DESTINATIONS = ['CloudWatchLogsConfiguration', 'FirehoseConfiguration', 'S3Configuration'] as const;

/** The ARN each destination names: a log group, a Firehose stream, an S3 bucket. */
const DESTINATION_ARN = {
  CloudWatchLogsConfiguration: { member: 'LogGroupArn', pattern: /^arn:[\w-]+:logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]+$/ },
  FirehoseConfiguration: { member: 'StreamArn', pattern: /^arn:[\w-]+:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[\w.-]+$/ },
  S3Configuration: { member: 'BucketArn', pattern: /^arn:[\w-]+:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/ },
} as const;

/**
 * UNSURE: Cognito's texts for each refusal (InvalidParameterException); only the rules were found
 * (LogConfigurationType, the Terraform issues above), not the words.
 */
export const wrongLevel = (source: string, level: string) => `LogLevel ${level} is not supported for EventSource ${source}; use ${LEVEL_OF_SOURCE[source as keyof typeof LEVEL_OF_SOURCE]}.`;
export const wrongDestination = (source: string, destination: string) => `${destination} is not supported for EventSource ${source}.`;
export const ONE_DESTINATION = 'Exactly one of CloudWatchLogsConfiguration, FirehoseConfiguration or S3Configuration must be provided.';
export const duplicateSource = (source: string) => `Only one log configuration is allowed for EventSource ${source}.`;
export const invalidDestinationArn = (member: string, arn: string) => `${member} ${arn} is not a valid ARN for this destination.`;
/**
 * UNSURE: exporting userAuthEvents below the Plus tier answers FeatureUnavailableInTierException (the
 * model lists it for this operation; the docs make these logs a Plus feature) in the words Cognito uses
 * for a feature missing from a tier (as Email MFA's LITE refusal), naming the logs so.
 */
export const userAuthEventsUnavailable = (tier: string) => `The following feature is not available for the ${tier} pricing tier configured: User Auth Events Logging`;

/** The configurations as kept, in the order given; each checked against the rules above. */
export function checkLogConfigurations(pool: UserPool, configurations: LogConfiguration[]): LogConfiguration[] {
  const seen = new Set<string>();
  for (const configuration of configurations) {
    const source = configuration.EventSource;
    if (seen.has(source)) throw InvalidParameter(duplicateSource(source));
    seen.add(source);
    if (configuration.LogLevel !== LEVEL_OF_SOURCE[source]) throw InvalidParameter(wrongLevel(source, configuration.LogLevel));
    const given = DESTINATIONS.filter((destination) => configuration[destination] !== undefined);
    if (given.length !== 1) throw InvalidParameter(ONE_DESTINATION);
    const destination = given[0];
    if (!(DESTINATIONS_OF_SOURCE[source] as readonly string[]).includes(destination)) throw InvalidParameter(wrongDestination(source, destination));
    const { member, pattern } = DESTINATION_ARN[destination];
    const arn = (configuration[destination] as Record<string, string | undefined>)[member] ?? '';
    if (!pattern.test(arn)) throw InvalidParameter(invalidDestinationArn(member, arn));
    const tier = tierOf(pool.description);
    if (source === 'userAuthEvents' && tier !== 'PLUS') throw new CognitoError('FeatureUnavailableInTierException', userAuthEventsUnavailable(tier));
  }
  return configurations;
}

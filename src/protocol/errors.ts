/**
 * The one error type of kognito. Every failure a client can see is a CognitoError carrying the
 * AWS `__type`, the message AWS uses and the HTTP status; protocol/ serializes it.
 */
export class CognitoError extends Error {
  /** Set by the sign-in machine for errors after which a challenge may be answered again. */
  keepsSession = false;
  /** Set inside a single-use claim (domain/singleUse.ts) for errors whose writes are kept (a failure counted). */
  keepsWrites = false;
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** An error constructor of one `__type`. */
export const make = (type: string) => (message: string) => new CognitoError(type, message);

export const InvalidParameter = make('InvalidParameterException');
export const NotAuthorized = make('NotAuthorizedException');
export const ResourceNotFound = make('ResourceNotFoundException');
export const UserNotFound = make('UserNotFoundException');
export const CodeMismatch = make('CodeMismatchException');
export const ExpiredCode = make('ExpiredCodeException');
export const LimitExceeded = make('LimitExceededException');
export const UsernameExists = make('UsernameExistsException');
export const AliasExists = make('AliasExistsException');
export const InvalidPassword = make('InvalidPasswordException');
export const UserNotConfirmed = make('UserNotConfirmedException');
export const SerializationError = make('SerializationException');
export const UnknownOperation = make('UnknownOperationException');
export const internalError = (message = 'Internal server error.') =>
  new CognitoError('InternalErrorException', message, 500);

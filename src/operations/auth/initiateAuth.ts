import type { Call, Context } from '../../context.js';
import { eventOrigin } from '../../domain/authEvents.js';
import { findClient } from '../../domain/appClients.js';
import { initiateSignIn } from '../../domain/signIn/initiate.js';

export interface InitiateAuthInput {
  AuthFlow: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  ClientId: string;
  AnalyticsMetadata?: unknown;
  UserContextData?: { IpAddress?: string; EncodedData?: string };
  Session?: string;
}

export default function initiateAuth(input: InitiateAuthInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  return initiateSignIn({ ctx, pool, client, flow: input.AuthFlow, parameters: input.AuthParameters ?? {},
    admin: false,
    origin: eventOrigin(call, input.UserContextData),
    clientMetadata: input.ClientMetadata,
    call,
  });
}

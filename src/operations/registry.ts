import type { Operation } from '../context.js';

// Each handler declares its own input type; the protocol has validated the input against the model.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any>;

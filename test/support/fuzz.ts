/**
 * A fuzzer generated from the service model (src/protocol/model.json): for every operation it builds a
 * plausible input (members named like the fixture's pool, client, user and tokens get their values),
 * then mutates it in each way an attacker or a broken client might, sends it raw and checks the answer:
 * never a 5xx, always AWS's error shape (`__type`, `message`, x-amzn-ErrorType), bounded headers, and
 * a rejected request changes nothing in the store (but for the refusals that count an attempt).
 *
 * Everything is drawn from one seeded generator: a failure is replayed with FUZZ_SEED=<seed>.
 */
import { createHash } from 'node:crypto';
import { compileEveryOperation, MODEL, type ModelShape } from '../../src/protocol/validate.js';
import type { KognitoServer } from '../../src/server.js';

// ------------------------------------------------------------------------------------------------
// Model and randomness.

type Shape = ModelShape;
const SHAPES = MODEL.shapes;
const OPERATIONS = MODEL.operations;
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** mulberry32: small, fast, good enough to pick test cases; the whole run follows from the seed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** Every pattern of the model, compiled as the server compiles it (validators compile per operation, on first use). */
const compiledPatterns = compileEveryOperation();

// ------------------------------------------------------------------------------------------------
// Plausible inputs.

/** Values of the fixture world, by member name, so that inputs reach past the "not found" checks. */
export type World = Record<string, string>;

const STRING_CANDIDATES = ['abc', 'a', 'Passw0rd!', '123456', 'us-east-1_abcDEF123', 'https://example.com/cb', 'abc@example.com', '+15555550100', 'ABC', 'a-b_c', 'x'.repeat(16), '1'];

function plausibleString(shape: Shape, name: string, world: World, random: Random): string {
  if (world[name] !== undefined) return world[name];
  if (shape.enum) return random.pick(shape.enum);
  const min = shape.min ?? 0;
  const max = shape.max ?? 64;
  const regex = shape.pattern === undefined ? undefined : compiledPatterns.get(shape.pattern);
  const fits = (s: string) => s.length >= min && s.length <= max && (!regex || regex.test(s));
  const found = STRING_CANDIDATES.find(fits);
  if (found !== undefined) return found;
  return 'a'.repeat(Math.max(min, 1));
}

function plausible(shapeName: string, name: string, world: World, random: Random, depth = 0): unknown {
  const shape = SHAPES[shapeName];
  switch (shape.type) {
    case 'string':
      return plausibleString(shape, name, world, random);
    case 'integer':
    case 'long':
      return shape.min ?? 1;
    case 'boolean':
      return random.chance(0.5);
    case 'blob':
      return Buffer.from('kognito').toString('base64');
    case 'timestamp':
      return 1_700_000_000;
    case 'document':
      return { a: 1 };
    case 'list': {
      const count = Math.max(shape.min ?? 0, depth > 3 ? 0 : 1);
      return Array.from({ length: count }, () => plausible(shape.member!, name, world, random, depth + 1));
    }
    case 'map':
      return depth > 3 ? {} : { key: plausible(shape.value!, 'value', world, random, depth + 1) };
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [member, target, required] of shape.members ?? []) {
        if (required === 1 || (depth < 3 && random.chance(0.3))) out[member] = plausible(target, member, world, random, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** A plausible input of an operation (required members, some optional ones). */
export function plausibleInput(operation: string, world: World, random: Random): Record<string, unknown> {
  return plausible(OPERATIONS[operation].input, '', world, random) as Record<string, unknown>;
}

// ------------------------------------------------------------------------------------------------
// Mutations.

/** Every kind of mutation; with at least this many requests per operation, each operation meets each. */
export const MUTATIONS = [
  'missingRequired',
  'wrongType',
  'tooLong',
  'tooShort',
  'pattern',
  'enum',
  'deepNesting',
  'prototypeKeys',
  'unknownNestedMember',
  'hugeValue',
  'nullMembers',
  'protocolGarbage',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** A place in the input: the container, the key, and the member's shape. */
interface Site {
  container: Record<string, unknown> | unknown[];
  key: string | number;
  shape: Shape;
  shapeName: string;
  required: boolean;
}

/** Every member present in the input, at every depth, with its shape. */
function sites(value: unknown, shapeName: string, out: Site[] = []): Site[] {
  const shape = SHAPES[shapeName];
  if (shape.type === 'structure' && value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const [member, target, required] of shape.members ?? []) {
      if (!(member in object)) continue;
      out.push({ container: object, key: member, shape: SHAPES[target], shapeName: target, required: required === 1 });
      sites(object[member], target, out);
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((element, i) => {
      out.push({ container: value, key: i, shape: SHAPES[shape.member!], shapeName: shape.member!, required: false });
      sites(element, shape.member!, out);
    });
  } else if (shape.type === 'map' && value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push({ container: value as Record<string, unknown>, key: k, shape: SHAPES[shape.value!], shapeName: shape.value!, required: false });
      sites((value as Record<string, unknown>)[k], shape.value!, out);
    }
  }
  return out;
}

/** Structures (and maps) of the input, the top level included, to put keys into. */
function objects(value: unknown, shapeName: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [value as Record<string, unknown>];
  for (const site of sites(value, shapeName)) {
    const v = (site.container as Record<string, unknown>)[site.key as string];
    if ((site.shape.type === 'structure' || site.shape.type === 'map') && v && typeof v === 'object') found.push(v as Record<string, unknown>);
  }
  return found;
}

const set = (site: Site, value: unknown) => {
  (site.container as Record<string | number, unknown>)[site.key] = value;
};

/** Defines a key as an own property, so that "__proto__" is serialized as a key. */
const defineKey = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

const nested = (depth: number, object: boolean) => (object ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth));

const OTHER_TYPES: unknown[] = [{}, [], 'text', 42, -1.5, true, false, { nested: { deeper: [1, 'two'] } }, [[{}]], '', 0];

/** A request as it goes on the wire. */
export interface FuzzRequest {
  operation: string;
  mutation: Mutation;
  method: string;
  headers: Record<string, string>;
  body: Buffer | string;
  /** What changed, for the failure report. */
  note: string;
}

const JSON_HEADERS = (operation: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET_PREFIX}${operation}` });

const request = (operation: string, mutation: Mutation, body: string, note: string): FuzzRequest => ({
  operation,
  mutation,
  method: 'POST',
  headers: JSON_HEADERS(operation),
  body,
  note,
});

/** A mutated request of `operation`: the kind's mutation of a plausible input, or garbage. */
export function mutate(operation: string, mutation: Mutation, world: World, random: Random): FuzzRequest {
  const shapeName = OPERATIONS[operation].input;
  const input = plausibleInput(operation, world, random);
  const all = sites(input, shapeName);
  const one = (filter: (site: Site) => boolean) => {
    const candidates = all.filter(filter);
    return candidates.length ? random.pick(candidates) : undefined;
  };
  const send = (note: string) => request(operation, mutation, JSON.stringify(input), note);
  switch (mutation) {
    case 'missingRequired': {
      const site = one((s) => s.required && !Array.isArray(s.container));
      if (site) delete (site.container as Record<string, unknown>)[site.key as string];
      return send(`without ${site?.key ?? '(nothing required)'}`);
    }
    case 'wrongType': {
      const site = one(() => true);
      const value = random.pick(OTHER_TYPES);
      if (site) set(site, value);
      return send(`${site?.key ?? '-'} = ${JSON.stringify(value)}`);
    }
    case 'tooLong': {
      const site = one((s) => s.shape.max !== undefined && (s.shape.type === 'string' || s.shape.type === 'list' || s.shape.type === 'integer'));
      if (site) {
        const max = site.shape.max!;
        if (site.shape.type === 'string') set(site, 'x'.repeat(Math.min(max + 1 + random.int(3), 300_000)));
        else if (site.shape.type === 'integer') set(site, max + 1);
        else set(site, Array.from({ length: Math.min(max + 1, 2000) }, () => plausible(site.shape.member!, '', world, random, 3)));
      }
      return send(`${site?.key ?? '-'} beyond its maximum`);
    }
    case 'tooShort': {
      const site = one((s) => (s.shape.min ?? 0) > 0 && (s.shape.type === 'string' || s.shape.type === 'list' || s.shape.type === 'integer'));
      if (site) set(site, site.shape.type === 'string' ? '' : site.shape.type === 'list' ? [] : site.shape.min! - 1 - random.int(1000));
      return send(`${site?.key ?? '-'} below its minimum`);
    }
    case 'pattern': {
      const site = one((s) => s.shape.type === 'string' && s.shape.pattern !== undefined);
      const value = random.pick([' ', '\u0000\u0001', '<script>', '😀🔥', '\u202e', 'a b\nc', '%00', '../../etc/passwd', "' OR 1=1 --", '\ud800']);
      if (site) set(site, value);
      return send(`${site?.key ?? '-'} = ${JSON.stringify(value)}`);
    }
    case 'enum': {
      const site = one((s) => s.shape.enum !== undefined);
      if (site) set(site, random.pick(['NOT_A_VALUE', '', (site.shape.enum ?? ['x'])[0].toLowerCase(), ` ${(site.shape.enum ?? ['x'])[0]}`]));
      return send(`${site?.key ?? '-'} outside its enum`);
    }
    case 'deepNesting': {
      const depth = 900 + random.int(3200);
      const object = random.chance(0.5);
      const site = one(() => true);
      const marker = '"__KOGNITO_DEEP__"';
      if (site) set(site, '__KOGNITO_DEEP__');
      else (input as Record<string, unknown>).Deep = '__KOGNITO_DEEP__';
      const body = JSON.stringify(input).replace(marker, nested(depth, object));
      return request(operation, mutation, body, `${site?.key ?? 'Deep'} nested ${depth} ${object ? 'objects' : 'arrays'} deep`);
    }
    case 'prototypeKeys': {
      const target = random.pick(objects(input, shapeName));
      const key = random.pick(['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString']);
      const value = random.pick<unknown>([{ PasswordPolicy: { MinimumLength: 1000 } }, { polluted: true }, 'x', { toString: 1 }, []]);
      defineKey(target, key, value);
      return send(`${key} = ${JSON.stringify(value)}`);
    }
    case 'unknownNestedMember': {
      const target = random.pick(objects(input, shapeName));
      const junk = random.chance(0.2) ? 'j'.repeat(200_000) : { Injected: true };
      defineKey(target, random.pick(['Injected', 'Id', 'ClientSecret', 'Status', 'admin']), junk);
      return send('an unknown member');
    }
    case 'hugeValue': {
      const site = one((s) => s.shape.type === 'string' || s.shape.type === 'integer' || s.shape.type === 'map');
      const value =
        site?.shape.type === 'integer'
          ? random.pick([1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 1.5])
          : site?.shape.type === 'map'
            ? Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'v']))
            : random.pick(['é'.repeat(150_000), 'x'.repeat(400_000), '\u{1F600}'.repeat(100_000)]);
      if (site) set(site, value);
      return send(`${site?.key ?? '-'} huge`);
    }
    case 'nullMembers': {
      for (const site of all) if (random.chance(0.5)) set(site, null);
      return send('members set to null');
    }
    case 'protocolGarbage':
      return garbage(operation, JSON.stringify(input), random);
  }
}

/** Raw protocol garbage: broken JSON, other bodies, wrong or missing headers, other methods. */
function garbage(operation: string, valid: string, random: Random): FuzzRequest {
  const kinds: (() => FuzzRequest)[] = [
    () => request(operation, 'protocolGarbage', valid.slice(0, random.int(valid.length)), 'truncated JSON'),
    () => request(operation, 'protocolGarbage', random.pick(['[]', '"text"', '42', 'null', 'true', '{', '}', '{"a":}', "{'a':1}", '{"a":1,}', 'NaN', '\uFEFF{}', '{"a":1}{"b":2}']), 'not a JSON object'),
    () => ({ ...request(operation, 'protocolGarbage', '', 'binary body'), body: Buffer.from(Array.from({ length: 1 + random.int(512) }, () => random.int(256))) }),
    () => ({ ...request(operation, 'protocolGarbage', valid, 'no X-Amz-Target'), headers: { 'content-type': 'application/x-amz-json-1.1' } }),
    () => ({ ...request(operation, 'protocolGarbage', valid, 'another target'), headers: { ...JSON_HEADERS(operation), 'x-amz-target': random.pick([`DynamoDB_20120810.${operation}`, `${TARGET_PREFIX}`, `${TARGET_PREFIX}${operation}X`, `${TARGET_PREFIX}__proto__`, `${TARGET_PREFIX}constructor`, `${TARGET_PREFIX}toString`, '']) } }),
    () => ({ ...request(operation, 'protocolGarbage', valid, 'another content type'), headers: { ...JSON_HEADERS(operation), 'content-type': random.pick(['text/html', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '*/*']) } }),
    () => ({ ...request(operation, 'protocolGarbage', valid, 'another method'), method: random.pick(['PUT', 'PATCH', 'DELETE', 'GET']), body: random.chance(0.5) ? '' : valid }),
    () => request(operation, 'protocolGarbage', `{"a":"${'\\u00'.repeat(1 + random.int(3))}"}`, 'broken escapes'),
    () => request(operation, 'protocolGarbage', `{"x":"${'y'.repeat(1_100_000)}"}`, 'a body over the limit'),
  ];
  return random.pick(kinds)();
}

// ------------------------------------------------------------------------------------------------
// Checks.

/** Refusals that may write: a wrong code, password or proof counts an attempt; an expired session is forgotten. */
export const REFUSALS_THAT_COUNT = new Set([
  'CodeMismatchException',
  'NotAuthorizedException',
  'ExpiredCodeException',
  'EnableSoftwareTokenMFAException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

export const MAX_HEADER_BYTES = 8192;
export const MAX_ERROR_MESSAGE_HEADER = 1024;

/** What the store holds, as one digest (every row of every table). */
export function storeDigest(server: KognitoServer): string {
  const db = server.ctx.store.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`\n#${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('base64') : v)));
  }
  return hash.digest('base64');
}

const totalChanges = (server: KognitoServer) => (server.ctx.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

export interface FuzzSummary {
  seed: number;
  requests: number;
  byStatus: Record<string, number>;
  byMutation: Record<string, number>;
  byErrorType: Record<string, number>;
  operations: number;
  fiveXX: number;
  worldRebuilds: number;
  ms: number;
  stoppedBy: 'count' | 'time';
}

export class FuzzFailure extends Error {}

const describeRequest = (r: FuzzRequest) => {
  const body = typeof r.body === 'string' ? r.body : `<${r.body.length} random bytes>`;
  return `${r.method} ${r.operation} [${r.mutation}: ${r.note}] body=${body.length > 400 ? `${body.slice(0, 400)}... (${body.length} chars)` : body}`;
};

/**
 * Sends one request and checks its answer. Returns the status and error type; throws FuzzFailure
 * with the request when a check fails.
 */
export async function sendAndCheck(url: string, server: KognitoServer, r: FuzzRequest, digest: () => string) {
  const before = totalChanges(server);
  const beforeDigest = digest();
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).length;
  const sent = typeof r.body === 'string' ? r.body : new Uint8Array(r.body);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: r.method, headers: r.headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : sent });
    text = await response.text();
  } catch (error) {
    // What a client sees when it cannot parse the answer (e.g. "Header overflow").
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FuzzFailure(`the answer could not be read: ${cause?.code ?? ''} ${cause?.message ?? (error as Error).message}\n  request: ${describeRequest(r)}`);
  }
  const fail = (why: string) => {
    throw new FuzzFailure(`${why}\n  request: ${describeRequest(r)}\n  answer: ${response.status} ${text.slice(0, 400)}`);
  };
  if (response.status >= 500) fail(`answered ${response.status}`);
  let headerBytes = 0;
  response.headers.forEach((value, name) => {
    headerBytes += name.length + value.length + 4;
  });
  if (headerBytes > MAX_HEADER_BYTES) fail(`headers of ${headerBytes} bytes`);
  const errorMessage = response.headers.get('x-amzn-errormessage');
  if (errorMessage !== null && errorMessage.length > MAX_ERROR_MESSAGE_HEADER) fail(`x-amzn-ErrorMessage of ${errorMessage.length} characters`);
  if (!response.headers.get('x-amzn-requestid')) fail('no x-amzn-RequestId');
  if (response.headers.get('content-type') !== 'application/x-amz-json-1.1') fail(`content-type ${response.headers.get('content-type')}`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('a body that is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('a body that is not a JSON object');
  if (Object.getOwnPropertyNames(Object.prototype).length !== prototypeKeys || ({} as Record<string, unknown>).polluted !== undefined) {
    fail('Object.prototype was changed');
  }
  let errorType: string | undefined;
  if (response.status >= 400) {
    errorType = body.__type as string;
    if (typeof errorType !== 'string' || !/^[A-Za-z]+$/.test(errorType)) fail('an error without a plain __type');
    if (typeof body.message !== 'string') fail('an error without a message');
    if (Object.keys(body).sort().join() !== '__type,message') fail(`error members ${Object.keys(body).join()}`);
    if (response.headers.get('x-amzn-errortype') !== `${errorType}:`) fail(`x-amzn-ErrorType ${response.headers.get('x-amzn-errortype')}`);
    // A refused request changes nothing, but for the refusals that count an attempt.
    if (totalChanges(server) !== before && !REFUSALS_THAT_COUNT.has(errorType) && digest() !== beforeDigest) fail('the store changed');
  }
  return { status: response.status, errorType };
}

/** The fixture: a pool, a client, a confirmed user signed in, a group; rebuilt when a call destroys it. */
export interface FuzzWorld {
  values: World;
  /** Whether the world still works (its user can sign in and use the access token). */
  healthy(): Promise<boolean>;
  rebuild(): Promise<void>;
}

export interface FuzzOptions {
  url: string;
  server: KognitoServer;
  world: FuzzWorld;
  seed: number;
  requests: number;
  seconds: number;
  /** Called for every answer (progress). */
  onAnswer?: (done: number) => void;
}

/**
 * Runs the fuzzer: operations in a seeded order, each with its share of the requests, the mutation
 * kinds in turn so that every operation meets every kind; stops at the count or the time bound.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const { url, server, world, seed } = options;
  const random = new Random(seed);
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const operations = random.shuffle(Object.keys(OPERATIONS).sort());
  const perOperation = Math.max(1, Math.ceil(options.requests / operations.length));
  const summary: FuzzSummary = { seed, requests: 0, byStatus: {}, byMutation: {}, byErrorType: {}, operations: 0, fiveXX: 0, worldRebuilds: 0, ms: 0, stoppedBy: 'count' };
  // The digest of the store as it is, recomputed only when something was written.
  let knownChanges = -1;
  let knownDigest = '';
  const digest = () => {
    const changes = totalChanges(server);
    if (changes !== knownChanges) {
      knownChanges = changes;
      knownDigest = storeDigest(server);
    }
    return knownDigest;
  };
  outer: for (let round = 0; summary.requests < options.requests; round++) {
    for (const operation of operations) {
      if (!(await world.healthy())) {
        await world.rebuild();
        summary.worldRebuilds++;
      }
      if (round === 0) summary.operations++;
      const offset = random.int(MUTATIONS.length);
      for (let i = 0; i < perOperation && summary.requests < options.requests; i++) {
        if (Date.now() > deadline) {
          summary.stoppedBy = 'time';
          break outer;
        }
        const mutation = MUTATIONS[(offset + i) % MUTATIONS.length];
        const r = mutate(operation, mutation, world.values, random);
        const { status, errorType } = await sendAndCheck(url, server, r, digest);
        summary.requests++;
        summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
        summary.byMutation[mutation] = (summary.byMutation[mutation] ?? 0) + 1;
        if (errorType) summary.byErrorType[errorType] = (summary.byErrorType[errorType] ?? 0) + 1;
        if (status >= 500) summary.fiveXX++;
        options.onAnswer?.(summary.requests);
      }
    }
  }
  summary.ms = Date.now() - started;
  return summary;
}

export function formatSummary(s: FuzzSummary): string {
  const line = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    `fuzz: seed ${s.seed} (replay with FUZZ_SEED=${s.seed})`,
    `  ${s.requests} requests over ${s.operations} operations in ${(s.ms / 1000).toFixed(1)} s (${(s.requests / (s.ms / 1000)).toFixed(0)}/s), stopped by ${s.stoppedBy}; world rebuilt ${s.worldRebuilds} times`,
    `  statuses: ${line(s.byStatus)}; 5xx: ${s.fiveXX}`,
    `  mutations: ${line(s.byMutation)}`,
    `  errors: ${line(s.byErrorType)}`,
  ].join('\n');
}

/** User attributes against the pool's schema. */
import type { UserPool } from '../store/userPools.js';
import { InvalidParameter } from '../protocol/errors.js';

export type AttributeType = { Name: string; Value: string };

const schemaError = (detail: string) => InvalidParameter(`Attributes did not conform to the schema: ${detail}`);

/** Turns an AttributeType list into a record, refusing what the schema does not have. */
export function attributesFrom(pool: UserPool, list: AttributeType[] | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  const known = new Set(pool.description.SchemaAttributes.map((a) => a.Name));
  for (const { Name, Value } of list ?? []) {
    if (Name === 'sub') throw InvalidParameter('Cannot modify the non-mutable attribute sub');
    if (!known.has(Name)) throw schemaError(`${Name}: Attribute does not exist in the schema.\n`.trimEnd());
    attributes[Name] = Value ?? '';
  }
  return attributes;
}

/** Every attribute the schema marks Required must be present (sub is ours to set). */
export function checkRequiredAttributes(pool: UserPool, attributes: Record<string, string>): void {
  const missing = missingRequiredAttributes(pool, attributes);
  if (missing.length) throw schemaError(missing.map((name) => `${name}: The attribute is required`).join('\n'));
}

/** The schema's Required attributes (but sub, which is ours) that have no value. */
export function missingRequiredAttributes(pool: UserPool, attributes: Record<string, string>): string[] {
  return pool.description.SchemaAttributes.filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name]).map((a) => a.Name);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;
export const looksLikeEmail = (value: string) => EMAIL.test(value);
export const looksLikePhone = (value: string) => PHONE.test(value);

import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';

/**
 * The columns Cognito puts after the pool's attributes [DOC get-csv-header example: "... updated_at",
 * "cognito:mfa_enabled", "cognito:username"].
 */
export const CSV_HEADER_TAIL = ['cognito:mfa_enabled', 'cognito:username'] as const;
/**
 * UNSURE: developer-only attributes (dev:custom:x) are columns too, like other custom attributes (an import
 * is an administrator's write, and AdminCreateUser may set them). Custom attributes come in the schema's
 * order, after the standard ones: the documented header is exactly a default pool's schema without `sub`;
 * no header of a pool with custom attributes was found.
 */
export const CSV_HEADER_HAS_DEVELOPER_ONLY_ATTRIBUTES = true;

/**
 * The header row of a user import .csv file: the pool's attributes as its schema lists them, `sub`
 * excepted (Cognito assigns it), then cognito:mfa_enabled and cognito:username.
 */
export default function getCSVHeader(input: { UserPoolId: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const attributes = pool.description.SchemaAttributes.map((attribute) => attribute.Name).filter(
    (name) => name !== 'sub' && (CSV_HEADER_HAS_DEVELOPER_ONLY_ATTRIBUTES || !name.startsWith('dev:')),
  );
  return { UserPoolId: pool.id, CSVHeader: [...attributes, ...CSV_HEADER_TAIL] };
}

import type { Context } from '../../context.js';
import { decodeToken, page } from '../../domain/pagination.js';

export default function listUserPools(input: { MaxResults: number; NextToken?: string }, ctx: Context) {
  const { items, next } = page(ctx.store.userPools.list(decodeToken(input.NextToken), input.MaxResults + 1), input.MaxResults, (pool) => pool.id);
  return {
    UserPools: items.map(({ description: d }) => ({
      Id: d.Id,
      Name: d.Name,
      LambdaConfig: d.LambdaConfig,
      LastModifiedDate: d.LastModifiedDate,
      CreationDate: d.CreationDate,
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

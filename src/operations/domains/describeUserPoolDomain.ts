import type { Context } from '../../context.js';

/** A domain nobody has answers with an empty description (how "is this prefix free?" is asked). */
export default function describeUserPoolDomain(input: { Domain: string }, ctx: Context) {
  return { DomainDescription: ctx.store.domains.get(input.Domain) ?? {} };
}

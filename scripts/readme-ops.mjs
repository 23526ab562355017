/**
 * `npm run readme:ops`: writes the table of supported operations into README.md, between
 * <!-- operations:start --> and <!-- operations:end -->, from the operation registry
 * (src/operations/index.ts) and the operations of the cognito-idp service model. The pure functions
 * are also used by test/readme.test.ts, which fails when the README's table is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const START = '<!-- operations:start -->';
export const END = '<!-- operations:end -->';

/** The generated section: a table of the implemented operations, then the modeled ones still missing. */
export function renderOperations(implemented, modeled, isPublic) {
  modeled = [...modeled].sort();
  const done = modeled.filter((name) => implemented.includes(name));
  const missing = modeled.filter((name) => !implemented.includes(name));
  return [
    `kognito implements ${done.length} of the ${modeled.length} operations of the cognito-idp model.`,
    '',
    '| Operation | Called with |',
    '|---|---|',
    ...done.map((name) => `| ${name} | ${isPublic(name) ? 'public: no AWS credentials' : 'admin: AWS credentials (any; signatures are not checked)'} |`),
    '',
    `Not implemented yet (they answer \`400 UnsupportedOperationException\`): ${missing.join(', ')}.`,
  ].join('\n');
}

/** README text with the section between the markers replaced. */
export function replaceOperations(readme, section) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs ${START} ... ${END}`);
  return `${readme.slice(0, start + START.length)}\n${section}\n${readme.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Run after `tsc`: the registry and the model as the server itself loads them.
  const { operations } = await import('../dist/src/operations/index.js');
  const { operationNames, isUnauthenticatedOperation } = await import('../dist/src/protocol/validate.js');
  const file = fileURLToPath(new URL('../README.md', import.meta.url));
  const section = renderOperations(Object.keys(operations), operationNames, isUnauthenticatedOperation);
  writeFileSync(file, replaceOperations(readFileSync(file, 'utf8'), section));
  process.stdout.write(`README.md: ${Object.keys(operations).length} operations listed\n`);
}

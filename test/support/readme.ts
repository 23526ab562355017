/** The README as tests read it: the fenced blocks of a section. */
import { readFileSync } from 'node:fs';

export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The shell block that follows a `<!-- name -->` marker in the README. */
export function readmeBlock(name: string): string {
  const start = README.indexOf(`<!-- ${name} -->`);
  if (start < 0) throw new Error(`README.md has no <!-- ${name} --> marker`);
  const open = README.indexOf('```sh\n', start);
  // The marker stands just before its block, or just before the heading of its section, which names it:
  // otherwise it was left behind when sections moved, and would run another section's block.
  const between = README.slice(start + `<!-- ${name} -->`.length, open);
  const heading = /^\n## ([^\n]*)\n/.exec(between);
  const rest = heading ? between.slice(heading[0].length) : between;
  if ((heading && !heading[1].toLowerCase().includes(name)) || rest.includes('\n#'))
    throw new Error(`README.md's <!-- ${name} --> marker is not next to its block`);
  return README.slice(open + '```sh\n'.length, README.indexOf('\n```', open));
}

/** The fenced blocks of one `## ` section (its `### ` subsections included), in order. */
export function blocksOf(markdown: string, title: string): { lang: string; code: string }[] {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const text = markdown.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

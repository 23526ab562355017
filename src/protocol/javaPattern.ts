/**
 * Java regular expressions (java.util.regex, as the service model's `pattern` constraints are written)
 * translated to JavaScript, exactly or not at all.
 */

/** Java's `\s` (no Unicode spaces, unlike JavaScript's), as class items. */
const JAVA_SPACE_ITEMS = '\\t\\n\\x0B\\f\\r ';
/** Java's `.` without DOTALL: anything but its line terminators. */
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';
const GENERAL_CATEGORY = /^(?:Is)?(L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfosn]?)$/;
const JS_SYNTAX = '^$\\.*+?()[]{}|/';
/** Escapes that stand for a set of characters (or several), so cannot be a range end point. */
const CLASS_ESCAPES = 'pPsSwWdDQ';

export class UntranslatablePatternError extends Error {
  constructor(pattern: string, index: number, reason: string) {
    super(`Cannot translate the model's Java pattern ${JSON.stringify(pattern)} at index ${index}: ${reason}`);
    this.name = 'UntranslatablePatternError';
  }
}

/**
 * Translates a Java (java.util.regex) pattern from the model into a JavaScript RegExp that matches a
 * whole string, as Coral's `Pattern.matches` does. Always uses the `u` flag (Java matches code points).
 * Throws UntranslatablePatternError for constructs without an exact JavaScript equivalent.
 */
export function translateJavaPattern(pattern: string): RegExp {
  let i = 0;
  let dotAll = false;
  const fail = (reason: string): never => {
    throw new UntranslatablePatternError(pattern, i, reason);
  };
  if (pattern.startsWith('(?s)')) {
    dotAll = true;
    i = 4;
  }

  const hex = (code: number) => `\\u{${code.toString(16)}}`;

  /** Translates the escape at pattern[i] === '\\'; returns JS text, or null for `\S` inside a class. */
  const escape = (inClass: boolean): string | null => {
    const c = pattern[i + 1];
    if (c === undefined) fail('trailing backslash');
    i += 2;
    switch (c) {
      case 'p':
      case 'P': {
        let name: string;
        if (pattern[i] === '{') {
          const end = pattern.indexOf('}', i);
          if (end < 0) fail('unclosed \\p{');
          name = pattern.slice(i + 1, end);
          i = end + 1;
        } else {
          name = pattern[i] ?? '';
          i += 1;
        }
        const category = GENERAL_CATEGORY.exec(name);
        if (!category) fail(`unsupported property \\${c}{${name}}`);
        return `\\${c}{${category![1]}}`;
      }
      case 's':
        return inClass ? JAVA_SPACE_ITEMS : `[${JAVA_SPACE_ITEMS}]`;
      case 'S':
        return inClass ? null : `[^${JAVA_SPACE_ITEMS}]`;
      case 'w':
      case 'W':
      case 'd':
      case 'D':
      case 't':
      case 'n':
      case 'r':
      case 'f':
        return `\\${c}`;
      case 'b':
      case 'B':
        if (inClass) fail('\\b inside a character class');
        return `\\${c}`;
      case 'a':
        return '\\x07';
      case 'e':
        return '\\x1B';
      case 'x': {
        if (pattern[i] === '{') {
          const end = pattern.indexOf('}', i);
          const digits = pattern.slice(i + 1, end);
          if (end < 0 || !/^[0-9a-fA-F]+$/.test(digits)) fail('bad \\x{…}');
          i = end + 1;
          return hex(parseInt(digits, 16));
        }
        const digits = pattern.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(digits)) fail('bad \\x');
        i += 2;
        return `\\x${digits}`;
      }
      case 'u': {
        const digits = pattern.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(digits)) fail('bad \\u');
        i += 4;
        return `\\u${digits}`;
      }
      case '0': {
        const m = /^[0-3]?[0-7]{1,2}/.exec(pattern.slice(i)) ?? fail('bad octal escape');
        i += m![0].length;
        return hex(parseInt(m![0], 8));
      }
      case 'Q': {
        const end = pattern.indexOf('\\E', i);
        const text = end < 0 ? pattern.slice(i) : pattern.slice(i, end);
        i = end < 0 ? pattern.length : end + 2;
        return Array.from(text, (ch) => literal(ch, inClass)).join('');
      }
      default:
        if (/[0-9A-Za-z]/.test(c)) fail(`unsupported escape \\${c}`);
        return literal(c, inClass);
    }
  };

  const literal = (ch: string, inClass: boolean): string => {
    if (JS_SYNTAX.includes(ch) || (inClass && ch === '-')) return `\\${ch}`;
    return ch;
  };

  /** Translates the character class starting at pattern[i] === '['. */
  const charClass = (): string => {
    const start = i;
    i += 1;
    const negated = pattern[i] === '^';
    if (negated) i += 1;
    if (pattern[i] === ']') fail('empty or ]-first character class');
    let items = '';
    let nonSpace = false;
    /** Whether the last item can start a range (a single character, not a class escape). */
    let lastIsChar = false;
    while (i < pattern.length && pattern[i] !== ']') {
      const c = pattern[i];
      if (c === '[') fail('nested character class (union)');
      if (c === '&' && pattern[i + 1] === '&') fail('character class intersection');
      if (c === '-') {
        const next = pattern[i + 1];
        if (lastIsChar && next !== undefined && next !== ']' && next !== '[') {
          // A range: Java and JavaScript agree once both ends are single characters.
          i += 1;
          let end: string | null;
          if (pattern[i] === '\\') {
            if (CLASS_ESCAPES.includes(pattern[i + 1] ?? '')) fail('range ending in a class escape');
            end = escape(true);
          } else {
            end = literal(pattern[i], true);
            i += 1;
          }
          items += `-${end}`;
          lastIsChar = false;
          continue;
        }
        items += '\\-';
        lastIsChar = false;
        i += 1;
        continue;
      }
      if (c === '\\') {
        const before = i;
        const text = escape(true);
        if (text === null) {
          nonSpace = true;
          lastIsChar = false;
          continue;
        }
        lastIsChar = !CLASS_ESCAPES.includes(pattern[before + 1]);
        items += text;
        continue;
      }
      // One code point (keeps surrogate pairs together).
      const cp = String.fromCodePoint(pattern.codePointAt(i)!);
      items += literal(cp, true);
      i += cp.length;
      lastIsChar = true;
    }
    if (pattern[i] !== ']') {
      i = start;
      fail('unclosed character class');
    }
    i += 1;
    if (!nonSpace) return `[${negated ? '^' : ''}${items}]`;
    if (negated) fail('\\S inside a negated character class');
    return items === '' ? `[^${JAVA_SPACE_ITEMS}]` : `(?:[${items}]|[^${JAVA_SPACE_ITEMS}])`;
  };

  let out = '';
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      out += escape(false);
      continue;
    }
    if (c === '[') {
      out += charClass();
      continue;
    }
    if (c === '.') {
      out += dotAll ? '[^]' : JAVA_DOT;
      i += 1;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] !== '?') {
        out += '(';
        i += 1;
        continue;
      }
      const group = /^\(\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.exec(pattern.slice(i));
      if (!group) fail('inline flags, atomic groups and other special groups are not supported');
      out += group![0];
      i += group![0].length;
      continue;
    }
    if (c === '{') {
      const quantifier = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      if (!quantifier) fail('"{" that is not a quantifier');
      out += quantifier![0];
      i += quantifier![0].length;
      if (pattern[i] === '+') fail('possessive quantifier');
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      out += c;
      i += 1;
      if (pattern[i] === '+') fail('possessive quantifier');
      if (pattern[i] === '?') {
        out += '?';
        i += 1;
      }
      continue;
    }
    if (c === ')' || c === '|' || c === '^' || c === '$') {
      out += c;
      i += 1;
      continue;
    }
    const cp = String.fromCodePoint(pattern.codePointAt(i)!);
    out += literal(cp, false);
    i += cp.length;
  }
  try {
    return new RegExp(`^(?:${out})$`, 'u');
  } catch (error) {
    i = pattern.length;
    return fail(`translation ${JSON.stringify(out)} is not a valid JavaScript RegExp (${(error as Error).message})`);
  }
}

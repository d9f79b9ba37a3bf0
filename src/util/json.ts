import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';

export function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}

/** Where and why JSON.parse failed: Node's own message often has no position. */
export function describeJsonError(text: string, message: string): string {
  const errors: ParseError[] = [];
  parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    if (first.offset >= text.trimEnd().length) return 'truncated: the JSON ends before the document does';
    return `invalid JSON at ${lineAndColumn(text, first.offset)}: ${printParseErrorCode(first.error)}`;
  }
  return `invalid JSON: ${message}`;
}

/** JSON.parse with an error that names the file and the line and column. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: ${describeJsonError(text, (err as Error).message)}`);
  }
}

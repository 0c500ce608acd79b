import { describe, expect, it } from 'vitest';
import { csvField, csvLine, toCsv } from '../../src/lib/site/csv.ts';

describe('CSV escaping (RFC 4180)', () => {
  it('leaves plain fields alone', () => {
    expect(csvField('python')).toBe('python');
    expect(csvField(1370828242)).toBe('1370828242');
    expect(csvField(0.5)).toBe('0.5');
  });
  it('quotes fields with commas, quotes or line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });
  it('keeps leading and trailing spaces by quoting', () => {
    expect(csvField(' x')).toBe('" x"');
  });
  it('writes empty fields for null, undefined and non-finite numbers', () => {
    expect(csvLine([null, undefined, Number.NaN, 'x'])).toBe(',,,x');
  });
  it('writes a header and rows with CRLF line ends, columns in order', () => {
    expect(toCsv(['a', 'b'], [{ b: 2, a: 'x,y' }, { a: 'z' }])).toBe('a,b\r\n"x,y",2\r\nz,\r\n');
  });
});

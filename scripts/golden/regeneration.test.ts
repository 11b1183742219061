import { describe, expect, it } from 'vitest';
import type { GoldenFileJson } from '../../conformance/case.js';
import { CannotRun, parseGoldenTexts, textsOf } from './regeneration.js';
import { serializeGolden } from './writer.js';

const PROVENANCE: GoldenFileJson['provenance'] = {
  oracle: { paddle_version: '3.3.1', paddle_commit: 'abc', python: '3.11.7', numpy: '2.4.6', os: 'Linux 6', cpu: 'CPU', machine: 'x86_64' },
  generator: { name: 'paddle-conformance golden:generate', version: '0.1.0' },
  content_sha256: 'not checked here',
};
const file = (api: string, group: string): GoldenFileJson => ({ format: 'paddle-conformance/golden@1', api, group, provenance: PROVENANCE, cases: [] });

describe('golden sets keyed by <family>/<group>', () => {
  it('keys texts by each file\'s api and group', () => {
    const texts = textsOf([file('op_a', 'g'), file('op_b', 'g')]);
    expect([...texts.keys()]).toEqual(['op_a/g', 'op_b/g']);
    expect(texts.get('op_b/g')).toBe(serializeGolden(file('op_b', 'g')));
  });

  it('parses texts back under the same keys', () => {
    const files = parseGoldenTexts(textsOf([file('op_a', 'g'), file('op_b', 'h')]), '/root/golden/');
    expect([...files].map(([key, f]) => [key, f.api, f.group])).toEqual([['op_a/g', 'op_a', 'g'], ['op_b/h', 'op_b', 'h']]);
  });

  it('refuses a file whose api or group does not match where it lies, naming its path', () => {
    const texts = new Map([['op_a/g', serializeGolden(file('op_b', 'g'))]]);
    expect(() => parseGoldenTexts(texts, '/root/golden')).toThrow(CannotRun);
    expect(() => parseGoldenTexts(texts, '/root/golden')).toThrow('/root/golden/op_a/g.json says api "op_b" and group "g", so it belongs at op_b/g.json');
  });

  it('names the file that is not JSON or not a golden file', () => {
    expect(() => parseGoldenTexts(new Map([['op_a/g', '{']]), '/r')).toThrow(/^\/r\/op_a\/g\.json is not valid JSON/);
    expect(() => parseGoldenTexts(new Map([['op_a/g', '{"format":"x"}']]), '/r')).toThrow('/r/op_a/g.json is not a golden file');
  });
});

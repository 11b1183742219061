import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlannedCase, ProvenanceJson } from '../../conformance/case.js';
import { OPS } from '../../conformance/ops/index.js';
import { ReportPathError } from '../../conformance/report_file.js';
import { stringifyExact } from '../../conformance/wire.js';
import {
  buildGoldenFiles, canonicalRequest, expectedFromResponse, goldenCase, goldenKey, goldenPath, readGoldenTexts, serializeGolden, writeAtomically, type OracleResponse,
} from './writer.js';

const ORACLE: ProvenanceJson['oracle'] = {
  paddle_version: '3.3.1', paddle_commit: 'abc', python: '3.11.7', numpy: '2.4.6', os: 'Linux 6', cpu: 'Test CPU', machine: 'x86_64',
};
const GENERATOR = { name: 'paddle-conformance golden:generate', version: '0.1.0' };

function planned(id: string, group: string): PlannedCase {
  return {
    id, group, level: 'paddle', tags: ['t'], description: `case ${id}`,
    request: {
      api: 'paddle.some_op',
      inputs: { input: { dtype: 'float32', shape: [2], data: [0.5, -0] }, label: { dtype: 'float32', shape: [2], data: [-1, 1] } },
      kwargs: { reduction: 'none' },
    },
  };
}

// Literal oracle answers: float32 [0.5, -0.0] as little-endian bytes, and a ValueError.
const OUTPUT_B64 = 'AAAAPwAAAIA='; // 0x3f000000, 0x80000000
const responses: Record<string, OracleResponse> = {
  'some_op/a/x=1': { id: 'some_op/a/x=1', output: { dtype: 'float32', shape: [2], b64: OUTPUT_B64 } },
  'some_op/a/x=0': { id: 'some_op/a/x=0', error: { type: 'ValueError', message: "'reduction' in 'some_op' should be 'sum', 'mean' or 'none', but received x." } },
  'some_op/b/x=2': {
    id: 'some_op/b/x=2', output: { dtype: 'float64', shape: [], b64: 'AAAAAAAA+H8=' }, reduction_basis: { count: 0, abs_sum: 0 },
  },
};

function files(order: string[]) {
  const cases = order.map((id) => goldenCase(planned(id, id.split('/')[1]!), expectedFromResponse(responses[id]!)));
  return buildGoldenFiles(cases, ORACLE, GENERATOR).map(serializeGolden);
}

describe('golden writer', () => {
  it('gives byte-identical files for the same inputs, whatever the order of the plan', () => {
    const first = files(['some_op/a/x=1', 'some_op/a/x=0', 'some_op/b/x=2']);
    const second = files(['some_op/b/x=2', 'some_op/a/x=0', 'some_op/a/x=1']);
    expect(second).toEqual(first);
    expect(first).toHaveLength(2);
  });

  it('sorts cases by id and re-encodes small exact outputs as data, with -0.0 written explicitly', () => {
    const [a] = files(['some_op/a/x=1', 'some_op/a/x=0']);
    const parsed = JSON.parse(a!);
    expect(parsed.cases.map((c: { id: string }) => c.id)).toEqual(['some_op/a/x=0', 'some_op/a/x=1']);
    expect(parsed.cases[1].expected.output).toEqual({ dtype: 'float32', shape: [2], data: [0.5, -0] });
    expect(Object.is(parsed.cases[1].expected.output.data[1], -0)).toBe(true);
    expect(a).toContain('-0.0');
    expect(a!.endsWith('}\n')).toBe(true);
  });

  it('writes NaN as the string "NaN" and keeps the reduction basis', () => {
    const [, b] = files(['some_op/a/x=1', 'some_op/b/x=2']);
    const parsed = JSON.parse(b!);
    expect(parsed.cases[0].expected).toEqual({ output: { dtype: 'float64', shape: [], data: ['NaN'] }, reduction_basis: { count: 0, abs_sum: 0 } });
  });

  it('records provenance and a content hash of the canonical cases text', () => {
    const [a] = files(['some_op/a/x=1']);
    const parsed = JSON.parse(a!);
    expect(parsed.format).toBe('paddle-conformance/golden@1');
    expect(parsed.provenance.oracle).toEqual(ORACLE);
    expect(parsed.provenance.generator).toEqual(GENERATOR);
    expect(parsed.provenance.content_sha256).toBe(createHash('sha256').update(stringifyExact(parsed.cases)).digest('hex'));
    expect(a).not.toMatch(/20\d\d-\d\d-\d\d/); // no timestamps
  });

  it('rejects duplicate ids and group names that are not file names', () => {
    const c = goldenCase(planned('some_op/a/x=1', 'a'), expectedFromResponse(responses['some_op/a/x=1']!));
    expect(() => buildGoldenFiles([c, c], ORACLE, GENERATOR)).toThrow('duplicate case id some_op/a/x=1');
    expect(() => buildGoldenFiles([{ ...c, group: '../evil' }], ORACLE, GENERATOR)).toThrow('is not a valid file name');
  });
});

describe('golden writer: every tensor by name', () => {
  const t = (x: number) => ({ dtype: 'float64', shape: [1], b64: Buffer.from(new Float64Array([x]).buffer).toString('base64') });
  const op = OPS[0]!;

  it("re-encodes every input canonically and puts them in the op's order, whatever order they came in", () => {
    const given = Object.fromEntries([...op.tensors].reverse().map((name, i) => [name, t(i + 0.5)]));
    const out = canonicalRequest({ api: op.functional, inputs: given }, 'c');
    expect(Object.keys(out.inputs)).toEqual([...op.tensors]);
    expect(Object.values(out.inputs).every((x) => x.data !== undefined && x.b64 === undefined)).toBe(true);
  });

  it('keeps the given order for an API no op has, and every input of it', () => {
    const out = canonicalRequest({ api: 'paddle.unknown', inputs: { z: t(1), a: t(2), m: t(3) } }, 'c');
    expect(out.inputs).toEqual({ z: { dtype: 'float64', shape: [1], data: [1] }, a: { dtype: 'float64', shape: [1], data: [2] }, m: { dtype: 'float64', shape: [1], data: [3] } });
    expect(Object.keys(out.inputs)).toEqual(['z', 'a', 'm']);
  });

  it('keeps every gradient, by name, in the order given (the op\'s tensors), then the rest as they came', () => {
    const r: OracleResponse = { id: 'x', output: t(0), grad: { c: t(3), z: t(9), a: t(1), b: t(2) } };
    const expected = expectedFromResponse(r, ['a', 'b', 'c']);
    expect(Object.keys(expected.grad!)).toEqual(['a', 'b', 'c', 'z']);
    expect(expected.grad!.z).toEqual({ dtype: 'float64', shape: [1], data: [9] });
    expect(expectedFromResponse({ id: 'x', output: t(0), grad: {} }).grad).toEqual({});
  });

  it('makes one file per <family>/<group>, so two ops may share a group name', () => {
    const a = goldenCase(planned('op_a/g/x=1', 'g'), expectedFromResponse(responses['some_op/a/x=1']!));
    const b = goldenCase(planned('op_b/g/x=1', 'g'), expectedFromResponse(responses['some_op/a/x=1']!));
    const built = buildGoldenFiles([b, a], ORACLE, GENERATOR);
    expect(built.map((f) => [f.api, f.group, goldenKey(f)])).toEqual([['op_a', 'g', 'op_a/g'], ['op_b', 'g', 'op_b/g']]);
  });
});

describe('golden files on disk', () => {
  it('reads the files of the APIs asked for, keyed <api>/<group>, and nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'golden-root-'));
    for (const [dir, name] of [['op_b', 'z'], ['op_a', 'g'], ['op_a', 'f'], ['unlisted', 'g']]) {
      mkdirSync(join(root, dir!), { recursive: true });
      writeFileSync(join(root, dir!, `${name}.json`), `${dir}/${name}`);
    }
    writeFileSync(join(root, 'op_a', 'notes.txt'), 'not a golden');
    const texts = readGoldenTexts(root, ['op_b', 'op_a', 'op_missing']);
    expect([...texts]).toEqual([['op_a/f', 'op_a/f'], ['op_a/g', 'op_a/g'], ['op_b/z', 'op_b/z']]);
    expect(goldenPath(root, 'op_a/g')).toBe(join(root, 'op_a', 'g.json'));
  });
});

describe('atomic writes', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'golden-writer-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('replaces targets and removes the files asked for', () => {
    const dir = dirWith({ 'a.json': 'old a', 'stale.json': 'stale' });
    writeAtomically([{ path: join(dir, 'a.json'), text: 'new a' }, { path: join(dir, 'b.json'), text: 'new b' }], [join(dir, 'stale.json')]);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new a');
  });

  it('leaves every old file intact and no temp file behind when a failure comes before the renames', () => {
    const dir = dirWith({ 'a.json': 'old a', 'b.json': 'old b', 'stale.json': 'stale' });
    const fail = () => {
      throw new Error('disk full (simulated)');
    };
    expect(() => writeAtomically([{ path: join(dir, 'a.json'), text: 'new a' }, { path: join(dir, 'b.json'), text: 'new b' }], [join(dir, 'stale.json')], { beforeRename: fail }))
      .toThrow('disk full (simulated)');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json', 'stale.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('old b');
  });

  it('leaves the old file intact when a temp file cannot be written', () => {
    const dir = dirWith({ 'a.json': 'old a' });
    // A target inside a path that is a file cannot get a temp file beside it.
    expect(() => writeAtomically([{ path: join(dir, 'a.json'), text: 'new a' }, { path: join(dir, 'a.json', 'x.json'), text: 'x' }])).toThrow();
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(existsSync(join(dir, '.a.json.tmp-' + process.pid))).toBe(false);
  });

  it('refuses a target that is a FIFO, and writes none of the batch', () => {
    const dir = dirWith({ 'a.json': 'old a' });
    expect(spawnSync('mkfifo', [join(dir, 'b.json')]).status).toBe(0);
    expect(() => writeAtomically([{ path: join(dir, 'a.json'), text: 'new a' }, { path: join(dir, 'b.json'), text: 'new b' }])).toThrow(ReportPathError);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(statSync(join(dir, 'b.json')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('writes through a symbolic link to a regular file and keeps the link', () => {
    const dir = dirWith({ 'real.json': 'old' });
    symlinkSync('real.json', join(dir, 'a.json'));
    writeAtomically([{ path: join(dir, 'a.json'), text: 'new' }]);
    expect(readlinkSync(join(dir, 'a.json'))).toBe('real.json');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
  });

  // Spawned: the child interrupts itself at its first rename, and must still finish the batch before it dies of the signal.
  it.each(['SIGINT', 'SIGTERM'])('an interrupt (%s) during the renames takes effect after the last one: every file new, no temp file left', (signal) => {
    const dir = dirWith({ 'a.json': 'old a', 'b.json': 'old b', 'stale.json': 'stale' });
    const writer = fileURLToPath(new URL('./writer.ts', import.meta.url));
    const script = `import { writeAtomically } from ${JSON.stringify(writer)};
      let sent = false;
      const hooks = { beforeRename: () => { if (!sent) { sent = true; process.kill(process.pid, ${JSON.stringify(signal)}); } } };
      writeAtomically([{ path: ${JSON.stringify(join(dir, 'a.json'))}, text: 'new a' }, { path: ${JSON.stringify(join(dir, 'b.json'))}, text: 'new b' }], [${JSON.stringify(join(dir, 'stale.json'))}], hooks);
      console.log('renamed');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.signal).toBe(signal);
    expect(child.stdout).toBe('renamed\n');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('new b');
  });
});

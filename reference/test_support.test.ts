import { describe, expect, it } from 'vitest';
import { ruleMarkers } from './test_support.js';

describe('rule markers', () => {
  it.each([
    ['// Rule `a-b`: text', ['a-b']],
    ['// Rules `a` and `b` both', ['a', 'b']],
    ['// Rules `a`, `b` and `c`.', ['a', 'b', 'c']],
    ['/**\n * the order of Rules `a` and\n * `b` holds\n */', ['a', 'b']],
    ['// Rule\n// `wrapped` here', ['wrapped']],
    ['no rule `here`', []],
    ['// Rule `a` then `b` is a quote, not a rule', ['a']],
  ] as const)('%j marks %j', (text, names) => {
    expect(ruleMarkers(text)).toEqual(names);
  });
});

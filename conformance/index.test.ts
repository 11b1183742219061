/**
 * The public API (index.ts) carries what a port author or CI script needs
 * beyond running: the element explainer, the excerpt caps, stale
 * expectations, the report-path check, the port-version parser and the
 * exact ULP encoding.
 */
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('paddle-conformance/conformance exports', () => {
  it.each(['operandElement', 'opForApi', 'opTable', 'reductionOf', 'capTail', 'capLine', 'unmatchedExpectations', 'prepareReportPath', 'writeReportFile', 'parseBuiltinPort', 'ulpsJson'])('%s', (name) => {
    expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
  });

  it('parseBuiltinPort reads torch@2.11.0, and ulpsJson keeps a distance past 2^53 exact', () => {
    expect(api.parseBuiltinPort('torch@2.11.0')).toEqual({ builtin: 'torch', version: '2.11.0' });
    expect(api.parseBuiltinPort('./my_port.mjs')).toBeUndefined();
    expect(api.ulpsJson(4602678819172646912n)).toBe('4602678819172646912');
    expect(api.ulpsJson(7n)).toBe(7);
  });
});

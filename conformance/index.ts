/** The conformance suite's public API: loading goldens, selecting cases, running a port, judging and reporting. */
export { GOLDEN_FORMAT, type ErrorJson, type ExpectedJson, type GoldenCase, type GoldenFileJson, type KwargJson, type Level, type PlannedCase, type ProvenanceJson, type ReductionBasisJson, type RequestJson, type ResponseJson } from './case.js';
export { compareResponse, compareTensors, exactBound, gamma, reductionBound, ulpDistance, UNIT_ROUNDOFF, type Bound, type BoundMargin, type CompareOptions, type ElementMismatch, type Failure, type FailureKind, type ReductionMargin, type Verdict } from './compare.js';
export { operandElement, type ElementContext, type ElementExplainer, type OperandElement, type ScalarArgument } from './element_context.js';
export { argsOf, formOf, reductionOf, withArgs, type Form, type KwargKind, type KwargSpec, type OpDescriptor, type OpSignature, type TorchMapping } from './op.js';
export { OPS, opForApi, opForFamily, opTable, registeredApis } from './ops/index.js';
export { capLine, capTail } from './excerpt.js';
export { ExpectationsError, expectationMatcher, loadExpectations, parseExpectations, unmatchedExpectations, type Expectation } from './expectations.js';
export { bundledGoldenDir, contentHash, GoldenError, loadGoldenFile, loadGoldens, validateGoldenFile, type SuiteCase } from './golden.js';
export { PortFailure, PortUnavailable, type Port, type PortFailureKind, type PortRequest } from './port.js';
export { openPort, parseBuiltinPort, PortChoiceError, type PortSpec } from './ports/index.js';
export { referencePort } from './ports/reference.js';
export { globMatcher, parseShard, selectCases, type Query, type Shard } from './query.js';
export { prepareReportPath, ReportPathError, writeReportFile } from './report_file.js';
export { formatJsonReport, reportJson, REPORT_FORMAT, ulpsJson } from './report_json.js';
export { formatJunitReport } from './report_junit.js';
export { formatRun, type RerunCommand, type TerminalOptions } from './report_terminal.js';
export { DEFAULT_TIMEOUT_MS, runCase, runSuite, type CaseResult, type CaseStatus, type NotRunCase, type RunOptions, type RunResult, type Totals } from './runner.js';
export { decodeTensor, encodeTensor, fromTypedArray, fromValues, stringifyExact, valuesOf, type TensorJson, type WireDType, type WireTensor } from './wire.js';

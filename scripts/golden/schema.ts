/**
 * `npm run golden:schema`: rewrites golden/schema.json from the op registry
 * (conformance/golden_schema.ts), so a new op's request shape is in the schema
 * that other readers of the goldens validate against.
 */
import { fileURLToPath } from 'node:url';
import { schemaText } from '../../conformance/golden_schema.js';
import { writeReportFile } from '../../conformance/report_file.js';

const file = fileURLToPath(new URL('../../golden/schema.json', import.meta.url));
writeReportFile(file, schemaText());
console.log(`wrote ${file}`);

/**
 * The bundled default port: the spec-literal reference, in process. Each
 * request goes to the reference of the op it names (OpDescriptor.reference);
 * a name no registered op has is declined with a skip.
 */
import type { ResponseJson } from '../case.js';
import { opForApi } from '../ops/index.js';
import type { Port, PortRequest } from '../port.js';

/** Opens the reference port. */
export function referencePort(): Port {
  return {
    name: 'reference',
    handle: async (request) => answer(request),
    close: async () => {},
  };
}

/** The reference's response to one request: a result, Paddle's error, or a skip. */
export function answer(request: PortRequest): ResponseJson {
  const op = opForApi(request.api);
  if (!op) return { id: request.id, skip: `the reference has no op named ${request.api}` };
  return op.reference(request);
}

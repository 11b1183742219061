/**
 * The bundled default port: the spec-literal reference, in process. Each
 * request goes to the reference of the op it names (OpDescriptor.reference);
 * a name no registered op has is declined with a skip.
 */
import type { ResponseJson } from '../case.js';
import { opForApi } from '../ops/index.js';
import { PortUnavailable, type Port, type PortRequest } from '../port.js';
import { DEFAULT_PADDLE_RELEASE, isPaddleRelease, PADDLE_RELEASES, withPaddleRelease } from '../../reference/release.js';

/** Opens the reference port, reproducing Paddle `release` (the newest when absent; a release it does not know is PortUnavailable). */
export function referencePort(release: string = DEFAULT_PADDLE_RELEASE): Port {
  if (!isPaddleRelease(release)) throw new PortUnavailable('reference', `the reference cannot reproduce Paddle ${release}; it knows ${PADDLE_RELEASES.join(', ')}`);
  return {
    name: release === DEFAULT_PADDLE_RELEASE ? 'reference' : `reference (Paddle ${release})`,
    handle: async (request) => withPaddleRelease(release, () => answer(request)),
    close: async () => {},
  };
}

/** The reference's response to one request: a result, Paddle's error, or a skip. */
export function answer(request: PortRequest): ResponseJson {
  const op = opForApi(request.api);
  if (!op) return { id: request.id, skip: `the reference has no op named ${request.api}` };
  return op.reference(request);
}

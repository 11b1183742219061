// A module port whose top-level await never settles: once exit 13 and not a word.
await new Promise(() => {});
export function handle(request) {
  return { id: request.id, skip: 'unreachable' };
}

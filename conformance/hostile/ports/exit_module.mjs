// A module port whose handle() calls process.exit(): once a silent exit 0, a false pass.
export function handle() {
  process.exit();
}

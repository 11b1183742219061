/**
 * Text from outside the suite (a port's error messages, skip reasons and
 * stderr, a golden's description, a file name) made safe to print on a
 * terminal: a control character there is a command to the terminal (an
 * escape sequence can recolour, clear the screen, retitle the window or
 * hide lines), so each is shown escaped instead, as the JSON and JUnit
 * reports already show them.
 */

/**
 * Control characters a terminal acts on: C0 but tab and newline, DEL, C1, and
 * the bidirectional formatting marks, which reorder what is displayed.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character but tab and newline written as an escape: `\r`, else `\u001b` and the like. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

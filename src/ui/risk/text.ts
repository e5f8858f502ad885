/** Running text at the start of a label: "systolic BP" → "Systolic BP"; "eGFR" and "HbA1c" keep their inner capital. */
export function capitalise(text: string): string {
  return /^[a-z][a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

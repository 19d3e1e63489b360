// Reading a submitted form against a zod schema: typed data, or field errors in form order
// (the order the GOV.UK error summary lists them) with what was typed, to show it again.
import type { z } from "zod";

export type FormResult<T> =
  // Values come back on success too, for when the capability then refuses and the form is shown again.
  | { ok: true; data: T; values: Record<string, string | string[]> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string | string[]> };

export function readForm<S extends z.ZodObject>(schema: S, form: FormData, lists: readonly string[] = []): FormResult<z.output<S>> {
  const values: Record<string, string | string[]> = {};
  for (const key of Object.keys(schema.shape)) {
    values[key] = lists.includes(key) ? form.getAll(key).map(String) : String(form.get(key) ?? "");
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, errors: fieldErrors(schema, parsed.error), values };
}

export function fieldErrors(schema: z.ZodObject, error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const issue = error.issues.find((i) => i.path[0] === key);
    if (issue) errors[key] = issue.message;
  }
  return errors;
}

// GOV.UK-style form fields: label above, hint, error message, all tied together for screen readers.
import type { ReactNode } from "react";

type Base = { name: string; label: ReactNode; hint?: string; error?: string; id?: string };

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

function Parts({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} className="text-muted mb-1">{hint}</p>}
      {error && <p id={`${id}-error`} className="font-bold text-warn mb-1"><span className="sr-only">Error:</span> {error}</p>}
    </>
  );
}

const inputClass = (error?: string) =>
  `block w-full border-2 ${error ? "border-warn" : "border-ink"} px-2 py-1.5 bg-white`;

export function TextInput({ name, label, hint, error, id = name, defaultValue, type = "text", autoComplete, width = "w-full", ...rest }:
  Base & { defaultValue?: string; type?: string; autoComplete?: string; width?: string; inputMode?: "text" | "email" | "tel" | "url"; spellCheck?: boolean }) {
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-warn pl-3" : ""}`}>
      <label htmlFor={id} className="block font-bold mb-1">{label}</label>
      <Parts id={id} hint={hint} error={error} />
      <input id={id} name={name} type={type} defaultValue={defaultValue} autoComplete={autoComplete}
        aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}
        className={`${inputClass(error)} ${width}`} {...rest} />
    </div>
  );
}

export function TextArea({ name, label, hint, error, id = name, defaultValue, rows = 5 }: Base & { defaultValue?: string; rows?: number }) {
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-warn pl-3" : ""}`}>
      <label htmlFor={id} className="block font-bold mb-1">{label}</label>
      <Parts id={id} hint={hint} error={error} />
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined} className={inputClass(error)} />
    </div>
  );
}

export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

export function Select({ name, label, hint, error, id = name, defaultValue, options, groups, placeholder }:
  Base & { defaultValue?: string; options?: Option[]; groups?: OptionGroup[]; placeholder?: string }) {
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-warn pl-3" : ""}`}>
      <label htmlFor={id} className="block font-bold mb-1">{label}</label>
      <Parts id={id} hint={hint} error={error} />
      <select id={id} name={name} defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}
        className={`${inputClass(error)} max-w-md`}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function Choices({ name, legend, hint, error, id = name, options, checked, type = "checkbox", small }:
  Omit<Base, "label"> & { legend: ReactNode; options: (Option & { count?: number })[]; checked: string[]; type?: "checkbox" | "radio"; small?: boolean }) {
  return (
    <fieldset id={id} className={`mb-5 ${error ? "border-l-4 border-warn pl-3" : ""}`} aria-describedby={describedBy(id, hint, error)}>
      <legend className={`font-bold mb-1 ${small ? "" : "text-lg"}`}>{legend}</legend>
      <Parts id={id} hint={hint} error={error} />
      <ul className="space-y-1">
        {options.map((o) => (
          <li key={o.value} className="flex items-start gap-2">
            <input id={`${id}-${o.value}`} type={type} name={name} value={o.value} defaultChecked={checked.includes(o.value)}
              className="mt-1 size-5 shrink-0 accent-ink" />
            <label htmlFor={`${id}-${o.value}`}>
              {o.label}
              {o.count !== undefined && <span className="text-muted"> ({o.count.toLocaleString("en-GB")})</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function Button({ children, secondary, name, value }: { children: ReactNode; secondary?: boolean; name?: string; value?: string }) {
  return (
    <button type="submit" name={name} value={value}
      className={`${secondary ? "bg-wash text-ink shadow-[0_2px_0_#929191]" : "bg-go text-white shadow-[0_2px_0_#002d18]"} font-bold px-4 py-2 mb-2 cursor-pointer hover:brightness-95`}>
      {children}
    </button>
  );
}

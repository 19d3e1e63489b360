// What and where: the search box on the home page and at the top of the results.
import { localAuthorities } from "../directory/region";
import { DEFAULT_RADIUS, RADIUS_CHOICES } from "../directory/search-query";
import { Button, Select, TextInput } from "./fields";

const townGroups = localAuthorities.map((a) => ({ label: a.name, options: a.towns.map((t) => ({ value: t.slug, label: t.name })) }));

export function SearchBox({ values, errors = {}, large }: {
  values: Record<string, string | string[]>; errors?: Record<string, string>; large?: boolean;
}) {
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return (
    <div className={`bg-wash p-4 mb-6 ${large ? "md:p-6" : ""}`}>
      <TextInput name="q" id="q" type="search" defaultValue={v("q")} error={errors.q}
        label={<span className={large ? "text-2xl" : "text-lg"}>What support are you looking for?</span>}
        hint={large ? "For example: befriending, help with shopping, a day centre, a PA for mornings" : undefined} />
      <div className="grid gap-x-4 md:grid-cols-3">
        <Select name="near" label="Near a town" defaultValue={v("near")} groups={townGroups} placeholder="Anywhere" error={errors.near} />
        <TextInput name="postcode" label="Or a postcode" defaultValue={v("postcode")} error={errors.postcode} autoComplete="postal-code" width="max-w-40" spellCheck={false} />
        <Select name="radius" label="Within" defaultValue={v("radius") || String(DEFAULT_RADIUS)} error={errors.radius}
          options={RADIUS_CHOICES.map((r) => ({ value: String(r), label: `${r} ${r === 1 ? "mile" : "miles"}` }))} />
      </div>
      <Button>Search</Button>
    </div>
  );
}

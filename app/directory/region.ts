// The demo region: the 15 councils of Yorkshire and the Humber, their main towns with
// approximate centre coordinates, and the postcode districts we can place on a map
// without calling an outside service. A postcode outside these districts cannot be
// located yet, and the search page says so rather than guessing.

export type Town = { slug: string; name: string; lat: number; lng: number; postcodeDistricts: string[] };
export type LocalAuthority = { slug: string; name: string; towns: Town[] };

const town = (name: string, lat: number, lng: number, ...postcodeDistricts: string[]): Town => ({
  slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  name,
  lat,
  lng,
  postcodeDistricts,
});

export const localAuthorities: LocalAuthority[] = [
  { slug: "barnsley", name: "Barnsley", towns: [
    town("Barnsley", 53.5526, -1.4797, "S70", "S71", "S75"), town("Penistone", 53.5253, -1.629, "S36"),
    town("Wombwell", 53.521, -1.398, "S73"), town("Hoyland", 53.4975, -1.443, "S74"), town("Cudworth", 53.577, -1.42, "S72") ] },
  { slug: "bradford", name: "Bradford", towns: [
    town("Bradford", 53.796, -1.7594, "BD1", "BD3", "BD5", "BD7", "BD8"), town("Keighley", 53.8679, -1.9064, "BD21", "BD22"),
    town("Shipley", 53.833, -1.777, "BD18"), town("Bingley", 53.848, -1.838, "BD16"), town("Ilkley", 53.925, -1.822, "LS29") ] },
  { slug: "calderdale", name: "Calderdale", towns: [
    town("Halifax", 53.7248, -1.8658, "HX1", "HX2", "HX3"), town("Brighouse", 53.703, -1.782, "HD6"),
    town("Todmorden", 53.713, -2.096, "OL14"), town("Hebden Bridge", 53.742, -2.014, "HX7"), town("Elland", 53.685, -1.838, "HX5") ] },
  { slug: "doncaster", name: "Doncaster", towns: [
    town("Doncaster", 53.5228, -1.1285, "DN1", "DN2", "DN4"), town("Mexborough", 53.493, -1.288, "S64"),
    town("Thorne", 53.611, -0.959, "DN8"), town("Armthorpe", 53.535, -1.052, "DN3"), town("Bentley", 53.542, -1.15, "DN5") ] },
  { slug: "east-riding", name: "East Riding of Yorkshire", towns: [
    town("Beverley", 53.842, -0.435, "HU17"), town("Bridlington", 54.083, -0.192, "YO15", "YO16"),
    town("Goole", 53.704, -0.874, "DN14"), town("Driffield", 54.006, -0.442, "YO25"),
    town("Hornsea", 53.911, -0.168, "HU18"), town("Pocklington", 53.93, -0.779, "YO42") ] },
  { slug: "hull", name: "Kingston upon Hull", towns: [
    town("Hull", 53.7446, -0.3352, "HU1", "HU2", "HU3"), town("The Avenues", 53.758, -0.37, "HU5"),
    town("Orchard Park", 53.788, -0.376, "HU6"), town("Bransholme", 53.799, -0.328, "HU7"), town("Marfleet", 53.743, -0.275, "HU9") ] },
  { slug: "kirklees", name: "Kirklees", towns: [
    town("Huddersfield", 53.6458, -1.785, "HD1", "HD2", "HD3"), town("Dewsbury", 53.691, -1.633, "WF12", "WF13"),
    town("Batley", 53.716, -1.627, "WF17"), town("Holmfirth", 53.57, -1.787, "HD9"),
    town("Mirfield", 53.675, -1.693, "WF14"), town("Cleckheaton", 53.725, -1.712, "BD19") ] },
  { slug: "leeds", name: "Leeds", towns: [
    town("Leeds", 53.7997, -1.5492, "LS1", "LS2", "LS9", "LS11"), town("Headingley", 53.819, -1.579, "LS6"),
    town("Chapeltown", 53.819, -1.534, "LS7"), town("Morley", 53.74, -1.6, "LS27"), town("Pudsey", 53.796, -1.661, "LS28"),
    town("Otley", 53.905, -1.694, "LS21"), town("Wetherby", 53.928, -1.386, "LS22"), town("Garforth", 53.792, -1.388, "LS25") ] },
  { slug: "north-east-lincolnshire", name: "North East Lincolnshire", towns: [
    town("Grimsby", 53.5675, -0.0802, "DN31", "DN32", "DN34"), town("Cleethorpes", 53.56, -0.029, "DN35"),
    town("Immingham", 53.614, -0.218, "DN40"), town("Waltham", 53.517, -0.1, "DN37"), town("Humberston", 53.533, -0.022, "DN36") ] },
  { slug: "north-lincolnshire", name: "North Lincolnshire", towns: [
    town("Scunthorpe", 53.5809, -0.6502, "DN15", "DN17"), town("Brigg", 53.552, -0.492, "DN20"),
    town("Barton-upon-Humber", 53.684, -0.436, "DN18"), town("Epworth", 53.523, -0.824, "DN9"), town("Bottesford", 53.556, -0.668, "DN16") ] },
  { slug: "north-yorkshire", name: "North Yorkshire", towns: [
    town("Harrogate", 53.9921, -1.5418, "HG1", "HG2"), town("Scarborough", 54.2831, -0.3998, "YO11", "YO12"),
    town("Northallerton", 54.339, -1.434, "DL6", "DL7"), town("Skipton", 53.962, -2.017, "BD23"), town("Ripon", 54.138, -1.524, "HG4"),
    town("Whitby", 54.486, -0.615, "YO21", "YO22"), town("Selby", 53.784, -1.067, "YO8"), town("Richmond", 54.403, -1.737, "DL10"),
    town("Malton", 54.136, -0.798, "YO17"), town("Thirsk", 54.232, -1.341, "YO7") ] },
  { slug: "rotherham", name: "Rotherham", towns: [
    town("Rotherham", 53.4326, -1.3635, "S60", "S61", "S65"), town("Maltby", 53.423, -1.2, "S66"),
    town("Wath upon Dearne", 53.503, -1.345, "S63"), town("Rawmarsh", 53.46, -1.343, "S62"), town("Dinnington", 53.367, -1.205, "S25") ] },
  { slug: "sheffield", name: "Sheffield", towns: [
    town("Sheffield", 53.3811, -1.4701, "S1", "S2", "S3", "S10", "S11"), town("Hillsborough", 53.404, -1.502, "S6"),
    town("Stocksbridge", 53.479, -1.592, "S35"), town("Darnall", 53.384, -1.409, "S9"),
    town("Firth Park", 53.42, -1.448, "S5"), town("Woodseats", 53.346, -1.474, "S8") ] },
  { slug: "wakefield", name: "Wakefield", towns: [
    town("Wakefield", 53.6833, -1.4977, "WF1", "WF2"), town("Castleford", 53.725, -1.362, "WF10"),
    town("Pontefract", 53.691, -1.312, "WF8"), town("Ossett", 53.68, -1.58, "WF5"),
    town("Normanton", 53.7, -1.416, "WF6"), town("Hemsworth", 53.613, -1.351, "WF9") ] },
  { slug: "york", name: "York", towns: [
    town("York", 53.959, -1.0815, "YO1", "YO30", "YO31"), town("Acomb", 53.954, -1.129, "YO24", "YO26"),
    town("Haxby", 54.016, -1.072, "YO32"), town("Heslington", 53.948, -1.051, "YO10") ] },
];

export type PlacedTown = Town & { area: LocalAuthority };
export const towns: PlacedTown[] = localAuthorities.flatMap((area) => area.towns.map((t) => ({ ...t, area })));

const townBySlug = new Map(towns.map((t) => [t.slug, t]));
const townByDistrict = new Map(towns.flatMap((t) => t.postcodeDistricts.map((d) => [d, t] as const)));
const areaBySlug = new Map(localAuthorities.map((a) => [a.slug, a]));

export const findTown = (slug: string) => townBySlug.get(slug);
export const findArea = (slug: string) => areaBySlug.get(slug);

// UK postcode shapes: "LS6 3AA", "ls63aa", or just the district "LS6".
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$/;

export function normalisePostcode(input: string): { district: string; full: string } | null {
  const m = POSTCODE.exec(input.trim().toUpperCase());
  if (!m) return null;
  const district = m[1]!;
  return { district, full: m[2] ? `${district} ${m[2]}` : district };
}

/** The town whose postcode district this is, or null when we cannot place it. */
export function townForPostcode(input: string): PlacedTown | null {
  const pc = normalisePostcode(input);
  return pc ? (townByDistrict.get(pc.district) ?? null) : null;
}

// Short codes printed in the booklet, so a person reading on paper can find a service online
// by typing a few characters: the service id in Crockford's base 32 (no I, L, O or U to
// misread), at least three characters, then a Luhn mod 32 check character, which catches any
// single mistyped character and most swapped pairs instead of opening the wrong service.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = ALPHABET.length;
const MIN_LENGTH = 3;

function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / N) + (addend % N);
  }
  return ALPHABET[(N - (sum % N)) % N]!;
}

export function shortCode(serviceId: number): string {
  if (!Number.isSafeInteger(serviceId) || serviceId < 1) throw new RangeError(`not a service id: ${serviceId}`);
  let body = "";
  for (let n = serviceId; n > 0; n = Math.floor(n / N)) body = ALPHABET[n % N] + body;
  body = body.padStart(MIN_LENGTH, "0");
  return body + checkCharacter(body);
}

/** The service id a typed code stands for, or null when it is not a code we could have printed. */
export function readShortCode(typed: string): number | null {
  // People type what they see: lower case, spaces, a hyphen, O for zero, I or L for one.
  const code = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (code.length < MIN_LENGTH + 1 || code.length > 12 || [...code].some((c) => !ALPHABET.includes(c))) return null;
  const body = code.slice(0, -1);
  if (checkCharacter(body) !== code.slice(-1)) return null;
  const id = [...body].reduce((n, c) => n * N + ALPHABET.indexOf(c), 0);
  return id >= 1 && Number.isSafeInteger(id) ? id : null;
}

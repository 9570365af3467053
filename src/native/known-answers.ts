/**
 * Known answers of the native probes, from @noble/post-quantum: every native backend (node:crypto,
 * WebCrypto) must reproduce them before mamlkit uses it. Constants only, shared by both targets of
 * `#native`.
 */

/**
 * The ML-DSA known answer: key pairs from the seed 0, 1, …, 31 (SHA-256 of each public key, in
 * base64), and the message and context of the probe's signatures.
 *
 * @example
 * ```ts
 * const seed = sequence(ML_DSA_KNOWN_ANSWER.seedBytes, 0); // 00 01 … 1f
 * ```
 */
export const ML_DSA_KNOWN_ANSWER = {
  seedBytes: 32,
  message: 'mamlkit: known answer of the native ML-DSA probe',
  context: 'mamlkit/native-probe/v1',
  publicKeySha256: {
    'ML-DSA-44': 'nxB2RMEIRSavO8gJhoCwVJmiMlpkTjiPtPlw4FjRnUY=',
    'ML-DSA-65': '1maAbhHO4Zp8mJ90RfkN1BnPTS1R24wP20wPClQiOMk=',
    'ML-DSA-87': 'kdw4nPqgFHC39m7uRaSukCbRVIF8dU3+IimLP6JB/80=',
  },
} as const;

/**
 * The deterministic ML-DSA-44 signature (base64) of {@link ML_DSA_KNOWN_ANSWER}'s message under
 * its context by the seed 0, 1, …, 31, made by @noble/post-quantum. Kept apart so that browser
 * bundles, whose probe makes this signature with the @noble/post-quantum they already hold, do
 * not carry it.
 *
 * @example
 * ```ts
 * const signature = Uint8Array.from(atob(ML_DSA_KNOWN_SIGNATURE), (char) => char.charCodeAt(0));
 * ```
 */
export const ML_DSA_KNOWN_SIGNATURE: string =
  'Xbv6+uKjoDn6YPO87+p70XwZH7sRMrzWzhkwMho7bbtRKx7aeD1y92RBenKreSJpKpjwAHPT4qOtbo7xfMClGPuZT37ooZDzcCyo+ehkRxGXRnl+zmRt3TOgoXhD+d7mfMDLeWWawxqqlsuvu6LcWByOv1/yMMnjzEmuRAKQJZ+GYNHiOdgqopqqqCyCWDhfosiCQu/svVJW/borl9RwTzCDNCa00om5/KrSvJXpk2exzw7wg5IyVXwJ0unZDs6RRTws9Z3alto1XSMbFRkJ3B0PrFOWNsLgxwbOD7XDDqqRnWRiVjamGdLH6l+Jvnj8L2Ggsl/Dpkk8oUVeqXUBFUs4wq9ZhVGH9zLxzoIKGjYLE9k1dIcdNkd5Y7143am1faCCp4E16nOI01mUIoVLDG6PySqHzKCjhoaU0c33tL9FWwcbPcuKrqkTEymeMt5z5g5JdYaukVeIS2dyxFTERriWCxZBZ8ds5rcQ7N+9oQhnyie/Ryx+VhsGa8XguCCTMT0G3bDDeuzxHtR8sRk3EEDJbCd9ivyc/Xd3OuhZN2KySu9CFc1DwN61lP9NzvRXVog32bJl0sThkY/hiyVIYPTV0AqRyiscYpcexb3WNZ1Kqn0hWaPus48600cvEE5OxwDdrQXZk8vY6He0LvWOoVwxQmCW/lLlYDJwVWMsYG4bNMvkipge0afuHEYrkInrG/JzZTlMNlWJPg0WvajXWOhsR8YcijFg+6ew54o5KN5VxmBI1P3HtjZOuQHwKKITMoeIwfaAgd5SBIW51+X60cXicaWDOd1sTiFFaWadvAMrPlJzNPYaukP4SwmeunyN8xgx9SBELyqfDnwNnt8T8B17jLCqtrTiqvr8TGsobkEqPjr4jQ+rCJn2mofqsyznaFJiL2r7j/EbgN7EXyh7okutusrFP2Ju72EWseFxHZ/fbgexgp8oIpSAsXPSNx3yx2WbBDoMSXjLdQTkIB5dA6EFuj/reRfraQeEg0QXRrGh/Riuw9qqgwJZY5h/2LTWOyNCbfCQbHhtmr0OkU1Ht0uOql47vOdxTHshrZ5VHDF+7K8xkdkvuDtFMaI2JESqfUnJtBxQJgEnnotUT9E+qwuON23LHdr+sSTp6PSe1yvraKCGpW06e5U957rQamFWtL9gijhoxV5HblSLfuJWcnBlCkCllsIom6CSK3bvZSXlIpFoShOu9PA23N9MFPQiq/uKuhaC6Pd82UfROTkLDK4+hGrbqVd+AuZJ/T296z/ywW7CI4Jn/rM8LynKjaUQla1boDTrCg9Cy9AzFjiC+FjuhBSkVJ3ghWbMtlGPZvzO1t31HM//BzBi0NbTJvIzgV1IimsYd7zf+lMC7POJpzNWElXzMpw2946g23j6/dbmCbYd2JzfshEAwWS9n5Q4dWxdoDLjz3f9Y5BGu3YMim7S8FqV79n1kjVJPUiDJU/3N+jpRdWupBOwcGMT+wl0RPMg5TSyHnqVm71df6RhWcJ3Uq0dcunYMjsCvjm2qX6ebSczbKNgbr8zN5yatBMF9dBCCNKnpXl7JtRw+gMdnLcVMxRlPQixI7gBdkiw+0Nz3NBoRYl/OLNzYKoHTvE+EFF6XVMFSfEPwNxc5Cavl9o3fh1Q1t0gdMh7u3v288D18gKrvUDMpc00d8X2yHidlb68J6cScl7iVsgmYhXdUEwu4sDe9AKNvBcRVMGQYFXTpSQMZpy8NlOGVAHDPt1UeiORrMR4iYpExd4ht3+6qWp7E3BRgS9e0esfWv5T8iezeCjS7QO1ZjmUSbtVFID/AXykNbDhEWVwil1yCWyH4QnjIXjkv0zNL8n2NeYvoOnCwspNmq+jQdWrwA7Ga7gACpG70J8eHc//1ESw8CG2uZBHlEoICjOSAnarpt5MjNn4JYcTF6/HYR+vCyyOOwQAKDfuhQYK74RySixASbEHhe2ZTlTV2r5uyn1xRUd4lBmkpBem7mG5k/1qHuHLGxa7RE3qTgTaJAH6Y50d99Vf7X24CHL/U5SoB9w7Fi1Q12jWX2qXYkMCoeCkYhCQa72uZRoePVMCWFMOn7EgxFeOEWEfIWYVXJrnlUwDrXHNZ2gmlZa0EUnztXGbG92lSdnyFi/5EBO5h8Q33XjbQT9qP38+nNYboCXrsxbjekiLWh/di2GHnIymkVgwMTRXGpr1r4GtCz8PMu6fUXcpZgkSs7H/qZWSRT6eZH7jzZVHNvjEx/q5OnZ+xQLtzGMFkWLQEUTTD7QYtjwbt++w+8aT+bXQD7ltFbI5ct8BRJR7I3UTs4AYiLWdy6iRmPimi9+M9EbSdRdOuMJLVF3r2NkYYD1QufUH3IwHu/CTU9tZgRyK2cWmOuO/FnisFYcEGOUJnOjemDdAz0+sT+D7CGheDF1BEjP2fksiBy24PWTD6XsFiVFhzz8scbDJlAvoXVFT4RDLja+Asaee+oPXqBGXEy2vvYQj7/xA0Gw431NMn3LPj0tX3JfjfHWsHUOvauvUxo7pkJr3vbTKqGh3eY1wfY+jub9csSKed808qmDybuxfdlWYh6DNj7IS+VROXL7v4/R8lQbVm+uIqK5B3keY0lNZyAtMCI7Ll+U0zoldctCRnyc7Gk+3oNYJCD3BGzyvOSJBK/RbirjFN62jgbAe2U+BROhSFpwmEu4nXaXuumD1lHorvXRNedu5z5t9CJWderJn3HV5YMPEVt/MXUjuGs6nvdTz89cMLie+ntLm1BlJJdPZ8xtYsvJUGlEefCBsiG2j2SsIA75/GOM2YrikSXPdrZvqTzWEUc6qZFjMIZNtzJCMRAlygKv4wq53If5uWSRh8znlNwFKS+Qc+eD0Lde3u5CDeE9n05E7eEXFy0ij3uHXHnZGyeT80d4Om6AFgUm05JD0PvzieanA8ZK+ioEJ+zJDCSoW4KW0sV+Tru7kJOW8E1E8M1d0JGQXKu0kL1UF2Pmr1kGOGExiQflA6IHri54PqE/Xgj600pIzrGNqn/FbzOhuanHsyr2ndr2hQvAiaEW7FMG8aTo1zbYAWYkv3u3NsqI0WLwTzejmVCa0hGHWMynCs4iF9d9zizA4nge1Rf3OZNpP7rTJsLWEjjqy6mfSFHm0gKT75tSE7jEZMTxSX2eDhIqussPM2h0mKSw6R0hUV4uXnaGprbG82N3y8wULFRkbXWxxi4+iuM7o8RknS1JchJnAwsTSAAAAAAAAAAAAAAAAAAAAAAAAAA4jMj0=';

/**
 * The KEM known answers: the public key of the seed 00…3f (ML-KEM-1024) or 00…1f (X-Wing), by
 * SHA-256 in hex, and the shared secret (hex) of the ciphertext 07 08 09 … of the KEM's length
 * (an implicit rejection for ML-KEM-1024).
 *
 * @example
 * ```ts
 * const { publicKeySha256 } = KEM_KNOWN_ANSWER['ml-kem-1024'];
 * ```
 */
export const KEM_KNOWN_ANSWER = {
  'ml-kem-1024': {
    seedBytes: 64,
    cipherTextBytes: 1568,
    publicKeySha256: 'c7b8fa0aa471d5ae18922d6ccad5b31e1d84f92ae723abfd13747018740a8530',
    sharedSecret: '2e33fd6a038244776182587961d64f68ff1e091ef279e247f809d239dcfa09c6',
  },
  'x-wing': {
    seedBytes: 32,
    cipherTextBytes: 1120,
    publicKeySha256: 'c9a3565ffde4f72b51661be391ee13e46378d7f06dd5c8bf5af9d2cfb5b8336b',
    sharedSecret: '6c87363be3d935c36162742ed03c156beebc589b5869252c5cdc5d447183067a',
  },
} as const;

/**
 * The bytes start, start + 1, … (mod 256) of a probe's seed or ciphertext.
 *
 * @example
 * ```ts
 * sequence(3, 7); // Uint8Array [7, 8, 9]
 * ```
 */
export function sequence(length: number, start: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

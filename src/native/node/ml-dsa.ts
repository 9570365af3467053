import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from '../../sign/index.js';
import type { NativeCapability, NativeMlDsa } from '../types.js';
import { capability, keyCache, plain } from './bytes.js';

// The Node.js 20 typings predate ML-DSA in node:crypto (Node.js 24): the raw key formats, the
// `raw-public` export and the `context` option are typed here as Node.js 24 and later accept them.
interface RawKeyInput {
  readonly key: Uint8Array;
  readonly format: 'raw-public' | 'raw-seed';
  readonly asymmetricKeyType: string;
}
interface KeyWithContext {
  readonly key: KeyObject;
  readonly context: Uint8Array;
}
const importPublic = createPublicKey as unknown as (input: RawKeyInput) => KeyObject;
const importPrivate = createPrivateKey as unknown as (input: RawKeyInput) => KeyObject;
const signWithContext = sign as unknown as (algorithm: null, data: Uint8Array, key: KeyWithContext) => Buffer;
const verifyWithContext = verify as unknown as (
  algorithm: null,
  data: Uint8Array,
  key: KeyWithContext,
  signature: Uint8Array,
) => boolean;
/** The encoded public key of a private key. */
const rawPublicKey = (key: KeyObject): Buffer =>
  (createPublicKey(key) as unknown as { export: (options: { format: 'raw-public' }) => Buffer }).export({
    format: 'raw-public',
  });

const KEY_TYPE: Readonly<Record<SigningAlgorithm, string>> = {
  'ML-DSA-44': 'ml-dsa-44',
  'ML-DSA-65': 'ml-dsa-65',
  'ML-DSA-87': 'ml-dsa-87',
};

/** The private key derived from a seed, with the public key it derives. */
interface PrivateKey {
  readonly key: KeyObject;
  readonly publicKey: Buffer;
}

/** Imported keys cached per key array and algorithm ({@link keyCache}: a changed array is imported again). */
const publicKeys = {} as Record<SigningAlgorithm, (bytes: Uint8Array) => KeyObject>;
const privateKeys = {} as Record<SigningAlgorithm, (seed: Uint8Array) => PrivateKey>;
for (const [algorithm, asymmetricKeyType] of Object.entries(KEY_TYPE) as [SigningAlgorithm, string][]) {
  publicKeys[algorithm] = keyCache((key) => importPublic({ key, format: 'raw-public', asymmetricKeyType }));
  privateKeys[algorithm] = keyCache((seed) => {
    const key = importPrivate({ key: seed, format: 'raw-seed', asymmetricKeyType });
    return { key, publicKey: rawPublicKey(key) };
  });
}

const nodeMlDsa: NativeMlDsa = {
  sign(key, message, context) {
    const { key: privateKey, publicKey } = privateKeys[key.algorithm](key.seed);
    if (!publicKey.equals(key.publicKey)) return undefined;
    return plain(signWithContext(null, message, { key: privateKey, context }));
  },
  verify(key, signature, message, context) {
    const publicKey = publicKeys[key.algorithm](key.publicKey);
    return verifyWithContext(null, message, { key: publicKey, context }, signature);
  },
};

/**
 * The known answer: key pairs from the seed 0, 1, …, 31 (SHA-256 of each public key), and an
 * ML-DSA-44 signature with a context made by @noble/post-quantum (deterministic).
 */
const PROBE = {
  seed: Uint8Array.from({ length: 32 }, (_, i) => i),
  message: 'mamlkit: known answer of the native ML-DSA probe',
  context: 'mamlkit/native-probe/v1',
  publicKeySha256: {
    'ML-DSA-44': 'nxB2RMEIRSavO8gJhoCwVJmiMlpkTjiPtPlw4FjRnUY=',
    'ML-DSA-65': '1maAbhHO4Zp8mJ90RfkN1BnPTS1R24wP20wPClQiOMk=',
    'ML-DSA-87': 'kdw4nPqgFHC39m7uRaSukCbRVIF8dU3+IimLP6JB/80=',
  },
  signature:
    'Xbv6+uKjoDn6YPO87+p70XwZH7sRMrzWzhkwMho7bbtRKx7aeD1y92RBenKreSJpKpjwAHPT4qOtbo7xfMClGPuZT37ooZDzcCyo+ehkRxGXRnl+zmRt3TOgoXhD+d7mfMDLeWWawxqqlsuvu6LcWByOv1/yMMnjzEmuRAKQJZ+GYNHiOdgqopqqqCyCWDhfosiCQu/svVJW/borl9RwTzCDNCa00om5/KrSvJXpk2exzw7wg5IyVXwJ0unZDs6RRTws9Z3alto1XSMbFRkJ3B0PrFOWNsLgxwbOD7XDDqqRnWRiVjamGdLH6l+Jvnj8L2Ggsl/Dpkk8oUVeqXUBFUs4wq9ZhVGH9zLxzoIKGjYLE9k1dIcdNkd5Y7143am1faCCp4E16nOI01mUIoVLDG6PySqHzKCjhoaU0c33tL9FWwcbPcuKrqkTEymeMt5z5g5JdYaukVeIS2dyxFTERriWCxZBZ8ds5rcQ7N+9oQhnyie/Ryx+VhsGa8XguCCTMT0G3bDDeuzxHtR8sRk3EEDJbCd9ivyc/Xd3OuhZN2KySu9CFc1DwN61lP9NzvRXVog32bJl0sThkY/hiyVIYPTV0AqRyiscYpcexb3WNZ1Kqn0hWaPus48600cvEE5OxwDdrQXZk8vY6He0LvWOoVwxQmCW/lLlYDJwVWMsYG4bNMvkipge0afuHEYrkInrG/JzZTlMNlWJPg0WvajXWOhsR8YcijFg+6ew54o5KN5VxmBI1P3HtjZOuQHwKKITMoeIwfaAgd5SBIW51+X60cXicaWDOd1sTiFFaWadvAMrPlJzNPYaukP4SwmeunyN8xgx9SBELyqfDnwNnt8T8B17jLCqtrTiqvr8TGsobkEqPjr4jQ+rCJn2mofqsyznaFJiL2r7j/EbgN7EXyh7okutusrFP2Ju72EWseFxHZ/fbgexgp8oIpSAsXPSNx3yx2WbBDoMSXjLdQTkIB5dA6EFuj/reRfraQeEg0QXRrGh/Riuw9qqgwJZY5h/2LTWOyNCbfCQbHhtmr0OkU1Ht0uOql47vOdxTHshrZ5VHDF+7K8xkdkvuDtFMaI2JESqfUnJtBxQJgEnnotUT9E+qwuON23LHdr+sSTp6PSe1yvraKCGpW06e5U957rQamFWtL9gijhoxV5HblSLfuJWcnBlCkCllsIom6CSK3bvZSXlIpFoShOu9PA23N9MFPQiq/uKuhaC6Pd82UfROTkLDK4+hGrbqVd+AuZJ/T296z/ywW7CI4Jn/rM8LynKjaUQla1boDTrCg9Cy9AzFjiC+FjuhBSkVJ3ghWbMtlGPZvzO1t31HM//BzBi0NbTJvIzgV1IimsYd7zf+lMC7POJpzNWElXzMpw2946g23j6/dbmCbYd2JzfshEAwWS9n5Q4dWxdoDLjz3f9Y5BGu3YMim7S8FqV79n1kjVJPUiDJU/3N+jpRdWupBOwcGMT+wl0RPMg5TSyHnqVm71df6RhWcJ3Uq0dcunYMjsCvjm2qX6ebSczbKNgbr8zN5yatBMF9dBCCNKnpXl7JtRw+gMdnLcVMxRlPQixI7gBdkiw+0Nz3NBoRYl/OLNzYKoHTvE+EFF6XVMFSfEPwNxc5Cavl9o3fh1Q1t0gdMh7u3v288D18gKrvUDMpc00d8X2yHidlb68J6cScl7iVsgmYhXdUEwu4sDe9AKNvBcRVMGQYFXTpSQMZpy8NlOGVAHDPt1UeiORrMR4iYpExd4ht3+6qWp7E3BRgS9e0esfWv5T8iezeCjS7QO1ZjmUSbtVFID/AXykNbDhEWVwil1yCWyH4QnjIXjkv0zNL8n2NeYvoOnCwspNmq+jQdWrwA7Ga7gACpG70J8eHc//1ESw8CG2uZBHlEoICjOSAnarpt5MjNn4JYcTF6/HYR+vCyyOOwQAKDfuhQYK74RySixASbEHhe2ZTlTV2r5uyn1xRUd4lBmkpBem7mG5k/1qHuHLGxa7RE3qTgTaJAH6Y50d99Vf7X24CHL/U5SoB9w7Fi1Q12jWX2qXYkMCoeCkYhCQa72uZRoePVMCWFMOn7EgxFeOEWEfIWYVXJrnlUwDrXHNZ2gmlZa0EUnztXGbG92lSdnyFi/5EBO5h8Q33XjbQT9qP38+nNYboCXrsxbjekiLWh/di2GHnIymkVgwMTRXGpr1r4GtCz8PMu6fUXcpZgkSs7H/qZWSRT6eZH7jzZVHNvjEx/q5OnZ+xQLtzGMFkWLQEUTTD7QYtjwbt++w+8aT+bXQD7ltFbI5ct8BRJR7I3UTs4AYiLWdy6iRmPimi9+M9EbSdRdOuMJLVF3r2NkYYD1QufUH3IwHu/CTU9tZgRyK2cWmOuO/FnisFYcEGOUJnOjemDdAz0+sT+D7CGheDF1BEjP2fksiBy24PWTD6XsFiVFhzz8scbDJlAvoXVFT4RDLja+Asaee+oPXqBGXEy2vvYQj7/xA0Gw431NMn3LPj0tX3JfjfHWsHUOvauvUxo7pkJr3vbTKqGh3eY1wfY+jub9csSKed808qmDybuxfdlWYh6DNj7IS+VROXL7v4/R8lQbVm+uIqK5B3keY0lNZyAtMCI7Ll+U0zoldctCRnyc7Gk+3oNYJCD3BGzyvOSJBK/RbirjFN62jgbAe2U+BROhSFpwmEu4nXaXuumD1lHorvXRNedu5z5t9CJWderJn3HV5YMPEVt/MXUjuGs6nvdTz89cMLie+ntLm1BlJJdPZ8xtYsvJUGlEefCBsiG2j2SsIA75/GOM2YrikSXPdrZvqTzWEUc6qZFjMIZNtzJCMRAlygKv4wq53If5uWSRh8znlNwFKS+Qc+eD0Lde3u5CDeE9n05E7eEXFy0ij3uHXHnZGyeT80d4Om6AFgUm05JD0PvzieanA8ZK+ioEJ+zJDCSoW4KW0sV+Tru7kJOW8E1E8M1d0JGQXKu0kL1UF2Pmr1kGOGExiQflA6IHri54PqE/Xgj600pIzrGNqn/FbzOhuanHsyr2ndr2hQvAiaEW7FMG8aTo1zbYAWYkv3u3NsqI0WLwTzejmVCa0hGHWMynCs4iF9d9zizA4nge1Rf3OZNpP7rTJsLWEjjqy6mfSFHm0gKT75tSE7jEZMTxSX2eDhIqussPM2h0mKSw6R0hUV4uXnaGprbG82N3y8wULFRkbXWxxi4+iuM7o8RknS1JchJnAwsTSAAAAAAAAAAAAAAAAAAAAAAAAAA4jMj0=',
} as const;

/**
 * The exact operations mamlkit needs, checked against the known answer: key derivation from a
 * seed for each level, import of a raw public key, verification of a known signature with a
 * context, and a fresh hedged signature with a context. Any failure or exception: `undefined`.
 */
function probe(): NativeMlDsa | undefined {
  try {
    const encoder = new TextEncoder();
    const message = encoder.encode(PROBE.message);
    const context = encoder.encode(PROBE.context);
    for (const [algorithm, sha256] of Object.entries(PROBE.publicKeySha256) as [SigningAlgorithm, string][]) {
      const { publicKey } = privateKeys[algorithm](PROBE.seed);
      if (createHash('sha256').update(publicKey).digest('base64') !== sha256) return undefined;
    }
    const key = {
      algorithm: 'ML-DSA-44',
      publicKey: privateKeys['ML-DSA-44'](PROBE.seed).publicKey,
      seed: PROBE.seed,
    } as const;
    if (!nodeMlDsa.verify(key, Buffer.from(PROBE.signature, 'base64'), message, context)) return undefined;
    const fresh = nodeMlDsa.sign(key, message, context);
    return fresh !== undefined && nodeMlDsa.verify(key, fresh, message, context) ? nodeMlDsa : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ML-DSA through node:crypto (Node.js 24 and later: OpenSSL 3.5), synchronous. Probed on the
 * first `get()`; `undefined` where the runtime lacks it or does not take a context (Node.js
 * 20 and 22, Bun, Deno), and then @noble/post-quantum runs.
 *
 * @example
 * ```ts
 * import { native } from '#native';
 * const mlDsa = native.mlDsa?.get(); // undefined: use @noble/post-quantum
 * ```
 */
export const mlDsa: NativeCapability<NativeMlDsa> = capability(probe);

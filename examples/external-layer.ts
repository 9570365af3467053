import {
  createKeyring,
  EnvelopeError,
  externalLayer,
  generateLayerKey,
  inspect,
  open,
  seal,
} from 'mamlkit/envelope';

// The fourth custodian's layer key never exists in this process: a non-extractable WebCrypto
// AES-GCM key wraps and unwraps it. A KMS, an HSM or Vault transit plugs in the same way.
const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
  'encrypt',
  'decrypt',
]);

const custodian = externalLayer({
  name: 'webcrypto:aes-gcm:custodian-4',
  async wrap(layerKey, context) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    // `context` binds the wrap to this layer and message: AES-GCM associated data.
    const params = { name: 'AES-GCM', iv, additionalData: context.slice() };
    const sealed = new Uint8Array(await crypto.subtle.encrypt(params, wrappingKey, layerKey.slice()));
    const encapsulation = new Uint8Array(iv.length + sealed.length);
    encapsulation.set(iv);
    encapsulation.set(sealed, iv.length);
    return encapsulation;
  },
  async unwrap(encapsulation, context) {
    const params = { name: 'AES-GCM', iv: encapsulation.slice(0, 12), additionalData: context.slice() };
    return new Uint8Array(await crypto.subtle.decrypt(params, wrappingKey, encapsulation.slice(12)));
  },
});

const keyring = createKeyring([generateLayerKey(), generateLayerKey(), generateLayerKey(), custodian]);
const envelope = await seal('pay 10 EUR to bob', keyring);
console.log('wrapping key extractable:', wrappingKey.extractable);
console.log(
  'layers:',
  inspect(envelope)
    .stanzas[0]?.layers.map((layer) => layer.kind)
    .join(', '),
);
console.log('opened:', new TextDecoder().decode(await open(envelope, keyring)));

// The same name with another WebCrypto key: the unwrap fails, and so does the envelope.
const otherKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['decrypt']);
const impostor = externalLayer({
  name: 'webcrypto:aes-gcm:custodian-4',
  wrap: () => Promise.reject(new Error('this layer only opens')),
  async unwrap(encapsulation, context) {
    const params = { name: 'AES-GCM', iv: encapsulation.slice(0, 12), additionalData: context.slice() };
    return new Uint8Array(await crypto.subtle.decrypt(params, otherKey, encapsulation.slice(12)));
  },
});
try {
  await open(envelope, createKeyring([...keyring.layers.slice(0, 3), impostor]));
} catch (error) {
  if (!(error instanceof EnvelopeError)) throw error;
  console.log('other key:', error.code);
}

/** Demo section for `mamlkit/sign`: a key, a signed MAML file, a check, a detached signature. */
import {
  createTrustStore,
  exportSigningJwk,
  generateSigningKeyPair,
  keyRotationStatus,
  signDetached,
  signMaml,
  verifyDetached,
  verifyMaml,
} from 'mamlkit/sign';

/** The MAML file the signing and gate demos use. */
export const DEMO_MAML = `---
maml_version: "2.0.0"
id: "urn:uuid:7d2f4a10-5b3c-4e8f-9a61-0c2b3d4e5f60"
type: "workflow"
origin: "agent://demo"
permissions:
  execute: ["gateway://demo"]
quantum_security_flag: true
---
## Intent
Add two numbers.

## Context
A one-line workflow for the demo.

## Code_Blocks
\`\`\`python
print(2 + 3)
\`\`\`
`;

export function demoSign(): void {
  const { publicKey, secretKey } = generateSigningKeyPair(); // ML-DSA-87
  const jwk = exportSigningJwk(publicKey);
  console.log(
    `  key ${publicKey.algorithm}, id ${publicKey.keyId}, JWK kty ${jwk.kty}, ${jwk.pub.length} base64url chars`,
  );
  console.log(`  rotation today: ${keyRotationStatus(publicKey, { now: new Date() })}`);

  const signed = signMaml(DEMO_MAML, secretKey);
  const trust = createTrustStore([publicKey]);
  const result = verifyMaml(signed, trust);
  console.log(
    `  signed MAML: ${DEMO_MAML.length} → ${signed.length} chars; verify: ${result.valid ? 'valid' : 'INVALID'}`,
  );
  const crlf = verifyMaml(signed.replaceAll('\n', '\r\n'), trust);
  console.log(`  same file checked out with CRLF: ${crlf.valid ? 'valid' : 'INVALID'}`);

  const data = new TextEncoder().encode('any bytes at all');
  const sig = signDetached(data, secretKey, { trustedComment: 'demo.bin v1' });
  const detached = verifyDetached(data, sig, trust);
  console.log(
    `  detached signature: valid=${String(detached.valid)}, trusted comment "${detached.trustedComment ?? ''}"`,
  );
}

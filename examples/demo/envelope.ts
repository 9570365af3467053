/** Demo section for `mamlkit/envelope`: seal a MAML file under four layer keys, inspect, open. */
import { armor, EnvelopeError, generateKeyring, inspect, open, seal } from 'mamlkit/envelope';

const MAML = `---
maml_version: "2.0.0"
id: urn:uuid:7d9e2c4a-3b1f-4e8a-9c6d-5f2a1b0e8d7c
type: workflow
origin: agent://imaging-archive
---
## Intent
Archive de-identified imaging studies.

## Context
Each study is sealed before upload.
`;

export async function demoEnvelope(): Promise<void> {
  const keyring = generateKeyring(); // four independent 512-bit AES-SIV layer keys
  const envelope = await seal(MAML, keyring, { contentType: 'text/markdown' });
  const info = inspect(envelope);
  const kids = info.stanzas[0]?.layers.map((layer) => layer.kid).join(', ') ?? '';
  console.log(
    `  sealed ${MAML.length} bytes of MAML → ${envelope.length} bytes (header ${info.headerBytes})`,
  );
  console.log(`  layers: ${info.stanzas[0]?.layers.length ?? 0} × aes-siv, key ids ${kids}`);
  console.log(`  armored: ${armor(envelope).split('\n')[0] ?? ''} … (${armor(envelope).length} characters)`);
  const opened = new TextDecoder().decode(await open(envelope, keyring));
  console.log(`  opened with all four keys: ${opened === MAML ? 'identical to the original' : 'MISMATCH'}`);
  try {
    await open(envelope, { layers: keyring.layers.slice(0, 3) });
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    console.log(`  with three of the four keys: ${error.code}`);
  }
  const forged = {
    layers: keyring.layers.map((layer, i) =>
      i === 3 && layer.kind === 'aes-siv' ? { ...layer, key: new Uint8Array(64) } : layer,
    ),
  };
  try {
    await open(envelope, forged);
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    console.log(
      `  a wrong fourth key claiming the right key id: ${error.code} (key ids are computed from the keys)`,
    );
  }
}

import type { Command } from '../command.js';
import { audit } from './audit.js';
import { check } from './check.js';
import { completion } from './completion.js';
import { gate } from './gate.js';
import { inspect } from './inspect.js';
import { key } from './key.js';
import { keygen } from './keygen.js';
import { limits } from './limits.js';
import { open } from './open.js';
import { preflight } from './preflight.js';
import { rewrap } from './rewrap.js';
import { rotate } from './rotate.js';
import { seal } from './seal.js';
import { sign } from './sign.js';
import { tokens } from './tokens.js';
import { verify } from './verify.js';

/** Every command, in the order `mamlkit --help` lists them. */
export const COMMANDS: readonly Command[] = [
  check,
  keygen,
  key,
  sign,
  verify,
  seal,
  open,
  inspect,
  rewrap,
  rotate,
  gate,
  audit,
  limits,
  preflight,
  tokens,
  completion(() => COMMANDS),
];

import type { Command } from '../command.js';
import { check } from './check.js';
import { inspect } from './inspect.js';
import { keygen } from './keygen.js';
import { open } from './open.js';
import { rewrap } from './rewrap.js';
import { seal } from './seal.js';
import { sign } from './sign.js';
import { verify } from './verify.js';

/** Every command, in the order `mamlkit --help` lists them. */
export const COMMANDS: readonly Command[] = [check, keygen, sign, verify, seal, open, inspect, rewrap];

/**
 * Image token rules of the providers, as published (checked 2026-12-05). Each function gives an
 * upper estimate for the dimensions it is passed.
 */

/** Anthropic: one visual token per 28×28 px patch. */
const CLAUDE_PATCH = 28;
/** Anthropic: largest native long edge (Claude Opus 4.7 and later; 1568 px before). */
export const CLAUDE_MAX_EDGE = 2576;
/** Anthropic: visual tokens of the largest native image (≈ 3.75 MP / 784; ≈ 1600 before Opus 4.7). */
export const CLAUDE_MAX_IMAGE_TOKENS = 4784;

/**
 * Claude image tokens: ⌈w/28⌉ × ⌈h/28⌉ after the image is scaled down (aspect kept) to the
 * native resolution, using the larger native resolution of Claude Opus 4.7 and later so the
 * count is an upper bound for every current model (older models cap near 1600 tokens).
 * Source: https://platform.claude.com/docs/en/build-with-claude/vision
 */
export function claudeImageTokens(width: number, height: number): number {
  const scale = Math.min(1, CLAUDE_MAX_EDGE / Math.max(width, height));
  const patches = Math.ceil((width * scale) / CLAUDE_PATCH) * Math.ceil((height * scale) / CLAUDE_PATCH);
  return Math.min(patches, CLAUDE_MAX_IMAGE_TOKENS);
}

/** OpenAI `detail` of an image input. */
export type ImageDetail = 'low' | 'high' | 'auto' | 'original';

/** OpenAI tile rule (GPT-4o, GPT-4.1, o-series): 85 base + 170 per 512 px tile. */
const TILE_BASE = 85;
const TILE_TOKENS = 170;
/** OpenAI patch rule (GPT-4.1-mini/nano, o4-mini and later): 32 px patches, at most 1536. */
const OPENAI_PATCH = 32;
export const OPENAI_MAX_PATCHES = 1536;

function tileTokens(width: number, height: number, detail: ImageDetail): number {
  if (detail === 'low') return TILE_BASE;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  const w1 = width * fit;
  const h1 = height * fit;
  // The docs scale the shortest side to 768 px; scaling small images up too (within the 2048 px
  // box) keeps this an upper bound.
  const scale = Math.min(768 / Math.min(w1, h1), 2048 / Math.max(w1, h1));
  const tiles = Math.ceil((w1 * scale) / 512) * Math.ceil((h1 * scale) / 512);
  return TILE_BASE + TILE_TOKENS * tiles;
}

function patchTokens(width: number, height: number, detail: ImageDetail): number {
  const patches = Math.ceil(width / OPENAI_PATCH) * Math.ceil(height / OPENAI_PATCH);
  return detail === 'original' ? patches : Math.min(patches, OPENAI_MAX_PATCHES);
}

/**
 * OpenAI image tokens: the larger of the tile rule and the patch rule, since which one applies
 * depends on the model family; `detail: 'original'` is counted without the patch cap. Source:
 * https://platform.openai.com/docs/guides/images-vision#calculating-costs
 */
export function openaiImageTokens(width: number, height: number, detail: ImageDetail): number {
  return Math.max(tileTokens(width, height, detail), patchTokens(width, height, detail));
}

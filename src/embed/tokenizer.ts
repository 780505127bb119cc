import { FOLDS, foldDanish } from '../text/fold.js';
/**
 * The corpus model's tokenizer, in two forms that must agree token for token:
 * the `tokenizer.json` / `tokenizer_config.json` that transformers.js 2.17.2 loads, and a
 * TypeScript twin (`foldDanish`, `preTokenize`, `wordpiece`) the trainer uses.
 * Every step below mirrors the transformers.js class named beside it (src/tokenizers.js).
 */

import { CasechatError } from '../errors.js';

/** Special tokens, in id order: they head every corpus vocabulary. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** Prefix of a WordPiece piece that continues a word (`hjemlose` + `##omradet`). */
export const CONTINUATION = '##';

/** Words longer than this (in code points) become `[UNK]`, as in transformers.js' WordPiece. */
export const MAX_INPUT_CHARS_PER_WORD = 100;

/**
 * Longest input, in tokens, the pipeline keeps (it truncates beyond). A static model has no
 * position limit, so this is only a guard against runaway inputs.
 */
export const MODEL_MAX_LENGTH = 8192;

/** transformers.js `PUNCTUATION_REGEX`: Unicode punctuation plus ASCII symbols. */
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
/** transformers.js `BertPreTokenizer`: runs of non-space non-punctuation, or one punctuation mark. */
const BERT_WORD = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');

/** Fold a text and split it into words and single punctuation marks (BertPreTokenizer). */
export function preTokenize(text: string): string[] {
  const folded = foldDanish(text);
  if (folded.length === 0) return [];
  return folded.trim().match(BERT_WORD) ?? [];
}

/** `PreTrainedTokenizer.added_tokens_regex`: special tokens written literally are kept whole. */
const SPECIAL_SPLIT = new RegExp(SPECIAL_TOKENS.map((t) => `(${t.replace(/[[\]]/g, '\\$&')})`).join('|'));

/** Anything that answers whether a token is in the vocabulary: a `Set` or a token→id `Map`. */
export interface TokenSet {
  has(token: string): boolean;
}

/** Split one pre-tokenized word into WordPiece pieces: greedy longest match from the left. */
export function wordpieceWord(word: string, vocab: TokenSet): string[] {
  const chars = [...word];
  if (chars.length > MAX_INPUT_CHARS_PER_WORD) return ['[UNK]'];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    let found: string | null = null;
    while (start < end) {
      const sub = (start > 0 ? CONTINUATION : '') + chars.slice(start, end).join('');
      if (vocab.has(sub)) {
        found = sub;
        break;
      }
      end -= 1;
    }
    // One unmatched position makes the whole word unknown, as in WordPieceTokenizer.encode.
    if (found === null) return ['[UNK]'];
    pieces.push(found);
    start = end;
  }
  return pieces;
}

/**
 * Tokenize a text as the transformers.js tokenizer written by `tokenizerFiles` does,
 * without special tokens around it: split out literal special tokens, fold, pre-tokenize,
 * then WordPiece each word.
 */
export function wordpiece(text: string, vocab: TokenSet): string[] {
  const sections = text.split(SPECIAL_SPLIT).filter((s): s is string => Boolean(s));
  const out: string[] = [];
  for (const section of sections) {
    if ((SPECIAL_TOKENS as readonly string[]).includes(section)) {
      out.push(section);
      continue;
    }
    for (const word of preTokenize(section)) out.push(...wordpieceWord(word, vocab));
  }
  return out;
}

/** The normalizer config: the steps `foldDanish` performs, as transformers.js normalizers. */
function normalizerConfig(): object {
  return {
    type: 'Sequence',
    normalizers: [
      { type: 'NFKD' },
      { type: 'Lowercase' },
      { type: 'StripAccents' },
      ...FOLDS.map(([from, to]) => ({ type: 'Replace', pattern: { String: from }, content: to })),
    ],
  };
}

/** The contents of `tokenizer.json` and `tokenizer_config.json` for a vocabulary. */
export interface TokenizerFiles {
  tokenizerJson: object;
  tokenizerConfig: object;
}

/**
 * Build the tokenizer files for `vocab` (ids are positions; it must start with `SPECIAL_TOKENS`).
 * No post-processor: `[CLS]`/`[SEP]` are never added, so mean pooling sees only the text's tokens.
 */
export function tokenizerFiles(vocab: readonly string[]): TokenizerFiles {
  SPECIAL_TOKENS.forEach((t, i) => {
    if (vocab[i] !== t) {
      throw new CasechatError('INVALID_ARGUMENT', 'embed', `vocabulary[${i}] is ${JSON.stringify(vocab[i])}, expected ${t}`);
    }
  });
  const ids: Record<string, number> = {};
  vocab.forEach((t, i) => {
    ids[t] = i;
  });
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: normalizerConfig(),
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: CONTINUATION, cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: CONTINUATION,
      max_input_chars_per_word: MAX_INPUT_CHARS_PER_WORD,
      vocab: ids,
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    model_max_length: MODEL_MAX_LENGTH,
    do_lower_case: false,
    unk_token: '[UNK]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    clean_up_tokenization_spaces: true,
  };
  return { tokenizerJson, tokenizerConfig };
}

// The tokenizer arrives here (placeholder while it is written).

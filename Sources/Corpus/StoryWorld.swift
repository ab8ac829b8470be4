// The story world arrives here (placeholder while it is written).

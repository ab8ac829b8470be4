// The SVD and its tools arrive here (placeholder while they are written).

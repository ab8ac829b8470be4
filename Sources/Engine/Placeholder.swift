// The engine proper (tensors, autograd, ops, layers, optimizers, checkpoints) arrives with issue 3.

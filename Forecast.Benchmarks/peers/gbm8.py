#!/usr/bin/env python3
"""The bench-gbm8 workload in straightforward vectorised NumPy, the peer Forecast is measured against.

Eight compound-growth indicators x(t+1) = x(t)·exp(mu - sigma^2/2 + sigma·z), base 1, target 1.45,
five yearly steps, mu = 0.08, sigma = 0.05, the eight shocks pairwise correlated at 0.3 (Cholesky).
Outputs (JSON on stdout): paths per second, each target's probability, the joint probability and the
5/25/50/75/95th percentiles per indicator and year.

Usage: /usr/bin/python3 gbm8.py [paths] [seed]
"""
import json
import sys
import time

import numpy as np

paths = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
mu, sigma, years, target, rho, k = 0.08, 0.05, 5, 1.45, 0.3, 8

corr = np.full((k, k), rho)
np.fill_diagonal(corr, 1.0)
chol = np.linalg.cholesky(corr)
rng = np.random.default_rng(seed)

start = time.perf_counter()
z = rng.standard_normal((paths, years, k)) @ chol.T          # correlated shocks
log_x = np.cumsum(mu - sigma**2 / 2 + sigma * z, axis=1)      # ln x_t, t = 1..5
x = np.exp(log_x)
hit = x[:, -1, :] >= target
probability = hit.mean(axis=0)
joint = hit.all(axis=1).mean()
quantiles = np.quantile(x, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)  # (5 quantiles, years, k)
elapsed = time.perf_counter() - start

print(json.dumps({
    "paths": paths,
    "seconds": elapsed,
    "pathsPerSecond": paths / elapsed,
    "probability": probability.tolist(),
    "jointProbability": float(joint),
    "quantiles": {str(p): quantiles[i].T.tolist() for i, p in enumerate([5, 25, 50, 75, 95])},
    "numpy": np.__version__,
}))

#!/usr/bin/env Rscript
# Peer benchmark (not run in CI): R's forecast::ets and forecast::thetaf on the same rolling origins as the candidate backtest
# (Forecast.Engine/Calibration/Backtesting, docs/backtest.md).
#
#   Rscript Forecast.Benchmarks/peers/backtest_ets.R <series.csv> [out.md]
#
# <series.csv>: the series and origins the C# backtest used (written by it: label,year,value,origin), one row per training or
# evaluation point. For every series and origin t: fit on the years <= t, forecast the observed years t+1..t+5; coverage of the
# 50/80/90% intervals and CRPS (from 2,000 simulated futures for ets, the normal predictive for thetaf), by horizon.
# ets and thetaf need regular years: a gap inside the training years is filled by linear interpolation of ln x (forecast::na.interp
# on the log scale); forecasts are scored only at observed years. Requires r-cran-forecast (Debian).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: backtest_ets.R <series.csv> [out.md]")
series <- read.csv(args[1], stringsAsFactors = FALSE)
set.seed(20210101)

crps_sample <- function(draws, y) {
  draws <- sort(draws); n <- length(draws)
  mean(abs(draws - y)) - sum((2 * seq_len(n) - n - 1) * draws) / n^2
}
crps_normal <- function(mu, sd, y) {
  z <- (y - mu) / sd
  sd * (z * (2 * pnorm(z) - 1) + 2 * dnorm(z) - 1 / sqrt(pi))
}

rows <- list()
for (label in unique(series$label)) {
  s <- series[series$label == label, ]
  for (origin in unique(s$origin)) {
    train <- s[s$origin == origin & s$year <= origin, ]
    test <- s[s$origin == origin & s$year > origin & s$year - origin <= 5, ]
    if (nrow(test) == 0) next
    years <- seq(min(train$year), max(train$year))
    logx <- rep(NA_real_, length(years))
    logx[match(train$year, years)] <- log(train$value)
    y <- ts(exp(na.interp(ts(logx, start = years[1]))), start = years[1])
    h <- max(test$year) - origin
    fit <- ets(y, lambda = NULL)
    sims <- replicate(2000, simulate(fit, nsim = h, future = TRUE))
    if (h == 1) sims <- matrix(sims, nrow = 1)
    fc <- forecast(fit, h = h, level = c(50, 80, 90))
    th <- thetaf(y, h = h, level = c(50, 80, 90))
    for (i in seq_len(nrow(test))) {
      k <- test$year[i] - origin
      actual <- test$value[i]
      d <- sims[k, ]
      d <- d[is.finite(d)]
      for (method in c("ets", "theta")) {
        if (method == "ets" && length(d) >= 1000) {
          q <- quantile(d, c(.25, .75, .10, .90, .05, .95), type = 7)
          score <- crps_sample(d, actual)
          med <- median(d)
        } else if (method == "ets") {
          # simulate.ets returns NaN beyond one step when a smoothing parameter is 0 (seen with alpha = beta = 0 on these short
          # series): use forecast.ets's own normal predictive instead (exact for its additive-error models).
          mu <- fc$mean[k]; sd <- (matrix(fc$upper, ncol = 3)[k, 2] - mu) / qnorm(0.9)
          q <- mu + sd * qnorm(c(.25, .75, .10, .90, .05, .95))
          score <- crps_normal(mu, sd, actual)
          med <- mu
        } else {
          mu <- th$mean[k]; sd <- (matrix(th$upper, ncol = 3)[k, 2] - mu) / qnorm(0.9)
          q <- mu + sd * qnorm(c(.25, .75, .10, .90, .05, .95))
          score <- crps_normal(mu, sd, actual)
          med <- mu
        }
        rows[[length(rows) + 1]] <- data.frame(label = label, method = method, origin = origin, horizon = k, actual = actual,
          median = med, in50 = q[1] <= actual & actual <= q[2], in80 = q[3] <= actual & actual <= q[4],
          in90 = q[5] <= actual & actual <= q[6], crps = score, rcrps = score / abs(actual))
      }
    }
  }
}
all <- do.call(rbind, rows)
out <- c("| method | horizon | forecasts | cover 50% | cover 80% | cover 90% | CRPS / actual (%) |", "|---|---|---|---|---|---|---|")
for (method in c("ets", "theta")) {
  for (k in 1:5) {
    a <- all[all$method == method & all$horizon == k, ]
    if (nrow(a) == 0) next
    out <- c(out, sprintf("| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |", method, k, nrow(a), mean(a$in50), mean(a$in80), mean(a$in90), 100 * mean(a$rcrps)))
  }
  a <- all[all$method == method, ]
  out <- c(out, sprintf("| %s | all | %d | %.2f | %.2f | %.2f | %.2f |", method, nrow(a), mean(a$in50), mean(a$in80), mean(a$in90), 100 * mean(a$rcrps)))
}
if (length(args) >= 2) writeLines(out, args[2]) else writeLines(out)

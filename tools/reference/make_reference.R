#!/usr/bin/env Rscript
# Reference values for lib/stats, computed in R independently of the TypeScript code.
#
#   Rscript tools/reference/make_reference.R > tests/stats/fixtures/reference.json
#
# Base R only (stats: t.test, wilcox.test, p.adjust, power.t.test, qt/pt, pbinom, quantile). JSON is
# written by hand with sprintf("%.17g") (jsonlite is not installed); non-finite / undefined values are
# written as null. Where R has no function, the quantity is computed here from its textbook
# definition, by a route different from lib/stats where one exists:
#
# - Welch: t.test(c, b, var.equal = FALSE) -> statistic, parameter (df), p.value, conf.int.
#   Undefined (null) when a group has < 2 runs or both variances are 0 (t.test stops: "data are
#   essentially constant").
# - Mann-Whitney, exact with ties: for N <= 16 by BRUTE FORCE over all combn(N, n_c) splits of the
#   pooled mid-ranks (rank(ties.method = "average")); two-sided p = min(1, 2 min(P(S <= s), P(S >= s))).
#   Without ties it must equal wilcox.test(exact = TRUE) (checked with stopifnot). For 16 < N the
#   exact distribution is counted by a polynomial-generating-function convolution in R (checked
#   against brute force on every N <= 16 case), because enumeration is out of reach.
#   For the large case (150 + 150) lib/stats switches to the normal approximation; the reference is
#   wilcox.test(exact = FALSE, correct = TRUE) (tie- and continuity-corrected).
#   For n = 30 + 30 with ties lib/stats still counts exactly; wilcox.test's normal approximation is
#   recorded beside the exact p ("p_normal") as a sanity check only.
# - Permutation test, exact: all combn(N, n_c) splits of the pooled values, statistic mean(c) - mean(b),
#   p = #{|d*| >= |d| - eps} / choose(N, n_c), eps = 1e-12 max(1, |d|, |x|) against float noise.
# - Hedges' g (pooled sd, J = 1 - 3/(4 N - 9)); Cliff's delta = mean(sign(outer(c, b, "-"))).
# - Fieller: the roots of the quadratic in rho, with df = Welch-Satterthwaite for x_c - R x_b
#   (weights v_c, R^2 v_b) as documented in lib/stats/ratio_fieller.ts. Cross-checked by solving
#   (x_c - rho x_b)^2 = t^2 (v_c + rho^2 v_b) numerically with uniroot() on each side of R.
# - Summaries: mean, median(), sd(), cv = sd/|mean|, t.test(x)$conf.int (one-sample Student t CI),
#   median CI by order statistics [x(k), x(n-k+1)], k = #{j < n/2 : pbinom(j, n, 1/2) <= alpha/2},
#   and Tukey outliers with quartiles quantile(type = 2) (equal to simple-statistics' quantileSorted
#   at p = 1/4, 3/4).
# - p.adjust(method = "holm") and p.adjust(method = "BH") on vectors containing NA.
# - Repetitions needed: the SAME shifted-central-t formula as lib/stats/plan.ts (smallest n >= 2 with
#   1 - pt(qt(1 - alpha/2, 2n - 2) - delta/(sigma sqrt(2/n)), 2n - 2) >= power), evaluated with R's
#   qt/pt; ceiling(power.t.test(...)$n) (exact noncentral t) is recorded beside it as a cross-check
#   ("n_noncentral"), expected within one run.
# - Geometric-mean speed-up: exp(mean(log s)) with exp(t.test(log s)$conf.int).
# - The verdict's intervals (lib/stats/verdict.ts): Fieller at family levels 0.99, 1 - 0.05/9, 1 - 0.05/27; the
#   ratio test that Fieller inverts, p(rho0) = 2 pt(-|x_c - rho0 x_b| / sqrt(v_c + rho0^2 v_b), df) at
#   rho0 = 1, 1.05, 1/1.05, checked (stopifnot) to equal 1 - level at the interval's own bounds. Family levels
#   by an explicit step-down loop (Holm: 1 - alpha/r, r = hypotheses not rejected) and step-up search (BH:
#   1 - R alpha/m, R = max k with p_(k) < k alpha/m), checked against p.adjust's decisions.

options(warn = 1)

# ---------------------------------------------------------------- JSON writer
num <- function(x) {
  if (is.null(x) || length(x) != 1 || is.na(x) || !is.finite(x)) return("null")
  sprintf("%.17g", x)
}
arr <- function(x) paste0("[", paste(vapply(as.numeric(x), num, ""), collapse = ", "), "]")
esc <- function(s) sprintf('"%s"', gsub('"', '\\\\"', s))
# Lists with names -> objects, unnamed lists -> arrays, vectors wrapped in I() -> arrays,
# single numbers -> number/null, strings -> strings, TRUE/FALSE -> booleans, NULL -> null.
json <- function(x, indent = "") {
  if (is.null(x)) return("null")
  if (inherits(x, "AsIs")) return(arr(unclass(x)))
  if (is.list(x)) {
    inner <- paste0(indent, "  ")
    items <- vapply(x, json, "", indent = inner)
    if (!is.null(names(x))) items <- paste0(esc(names(x)), ": ", items)
    open <- if (is.null(names(x))) "[" else "{"
    close <- if (is.null(names(x))) "]" else "}"
    if (length(items) == 0) return(paste0(open, close))
    short <- paste0(open, paste(items, collapse = ", "), close)
    if (nchar(short) <= 100) return(short)
    return(paste0(open, "\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, close))
  }
  if (is.character(x)) return(esc(x))
  if (is.logical(x)) return(if (is.na(x)) "null" else if (x) "true" else "false")
  if (length(x) != 1) return(arr(x))
  num(x)
}

# ---------------------------------------------------------------- cases (b = baseline, c = candidate)
cases <- list(
  small_unequal = list(b = c(10.1, 10.4, 9.8, 10.0, 10.3), c = c(12.0, 12.5, 11.7, 12.2, 13.1)),
  small_unequal_level90 = list(b = c(10.1, 10.4, 9.8, 10.0, 10.3), c = c(12.0, 12.5, 11.7, 12.2, 13.1),
                               level = 0.90),
  integer_ties = list(b = c(100, 101, 101, 102, 100), c = c(101, 103, 103, 102, 104)),
  overlap = list(b = c(5.2, 4.9, 5.5, 5.1, 5.0, 4.8), c = c(5.0, 5.3, 4.9, 5.4, 5.2, 5.1)),
  unequal_n = list(b = c(3.1, 2.9, 3.3, 3.0), c = c(2.1, 2.4, 1.9, 2.2, 2.0, 2.3, 2.6)),
  equal_var = list(b = c(20.1, 19.7, 20.4, 19.9, 20.3, 20.0, 19.6),
                   c = c(20.45, 20.05, 20.75, 20.25, 20.65, 20.35, 19.95)),
  unequal_var = list(b = c(50.2, 49.8, 50.1, 50.0, 49.9, 50.3),
                     c = c(47.0, 55.5, 51.2, 44.8, 58.1, 49.0, 53.3, 46.6)),
  tenth_ns = list(b = c(1.2, 1.3, 1.2, 1.4, 1.3, 1.2, 1.3, 1.2), c = c(1.3, 1.4, 1.4, 1.3, 1.5, 1.4, 1.3, 1.4)),
  n20_ties = list(b = 100 + (1:20 * 7) %% 11, c = 103 + (1:20 * 5) %% 13),
  n30_iops_ties = list(b = 12000 + (1:30 * 7) %% 9, c = 12002 + (1:30 * 5) %% 11),
  zero_var_one = list(b = c(7, 7, 7, 7, 7), c = c(8, 8.5, 7.9, 8.2, 8.1)),
  zero_var_both = list(b = c(7, 7, 7, 7, 7), c = c(8, 8, 8, 8, 8)),
  zero_var_same = list(b = c(3, 3, 3, 3), c = c(3, 3, 3, 3, 3)),
  n1 = list(b = c(10), c = c(11, 12, 13)),
  n1_both = list(b = c(10), c = c(12)),
  all_zero = list(b = c(0, 0, 0, 0, 0), c = c(0, 0, 0, 0, 0)),
  zero_baseline = list(b = c(0, 0, 0, 0, 0), c = c(1, 2, 1, 3, 2)),
  near_zero_baseline = list(b = c(0.1, -0.2, 0.3, 0.05, -0.1), c = c(1, 1.1, 0.9, 1, 1.05)),
  outlier = list(b = c(100, 101, 99, 100, 102, 98, 100, 140), c = c(110, 111, 109, 112, 110, 108, 111, 110)),
  large_approx = list(b = 50 + (1:150 * 13) %% 17, c = 51 + (1:150 * 11) %% 19)
)

# ---------------------------------------------------------------- methods
welch <- function(b, c, level) {
  if (length(b) < 2 || length(c) < 2 || (var(b) == 0 && var(c) == 0)) {
    return(list(t = NULL, df = NULL, p = NULL, lo = NULL, hi = NULL))
  }
  r <- t.test(c, b, var.equal = FALSE, conf.level = level)
  list(t = unname(r$statistic), df = unname(r$parameter), p = r$p.value, lo = r$conf.int[1], hi = r$conf.int[2])
}

two_sided <- function(dist_le, dist_ge) min(1, 2 * min(dist_le, dist_ge))

# Exact null distribution of the sum of n_c doubled mid-ranks by generating-function convolution:
# prod_i (1 + x^{r_i} y) and read off the y^{n_c} coefficient; independent of the brute force below.
mw_gf_p <- function(r2, nc, obs) {
  total <- sum(r2)
  poly <- matrix(0, nrow = nc + 1, ncol = total + 1)
  poly[1, 1] <- 1
  for (r in r2) {
    for (j in nc:1) poly[j + 1, ] <- poly[j + 1, ] + c(rep(0, r), poly[j, seq_len(total + 1 - r)])
  }
  d <- poly[nc + 1, ]
  s <- 0:total
  two_sided(sum(d[s <= obs]) / sum(d), sum(d[s >= obs]) / sum(d))
}

mann_whitney <- function(b, c) {
  nb <- length(b); nc <- length(c); pooled <- c(b, c); n <- nb + nc
  r <- rank(pooled, ties.method = "average")
  u <- sum(r[(nb + 1):n]) - nc * (nc + 1) / 2
  r2 <- round(2 * r)
  obs <- sum(r2[(nb + 1):n])
  ties <- length(unique(pooled)) < n
  # lib/stats counts exactly while N * n_c * sum(doubled ranks) <= 2e8.
  exact <- n * nc * sum(r2) <= 2e8
  if (!exact) {
    w <- wilcox.test(c, b, exact = FALSE, correct = TRUE)
    stopifnot(abs(unname(w$statistic) - u) < 1e-9)
    return(list(method = "normal", u = u, p = w$p.value, ties = ties, p_normal = w$p.value))
  }
  if (length(unique(r2)) == 1) {
    p <- 1 # every split gives the same sum
  } else if (n <= 16) {
    sums <- if (nc == n) sum(r2) else combn(r2, nc, sum)
    p <- two_sided(mean(sums <= obs), mean(sums >= obs))
    stopifnot(abs(mw_gf_p(r2, nc, obs) - p) < 1e-12) # the convolution agrees with brute force
  } else {
    p <- mw_gf_p(r2, nc, obs)
  }
  if (!ties && n <= 49) {
    w <- wilcox.test(c, b, exact = TRUE)
    stopifnot(abs(w$p.value - p) < 1e-12, abs(unname(w$statistic) - u) < 1e-9)
  }
  p_normal <- if (n >= 2 && length(unique(r2)) > 1) {
    suppressWarnings(wilcox.test(c, b, exact = FALSE, correct = TRUE)$p.value)
  } else NULL
  list(method = "exact", u = u, p = p, ties = ties, p_normal = p_normal)
}

permutation <- function(b, c) {
  pooled <- c(b, c); nc <- length(c); n <- length(pooled)
  if (choose(n, nc) > 200000) return(NULL)
  d <- mean(c) - mean(b)
  splits <- combn(n, nc)
  dstar <- apply(splits, 2, function(i) mean(pooled[i]) - mean(pooled[-i]))
  eps <- 1e-12 * max(1, abs(d), abs(pooled))
  list(d = d, p = mean(abs(dstar) >= abs(d) - eps), splits = ncol(splits))
}

hedges <- function(b, c) {
  nb <- length(b); nc <- length(c)
  if (nb < 2 || nc < 2) return(NULL)
  sp <- sqrt(((nb - 1) * var(b) + (nc - 1) * var(c)) / (nb + nc - 2))
  if (sp == 0) return(NULL)
  (1 - 3 / (4 * (nb + nc) - 9)) * (mean(c) - mean(b)) / sp
}

cliff <- function(b, c) mean(sign(outer(c, b, "-")))

fieller <- function(b, c, level) {
  mb <- mean(b); mc <- mean(c); nb <- length(b); nc <- length(c)
  none <- list(ratio = NULL, lo = NULL, hi = NULL, df = NULL, bounded = FALSE)
  if (mb == 0) return(none)
  R <- mc / mb
  if (nb < 2 || nc < 2) return(modifyList(none, list(ratio = R)))
  vb <- var(b) / nb; vc <- var(c) / nc
  if (vb == 0 && vc == 0) return(list(ratio = R, lo = R, hi = R, df = NULL, bounded = TRUE))
  wb <- R^2 * vb
  df <- (vc + wb)^2 / (vc^2 / (nc - 1) + wb^2 / (nb - 1))
  t <- qt(1 - (1 - level) / 2, df)
  a <- mb^2 - t^2 * vb
  if (a <= 0) return(list(ratio = R, lo = NULL, hi = NULL, df = df, bounded = FALSE))
  h <- sqrt((mb * mc)^2 - a * (mc^2 - t^2 * vc))
  lo <- min((mb * mc - h) / a, (mb * mc + h) / a); hi <- max((mb * mc - h) / a, (mb * mc + h) / a)
  # Cross-check: the boundary of {rho : (mc - rho mb)^2 <= t^2 (vc + rho^2 vb)} found numerically.
  f <- function(rho) (mc - rho * mb)^2 - t^2 * (vc + rho^2 * vb)
  width <- 10 * (hi - lo) + 1
  lo2 <- uniroot(f, c(R - width, R), tol = 1e-14)$root
  hi2 <- uniroot(f, c(R, R + width), tol = 1e-14)$root
  stopifnot(abs(lo2 - lo) < 1e-8 * max(1, abs(lo)), abs(hi2 - hi) < 1e-8 * max(1, abs(hi)))
  list(ratio = R, lo = lo, hi = hi, df = df, bounded = TRUE)
}

ratio_test <- function(b, c, rho0) {
  mb <- mean(b); mc <- mean(c); nb <- length(b); nc <- length(c)
  if (mb == 0 || nb < 2 || nc < 2) return(NULL)
  vb <- var(b) / nb; vc <- var(c) / nc
  if (vb == 0 && vc == 0) return(if (mc == rho0 * mb) 1 else 0) # no noise: the convention of ratio_test.ts
  R <- mc / mb; wb <- R^2 * vb
  df <- (vc + wb)^2 / (vc^2 / (nc - 1) + wb^2 / (nb - 1))
  2 * pt(-abs(mc - rho0 * mb) / sqrt(vc + rho0^2 * vb), df)
}

fieller_adjusted <- function(b, c) {
  out <- list()
  for (level in c(0.99, 1 - 0.05 / 9, 1 - 0.05 / 27)) {
    f <- fieller(b, c, level)
    if (isTRUE(f$bounded) && !is.null(f$df)) {
      for (edge in c(f$lo, f$hi)) stopifnot(abs(ratio_test(b, c, edge) - (1 - level)) < 1e-9)
    }
    out[[length(out) + 1]] <- list(level = level, lo = f$lo, hi = f$hi)
  }
  out
}

family_levels <- function(p, alpha) {
  q <- p[!is.na(p)]; m <- length(q); s <- sort(q)
  rejected <- 0
  for (i in seq_len(m)) if (s[i] < alpha / (m - i + 1)) rejected <- i else break
  stopifnot(rejected == sum(p.adjust(q, "holm") < alpha))
  R <- 0
  for (k in seq_len(m)) if (s[k] < k * alpha / m) R <- k
  stopifnot(R == sum(p.adjust(q, "BH") < alpha))
  list(p = I(p), alpha = alpha, holm = 1 - alpha / max(m - rejected, 1), bh = 1 - max(R, 1) * alpha / m)
}

summary_ref <- function(x, level) {
  n <- length(x)
  s <- sd(x)
  alpha <- 1 - level
  mean_ci <- if (n >= 2 && var(x) > 0) t.test(x, conf.level = level)$conf.int else c(NA, NA)
  xs <- sort(x)
  med <- if (n < 2) list(lo = NULL, hi = NULL, level = NULL) else {
    k <- if (n >= 2) sum(pbinom(0:(ceiling(n / 2) - 1), n, 0.5) <= alpha / 2) else 0
    k <- min(k, floor(n / 2))
    if (k == 0) list(lo = xs[1], hi = xs[n], level = 1 - 2 * 0.5^n)
    else list(lo = xs[k], hi = xs[n - k + 1], level = level)
  }
  out <- if (n >= 4) {
    q <- quantile(xs, c(0.25, 0.75), type = 2, names = FALSE)
    iqr <- q[2] - q[1]
    xs[xs < q[1] - 1.5 * iqr | xs > q[2] + 1.5 * iqr]
  } else numeric(0)
  list(
    n = n, mean = mean(x), median = median(x),
    sd = if (n >= 2) s else NULL,
    cv = if (n >= 2 && mean(x) != 0) s / abs(mean(x)) else NULL,
    mean_lo = mean_ci[1], mean_hi = mean_ci[2],
    median_lo = med$lo, median_hi = med$hi, median_level = med$level,
    outliers = I(out)
  )
}

# ---------------------------------------------------------------- run the battery
case_out <- list()
for (name in names(cases)) {
  k <- cases[[name]]
  b <- k$b; c <- k$c
  level <- if (is.null(k$level)) 0.95 else k$level
  case_out[[name]] <- list(
    b = I(b), c = I(c), level = level,
    welch = welch(b, c, level),
    mann_whitney = mann_whitney(b, c),
    permutation = permutation(b, c),
    hedges_g = hedges(b, c),
    cliffs_delta = cliff(b, c),
    fieller = fieller(b, c, level),
    fieller_adjusted = fieller_adjusted(b, c),
    ratio_test = lapply(c(1, 1.05, 1 / 1.05), function(rho0) list(rho0 = rho0, p = ratio_test(b, c, rho0))),
    summary_b = summary_ref(b, level),
    summary_c = summary_ref(c, level)
  )
}

adjust <- list()
for (p in list(
  c(0.01, 0.04, NA, 0.03, 0.2, 0.005),
  c(0.04, 0.04, 0.01, NA, NA, 0.9, 0.5, 0.02, 0.04),
  c(NA, 0.3),
  c(0.5)
)) adjust[[length(adjust) + 1]] <- list(p = I(p), holm = I(p.adjust(p, "holm")), bh = I(p.adjust(p, "BH")))

families <- list()
for (p in list(
  c(0.001, 0.045, NA, 0.031, 0.2, 0.005),
  c(0.0001, 0.0002, 0.004, 0.02, 0.5, 0.03, 0.011, 0.8, 0.049),
  c(0.3, 0.6),
  c(0.001, 0.002, 0.003)
)) for (alpha in c(0.05, 0.01)) families[[length(families) + 1]] <- family_levels(p, alpha)

plan <- list()
for (alpha in c(0.05, 0.01)) for (power in c(0.8, 0.9)) for (cv in c(0.02, 0.05, 0.1, 0.2)) {
  for (ratio in c(1.05, 1.1, 1.5, 1 / 1.1)) {
    sigma <- sqrt(log(1 + cv^2)); delta <- abs(log(ratio))
    n <- 2
    while (1 - pt(qt(1 - alpha / 2, 2 * n - 2) - delta / (sigma * sqrt(2 / n)), 2 * n - 2) < power) n <- n + 1
    nct <- ceiling(power.t.test(delta = delta, sd = sigma, power = power, sig.level = alpha)$n)
    plan[[length(plan) + 1]] <- list(cv = cv, ratio = ratio, power = power, alpha = alpha, n = n, n_noncentral = nct)
  }
}

# Speed-ups s (> 1 = candidate better): ratio for higher-is-better, 1/ratio for lower-is-better.
gm_ratio <- c(1.2, 0.9, 3.0, 0.5); gm_better <- c("higher", "higher", "higher", "lower")
s <- ifelse(gm_better == "higher", gm_ratio, 1 / gm_ratio)
gci <- exp(t.test(log(s))$conf.int)
geomean <- list(ratio = I(gm_ratio), better = as.list(gm_better), g = exp(mean(log(s))), lo = gci[1], hi = gci[2])

cat(json(list(
  generated_by = paste(R.version.string, "- tools/reference/make_reference.R"),
  cases = case_out,
  adjust = adjust,
  families = families,
  plan = plan,
  geomean = geomean
)), "\n", sep = "")

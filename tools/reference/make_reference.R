#!/usr/bin/env Rscript
# Reference values for lib/stats, computed in R independently of the TypeScript code.
#   Rscript tools/reference/make_reference.R > tests/stats/fixtures/reference.json
# Base R only (t.test, wilcox.test, p.adjust, qt/pt). Where R has no function (exact Mann-Whitney with
# ties, Fieller, Cliff's delta), the formula is implemented here from its textbook definition.

cases <- list(
  small_unequal = list(b = c(10.1, 10.4, 9.8, 10.0, 10.3), c = c(12.0, 12.5, 11.7, 12.2, 13.1)),
  integer_ties  = list(b = c(100, 101, 101, 102, 100), c = c(101, 103, 103, 102, 104)),
  overlap       = list(b = c(5.2, 4.9, 5.5, 5.1, 5.0, 4.8), c = c(5.0, 5.3, 4.9, 5.4, 5.2, 5.1)),
  unequal_n     = list(b = c(3.1, 2.9, 3.3, 3.0), c = c(2.1, 2.4, 1.9, 2.2, 2.0, 2.3, 2.6)),
  tenth_ns      = list(b = c(1.2, 1.3, 1.2, 1.4, 1.3, 1.2, 1.3, 1.2), c = c(1.3, 1.4, 1.4, 1.3, 1.5, 1.4, 1.3, 1.4)),
  n20_ties      = list(b = 100 + (1:20 * 7) %% 11, c = 103 + (1:20 * 5) %% 13),
  zero_var_one  = list(b = c(7, 7, 7, 7, 7), c = c(8, 8.5, 7.9, 8.2, 8.1)),
  n1            = list(b = c(10), c = c(11, 12, 13)),
  all_zero      = list(b = c(0, 0, 0, 0, 0), c = c(0, 0, 0, 0, 0)),
  near_zero_baseline = list(b = c(0.1, -0.2, 0.3, 0.05, -0.1), c = c(1, 1.1, 0.9, 1, 1.05)),
  large_approx  = list(b = 50 + (1:150 * 13) %% 17, c = 51 + (1:150 * 11) %% 19)
)

num <- function(x) {
  if (length(x) == 0 || is.null(x) || is.na(x) || !is.finite(x)) return("null")
  sprintf("%.17g", x)
}
arr <- function(x) paste0("[", paste(sapply(x, num), collapse = ", "), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s": %s', names(kv), unlist(kv)), collapse = ", "), "}")
}

welch <- function(b, c) {
  if (length(b) < 2 || length(c) < 2 || (var(b) == 0 && var(c) == 0)) return(obj(t = "null", df = "null", p = "null", lo = "null", hi = "null"))
  r <- t.test(c, b, var.equal = FALSE)
  obj(t = num(r$statistic), df = num(r$parameter), p = num(r$p.value), lo = num(r$conf.int[1]), hi = num(r$conf.int[2]))
}

# Exact two-sided p of the candidate's mid-rank sum: counting distribution by dynamic programming over
# the doubled mid-ranks (independent of the TS code's structure), checked against brute force for N <= 16.
mw_exact <- function(b, c) {
  pooled <- c(b, c); nb <- length(b); nc <- length(c)
  r2 <- round(2 * rank(pooled, ties.method = "average"))
  obs <- sum(r2[(nb + 1):(nb + nc)])
  total <- sum(r2)
  ways <- matrix(0, nrow = nc + 1, ncol = total + 1); ways[1, 1] <- 1
  for (r in r2) for (j in nc:1) {
    from <- ways[j, ]; shifted <- c(rep(0, r), from[1:(total + 1 - r)])
    ways[j + 1, ] <- ways[j + 1, ] + shifted
  }
  dist <- ways[nc + 1, ]; s <- 0:total
  p <- min(1, 2 * min(sum(dist[s <= obs]), sum(dist[s >= obs])) / sum(dist))
  if (length(pooled) <= 16) {
    sums <- combn(r2, nc, sum)
    brute <- min(1, 2 * min(mean(sums <= obs), mean(sums >= obs)))
    stopifnot(abs(brute - p) < 1e-12)
  }
  if (length(unique(pooled)) == length(pooled) && length(pooled) <= 40) {
    stopifnot(abs(wilcox.test(c, b, exact = TRUE)$p.value - p) < 1e-12)
  }
  obj(u = num(obs / 2 - nc * (nc + 1) / 2), p = num(p))
}

mw_approx <- function(b, c) {
  r <- suppressWarnings(wilcox.test(c, b, exact = FALSE, correct = TRUE))
  obj(u = num(r$statistic), p = num(r$p.value))
}

perm_exact <- function(b, c) {
  pooled <- c(b, c); nc <- length(c); n <- length(pooled)
  if (choose(n, nc) > 200000) return("null")
  d <- mean(c) - mean(b); total <- sum(pooled)
  s <- combn(pooled, nc, sum)
  dstar <- s / nc - (total - s) / (n - nc)
  eps <- 1e-12 * max(1, abs(d), abs(pooled))
  obj(d = num(d), p = num(mean(abs(dstar) >= abs(d) - eps)))
}

hedges <- function(b, c) {
  nb <- length(b); nc <- length(c)
  if (nb < 2 || nc < 2) return("null")
  sp <- sqrt(((nb - 1) * var(b) + (nc - 1) * var(c)) / (nb + nc - 2))
  if (sp == 0) return("null")
  num((1 - 3 / (4 * (nb + nc) - 9)) * (mean(c) - mean(b)) / sp)
}

cliff <- function(b, c) num(mean(sign(outer(c, b, "-"))))

fieller <- function(b, c, level = 0.95) {
  mb <- mean(b); mc <- mean(c); nb <- length(b); nc <- length(c)
  if (mb == 0) return(obj(ratio = "null", lo = "null", hi = "null", bounded = "false"))
  R <- mc / mb
  if (nb < 2 || nc < 2) return(obj(ratio = num(R), lo = "null", hi = "null", bounded = "false"))
  vb <- var(b) / nb; vc <- var(c) / nc
  if (vb == 0 && vc == 0) return(obj(ratio = num(R), lo = num(R), hi = num(R), bounded = "true"))
  wb <- R^2 * vb
  df <- (vc + wb)^2 / (vc^2 / (nc - 1) + wb^2 / (nb - 1))
  t <- qt(1 - (1 - level) / 2, df)
  a <- mb^2 - t^2 * vb
  if (a <= 0) return(obj(ratio = num(R), lo = "null", hi = "null", bounded = "false"))
  h <- sqrt((mb * mc)^2 - a * (mc^2 - t^2 * vc))
  obj(ratio = num(R), lo = num((mb * mc - h) / a), hi = num((mb * mc + h) / a), bounded = "true")
}

mean_ci <- function(x) {
  if (length(x) < 2 || var(x) == 0) return(obj(lo = "null", hi = "null"))
  ci <- t.test(x)$conf.int
  obj(lo = num(ci[1]), hi = num(ci[2]))
}

out <- c()
for (name in names(cases)) {
  b <- cases[[name]]$b; c <- cases[[name]]$c
  exact_ok <- length(c(b, c)) * length(c) * sum(round(2 * rank(c(b, c)))) <= 2e8
  fields <- c(
    sprintf('"b": %s', arr(b)), sprintf('"c": %s', arr(c)),
    sprintf('"welch": %s', welch(b, c)),
    sprintf('"mann_whitney": %s', if (exact_ok) mw_exact(b, c) else mw_approx(b, c)),
    sprintf('"mann_whitney_method": "%s"', if (exact_ok) "exact" else "normal"),
    sprintf('"permutation": %s', perm_exact(b, c)),
    sprintf('"hedges_g": %s', hedges(b, c)),
    sprintf('"cliffs_delta": %s', cliff(b, c)),
    sprintf('"fieller": %s', fieller(b, c)),
    sprintf('"mean_ci_b": %s', mean_ci(b)), sprintf('"mean_ci_c": %s', mean_ci(c))
  )
  out <- c(out, sprintf('  "%s": {%s}', name, paste(fields, collapse = ", ")))
}

p <- c(0.01, 0.04, NA, 0.03, 0.2, 0.005)
adjust <- obj(p = arr(p), holm = arr(p.adjust(p, "holm")), bh = arr(p.adjust(p, "BH")))

# Repetitions per group: the smallest n with 1 - pt(qt(1 - a/2, 2n - 2) - delta/(sigma sqrt(2/n)), 2n - 2) >= power,
# sigma = sqrt(log(1 + cv^2)), delta = |log(ratio)|; power.t.test (noncentral t) shown beside it for comparison.
plan <- c()
for (cv in c(0.02, 0.05, 0.1, 0.2)) for (ratio in c(1.05, 1.1, 1.5)) {
  sigma <- sqrt(log(1 + cv^2)); delta <- abs(log(ratio))
  n <- 2
  while (1 - pt(qt(0.975, 2 * n - 2) - delta / (sigma * sqrt(2 / n)), 2 * n - 2) < 0.8) n <- n + 1
  nct <- ceiling(power.t.test(delta = delta, sd = sigma, power = 0.8, sig.level = 0.05)$n)
  plan <- c(plan, obj(cv = num(cv), ratio = num(ratio), n = num(n), n_noncentral = num(nct)))
}

cat("{\n", paste(out, collapse = ",\n"), ",\n", sprintf('  "adjust": %s,\n', adjust),
    sprintf('  "plan": [%s],\n', paste(plan, collapse = ", ")),
    sprintf('  "generated_by": "%s"\n', R.version.string), "}\n", sep = "")

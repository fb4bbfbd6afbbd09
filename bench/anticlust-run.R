# The anticlust side of bench/anticlust-compare: runs anticlust's
# three_phase_search_anticlustering() (TPSDP, Yang et al. 2022) on one MDGPLIB
# instance. anticlust is not part of libals: install it into an R library of
# your own and point R_LIBS at it (see bench/anticlust-compare).
#
# Usage: Rscript anticlust-run.R INSTANCE_FILE ITERATIONS SEED [ASSIGNMENT_OUT]
# Runs anticlust::three_phase_search_anticlustering() (TPSDP, Yang et al. 2022)
# with objective = "diversity" on an MDGPLIB instance.
#
# ds instances: anticlust (0.8.11) cannot take per-group bounds (only one scalar
# lower_bound / upper_bound applied to every group, or `clusters` = exact sizes
# per group). Env var TPSDP_DS_MODE selects what to do for ds instances:
#   sizes   (default) fix group sizes via `clusters`: the size vector with
#           a_g <= s_g <= b_g, sum = n that maximises sum_g s_g(s_g-1)/2 (DP);
#           always feasible.
#   relaxed scalar bounds lower_bound = min(a), upper_bound = max(b); the
#           result may violate the per-group bounds (then sizes_ok=FALSE).
# Output: one line "objective=... cpu_s=... elapsed_s=... sizes_ok=..." on stdout;
# group sizes / mode go to stderr.

suppressPackageStartupMessages(library(anticlust))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3) {
  stop("usage: Rscript anticlust-run.R INSTANCE_FILE ITERATIONS SEED [ASSIGNMENT_OUT]")
}
inst_file  <- args[1]
iterations <- as.integer(args[2])
seed       <- as.integer(args[3])
out_file   <- if (length(args) >= 4) args[4] else NA
ds_mode    <- Sys.getenv("TPSDP_DS_MODE", "sizes")

## ---- read instance ------------------------------------------------------
con <- file(inst_file, "r")
header <- scan(con, what = "", nlines = 1, quiet = TRUE)
body <- scan(con, what = list(0L, 0L, 0), quiet = TRUE)
close(con)
n    <- as.integer(header[1])
m    <- as.integer(header[2])
type <- header[3]
bnd  <- as.integer(header[4:(3 + 2 * m)])
a <- bnd[seq(1, 2 * m, by = 2)]
b <- bnd[seq(2, 2 * m, by = 2)]
D <- matrix(0, n, n)
D[cbind(body[[1]] + 1L, body[[2]] + 1L)] <- body[[3]]
D <- D + t(D)   # full symmetric (diagonal 0)
if (length(body[[1]]) != n * (n - 1) / 2) warning("unexpected number of distance lines")

## ---- size vector maximising sum s(s-1)/2 under per-group bounds (DP) -----
best_sizes <- function(a, b, n) {
  K <- length(a)
  NEG <- -Inf
  dp <- matrix(NEG, K + 1, n + 1)  # dp[g+1, t+1]: best value using groups 1..g with total t
  ch <- matrix(NA_integer_, K + 1, n + 1)
  dp[1, 1] <- 0
  for (g in 1:K) for (t in 0:n) {
    if (dp[g, t + 1] == NEG) next
    for (s in a[g]:b[g]) {
      if (t + s > n) break
      v <- dp[g, t + 1] + s * (s - 1) / 2
      if (v > dp[g + 1, t + s + 1]) { dp[g + 1, t + s + 1] <- v; ch[g + 1, t + s + 1] <- s }
    }
  }
  if (dp[K + 1, n + 1] == NEG) stop("no feasible size vector")
  sizes <- integer(K); t <- n
  for (g in K:1) { sizes[g] <- ch[g + 1, t + 1]; t <- t - sizes[g] }
  sizes
}

## ---- match groups (by size) to bound intervals ---------------------------
# returns perm: perm[label] = instance group index (1-based), or NULL if impossible
match_sizes <- function(sizes, a, b) {
  K <- length(a)
  perm <- integer(K); used <- rep(FALSE, K)
  for (lab in order(sizes)) {
    s <- sizes[lab]
    cand <- which(!used & a <= s & b >= s)
    if (length(cand) == 0) return(NULL)
    g <- cand[which.min(b[cand])]   # earliest-deadline greedy (optimal for intervals)
    used[g] <- TRUE; perm[lab] <- g
  }
  perm
}

## ---- call TPSDP ----------------------------------------------------------
d <- as.dist(D)
if (type == "ss" || all(a == b)) {
  if (any(a != n / m)) stop("ss instance with unequal sizes")
  mode <- "ss-equal"
  set.seed(seed)
  t0 <- proc.time()
  cl <- three_phase_search_anticlustering(d, K = m, N = n, objective = "diversity",
                                          number_iterations = iterations)
  t1 <- proc.time()
} else if (ds_mode == "relaxed") {
  mode <- sprintf("ds-relaxed[%d,%d]", min(a), max(b))
  set.seed(seed)
  t0 <- proc.time()
  cl <- three_phase_search_anticlustering(d, K = m, N = n, objective = "diversity",
                                          number_iterations = iterations,
                                          lower_bound = min(a), upper_bound = max(b))
  t1 <- proc.time()
} else {
  sz <- best_sizes(a, b, n)
  mode <- paste0("ds-sizes(", paste(sz, collapse = ","), ")")
  set.seed(seed)
  t0 <- proc.time()
  cl <- three_phase_search_anticlustering(d, K = m, N = n, objective = "diversity",
                                          number_iterations = iterations,
                                          clusters = sz)
  t1 <- proc.time()
}
dt <- t1 - t0
cpu <- unname(dt[1] + dt[2])
elapsed <- unname(dt[3])

## ---- evaluate --------------------------------------------------------------
cl <- as.integer(cl)
sizes <- tabulate(cl, nbins = m)
obj <- 0
for (g in seq_len(m)) {
  idx <- which(cl == g)
  if (length(idx) > 1) obj <- obj + sum(D[idx, idx]) / 2
}
perm <- match_sizes(sizes, a, b)
sizes_ok <- !is.null(perm) && length(cl) == n && all(cl >= 1 & cl <= m)

cat(sprintf("objective=%.6f cpu_s=%.3f elapsed_s=%.3f sizes_ok=%s\n",
            obj, cpu, elapsed, if (sizes_ok) "TRUE" else "FALSE"))
message(sprintf("mode=%s sizes=%s", mode, paste(sizes, collapse = ",")))

if (!is.na(out_file)) {
  # 0-based label in instance group order (group g gets size within [a_g,b_g])
  lab <- if (sizes_ok) perm[cl] - 1L else cl - 1L
  writeLines(as.character(lab), out_file)
}

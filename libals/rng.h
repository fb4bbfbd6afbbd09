/*
 * The solvers' private pseudo-random generator: xoshiro256** seeded through
 * splitmix64. One per solve, so results depend only on the seed.
 */
#ifndef ALS_RNG_H
#define ALS_RNG_H

#include <stdint.h>

typedef struct als__rng {
    uint64_t s[4];
} als__rng;

static inline uint64_t als__splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline void als__rng_seed(als__rng *r, uint64_t seed)
{
    for (int k = 0; k < 4; k++)
        r->s[k] = als__splitmix64(&seed);
}

static inline uint64_t als__rng_next(als__rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5;
    uint64_t result = ((x << 7) | (x >> 57)) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift, bias negligible). */
static inline uint64_t als__rng_below(als__rng *r, uint64_t n)
{
    return (uint64_t)(((__uint128_t)als__rng_next(r) * n) >> 64);
}

/* Uniform in [0, 1). */
static inline double als__rng_unit(als__rng *r)
{
    return (double)(als__rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

#endif

// GSL for Swift: the headers Chorus uses, plus accessors and a bridge that lets GSL's samplers
// draw from Chorus's own xoshiro256** streams.
//
// Swift 6 rejects reading GSL's mutable globals (gsl_rng_mt19937 ...), so they are exposed
// through static inline accessors (docs/design.md §4).
#ifndef CHORUS_CGSL_SHIM_H
#define CHORUS_CGSL_SHIM_H

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_multimin.h>

static inline const gsl_rng_type *chorus_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_qrng_type *chorus_gsl_qrng_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_qrng_type *chorus_gsl_qrng_halton(void) { return gsl_qrng_halton; }
static inline const gsl_multimin_fdfminimizer_type *chorus_gsl_multimin_bfgs2(void) { return gsl_multimin_fdfminimizer_vector_bfgs2; }

// --- xoshiro256** as a gsl_rng_type -------------------------------------------------------
// State layout is identical to ChorusStats.Xoshiro256: four 64-bit words. The Swift side
// copies its state in, lets GSL draw, and copies it back, so one seeded stream drives both
// Swift and GSL samplers. Reference: Blackman & Vigna, "Scrambled linear pseudorandom number
// generators" (2018), https://prng.di.unimi.it/xoshiro256starstar.c
typedef struct { uint64_t s[4]; } chorus_xoshiro_state;

static inline uint64_t chorus_rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t chorus_xoshiro_next(chorus_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = chorus_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = chorus_rotl(s[3], 45);
    return result;
}

static inline void chorus_xoshiro_set(void *vstate, unsigned long seed) {
    // SplitMix64 expansion of the seed, as recommended by the xoshiro authors.
    chorus_xoshiro_state *st = (chorus_xoshiro_state *)vstate;
    uint64_t z = (uint64_t)seed;
    for (int i = 0; i < 4; i++) {
        z += 0x9e3779b97f4a7c15ULL;
        uint64_t x = z;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        st->s[i] = x ^ (x >> 31);
    }
}

static inline unsigned long chorus_xoshiro_get(void *vstate) {
    return (unsigned long)(chorus_xoshiro_next((chorus_xoshiro_state *)vstate) >> 32);
}

static inline double chorus_xoshiro_get_double(void *vstate) {
    return (double)(chorus_xoshiro_next((chorus_xoshiro_state *)vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type chorus_xoshiro_type = {
    "chorus_xoshiro256starstar", 0xffffffffUL, 0, sizeof(chorus_xoshiro_state),
    &chorus_xoshiro_set, &chorus_xoshiro_get, &chorus_xoshiro_get_double
};

static inline const gsl_rng_type *chorus_gsl_rng_xoshiro(void) { return &chorus_xoshiro_type; }

#endif

// Cross-checks evosched's C pcg32 against the reference C++ implementation
// (pcg_random.hpp from libpcg-cpp-dev) over many seeds and streams.
#include <criterion/criterion.h>
#include <pcg_random.hpp>
#include <evosched/rng.h>

Test(rng_reference, matches_pcg_cpp_outputs)
{
    const uint64_t seeds[] = {0, 1, 42, 0xdeadbeefULL, 0xffffffffffffffffULL};
    const uint64_t streams[] = {0, 1, 54, 12345, 0x7fffffffffffffffULL};
    for (uint64_t s : seeds)
        for (uint64_t q : streams) {
            pcg32 ref(s, q);
            es_rng mine;
            es_rng_seed(&mine, s, q);
            for (int i = 0; i < 1000; i++) {
                uint32_t want = ref();
                uint32_t got = es_rng_next(&mine);
                cr_assert_eq(got, want, "seed %llu stream %llu output %d: %08x != %08x",
                             (unsigned long long)s, (unsigned long long)q, i, got, want);
            }
        }
}

Test(rng_reference, bounded_draws_match_pcg_cpp)
{
    pcg32 ref(42u, 54u);
    es_rng mine;
    es_rng_seed(&mine, 42u, 54u);
    const uint32_t bounds[] = {1, 2, 3, 7, 100, 1000003, 0x80000001u, 0xffffffffu};
    for (int i = 0; i < 4000; i++) {
        uint32_t b = bounds[i % 8];
        cr_assert_eq(es_rng_below(&mine, b), ref(b));
    }
}

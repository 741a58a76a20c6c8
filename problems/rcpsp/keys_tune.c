/* rcpsp-keys' settings for a budget of schedules or a time limit: the
 * population, the generation's size, restarts, and the selection and
 * replacement rules that did best on PSPLIB, each with the measurements
 * that chose it. */
#include <math.h>
#include "keys.h"

/* The settings that did best on PSPLIB with this representation
 * (docs/rcpsp.md). Population 0.13 B^0.7 for a budget of B schedules (50 at
 * 5,000, 253 at 50,000): with two passes per child the budget buys 1.5
 * times the children of the previous three, and on all of j120 at 5,000
 * schedules 39 gave 32.75%, 45 32.66%, 50 32.60%, 55 32.62%, 65 32.68%; on
 * every 5th j120 instance at 50,000, 195 gave 31.14%, 253 31.14%, 320
 * 31.19%. (With three passes, 0.1 B^0.7 had been best: 39 and 195.)
 * Smaller projects want more: on j30 (4 seeds) twice as many gave 0.19%
 * instead of 0.24% at 1,000 schedules and 0.04% instead of 0.06% at 5,000,
 * and on j60 1.4 times as many gain at 1,000 and 5,000 schedules (below)
 * and change nothing at 50,000 (10.645% against 10.648%, 3 seeds); hence
 * the factor sqrt(120 / jobs) below 120 jobs. The formula holds far beyond 50,000: at
 * 1,000,000 schedules on every 30th j120 instance 0.1 B^0.7 (1,585) gave
 * 29.36% against 30.09% for 300 (an earlier cap); 10,000 only bounds memory
 * and generation length. Every child crosses, few mutate (a redrawn key
 * throws an activity anywhere in time), and a search stuck for a quarter
 * as many generations as the project has activities, at least 10,
 * restarts: larger projects keep improving after longer pauses. Against 10
 * for every project, 30 gave all of j120 at 50,000 schedules 30.77% and
 * 30.84% on seeds 1 and 2 instead of 30.82% and 30.91%, at 5,000 (2 seeds)
 * 32.59% instead of 32.61%, and j60 at 50,000 (6 seeds) 10.619% instead
 * of 10.631% (15, the rule's value for j60: 10.625%), while j30 at 5,000
 * (16 seeds) lost (0.0373% from the optimum against 0.0337%; 20 gave
 * 0.0359%).
 *
 * Since stop 31, for budgets up to 50,000 schedules, each generation breeds
 * a third of the population, and the population is 1.3 times the formula's
 * (0.17 B^0.7, 66 at 5,000) with twice the generations before a restart:
 * new members become parents three times as often, and a restart still
 * waits for about as many children (60 generations of 22 on j120 at 5,000
 * against 30 of 50). All of j120 at
 * 5,000 schedules gave 32.061 / 32.069 / 32.063 / 32.050% against 32.158 /
 * 32.153 / 32.152 / 32.108% (seeds 1-4 / 5-8 / 9-12 / 13-16), j60 at 5,000
 * 10.876 against 10.885% (48 seeds), j30 at 5,000 0.0221 against 0.0231% from
 * the optimum (16 seeds); j120 at 50,000 30.465 against 30.466% (seeds 1-4),
 * j60 at 50,000 10.556 / 10.561 against 10.553 / 10.550% (seeds 1-3 / 4-6):
 * unchanged; at 1,000 j120 gave 33.908 against 34.057% (seeds 1-4), j60
 * 11.399 against 11.413% (16 seeds). Children of half the population or
 * more, with either population, did worse. Larger budgets keep the rule
 * before it: with the budget a minute buys (60 s on 2 threads, every 30th
 * j120 instance, population 10,000 and 3,333 children against 9,482 and
 * 9,482) the deviation rose from 28.735 to 29.009%, one schedule longer on
 * five of the 20 instances; 5 s (a guessed 737,704 schedules) gave 29.09
 * against 29.11% (docs/rcpsp-experiments.md, "Stop 31"). */
#define POPULATION_MAX 10000
#define SHORT_BUDGET 50000
#define OFFSPRING_SHARE (1.0 / 3.0)
#define NEWER_FIRST_FROM 60 /* activities, dummies aside */
void rcpsp_keys_tune(const es_instance *inst, long long evaluations, es_tuning *out)
{
    int jobs = rcpsp_of(inst)->n - 2;
    int short_run = evaluations > 0 && evaluations <= SHORT_BUDGET;
    if (evaluations > 0) {
        /* smaller projects converge sooner and want more diversity: at
         * 5,000 schedules (8 seeds) j60 gave 11.025% with the j120
         * population, 10.988% with sqrt(2) times it, 10.981% with 1.6
         * times; j30 wants twice it (0.0337% from the optimum on 16 seeds,
         * 0.0418% with 1.4 times, 0.0369% with 2.6) */
        double size = jobs > 0 && jobs < 120 ? sqrt(120.0 / jobs) : 1.0;
        double p = (short_run ? 0.17 : 0.13) * pow((double)evaluations, 0.7) * size;
        out->population = p < 10 ? 10 : p > POPULATION_MAX ? POPULATION_MAX : (int)lround(p);
    } else /* a time limit the caller could not turn into a budget */
        out->population = 200;
    out->crossover = "window";
    out->crossover_rate = 1.0;
    out->mutation_rate = 0.05;
    out->offspring_share = short_run ? OFFSPRING_SHARE : 1.0;
    out->stagnation = (short_run ? 2 : 1) * (jobs / 4 > 10 ? jobs / 4 : 10);
    /* A member crossed with itself is read the other way and justified back:
     * its own schedule again or a near copy, 2.5% of the children at 5,000
     * schedules on j120. Without them all of j120 at 5,000 gave 32.48%
     * instead of 32.58% on seeds 1-4 and 32.45% instead of 32.55% on seeds
     * 5-8, every seed better; larger populations draw a member twice too
     * rarely to tell (docs/rcpsp.md). */
    out->distinct_parents = 1;
    /* Near copies crowd the population: up to a quarter of the children
     * on j120 at 5,000 schedules agree with a parent on nine in ten start
     * times without being better. Keeping last those that agree with a
     * member at least as good on three quarters gave j120 at 5,000 32.30%
     * instead of 32.48%, j60 at 50,000 10.56% instead of 10.63%, j30 at
     * 5,000 0.026% instead of 0.036% (docs/rcpsp-experiments.md, "Stop 24", for every
     * set, seed and threshold). */
    out->niche = 0.75;
    /* Parents that agree on half their start times or more are not mated
     * while up to 10 more tournaments find a less alike second parent: such
     * pairs breed near copies, which the niche then drops, two passes
     * wasted each (on j12021_1 at 5,000 schedules 1,053 of about 2,400
     * children without this, 734 with it). All of j120 at 5,000 schedules
     * gave 32.012 / 32.032 / 32.008 / 32.010% against 32.061 / 32.069 /
     * 32.063 / 32.050% (seeds 1-4 / 5-8 / 9-12 / 13-16), j60 at 5,000
     * 10.873 against 10.876% (48 seeds), j30 at 5,000 0.0212 against 0.0221%
     * from the optimum (16 seeds); thresholds 0.4 and 0.6 did less on j120
     * (docs/rcpsp-experiments.md, "Stop 32"). */
    out->incest = 0.5;
    /* Equal makespans newer first, and a child that is a near copy of a
     * member with its makespan takes that member's place instead of being
     * dropped (docs/operators.md): such a child is a sideways step, and
     * the population drifts along a plateau of equal makespans instead of
     * waiting on it for a strictly better child. All of j120 at 5,000
     * schedules gave 31.965% against 32.024% (mean of seeds 1-32; every
     * 4-seed block of 1-16 better, 31.949-31.982% against 32.008-32.032%),
     * at 50,000 30.380 against 30.444% (seeds 1-4), every 5th instance at
     * 200,000 30.088 against 30.130% (2 seeds); j60 at 5,000 10.868
     * against 10.873% (48 seeds), at 50,000 10.555 / 10.564 against 10.560
     * / 10.553% (seeds 1-3 / 4-6): neither gained nor lost measurably.
     * j30 lost at every budget, so projects below 60 activities keep the
     * hashed order: at 50,000 schedules 5,731 against 5,739 of 5,760 runs
     * optimal (seeds 1-12), at 5,000 0.0237 against 0.0222% from the
     * optimum (seeds 1-48), at 1,000 0.1122 against 0.1114% (seeds 1-8).
     * Nothing between 30 and 60 activities was measured
     * (docs/rcpsp-experiments.md, "Stop 35" and "Stop 36"). */
    out->newer_first = jobs >= NEWER_FIRST_FROM;
    /* The last 30% of the budget with tournaments of 8 instead of 2: all
     * of j60 at 5,000 schedules (seeds 1-48) 10.885% against 10.913%, j120
     * at 5,000 32.158 / 32.153% against 32.223 / 32.235% (seeds 1-4 / 5-8),
     * at 50,000 30.435 / 30.512 / 30.485 / 30.434% against 30.529 / 30.609 /
     * 30.588 / 30.523% (seeds 1-4), j60 at 50,000 10.553% against 10.563%
     * (seeds 1-3), j30 at 5,000 0.0231% against 0.0247% from the optimum
     * (16 seeds). In a first build (on j60 at 5,000, 48 seeds), past 0.6
     * with 5 gave 10.887%, past 0.7 with 16 10.887%, and 0.8 with 3 / 5,
     * 0.9 with 8, 0.4 with 3 and 0.5 with 8 less (10.903 / 10.892 / 10.895 /
     * 10.897 / 10.895%). docs/rcpsp-experiments.md, "Stop 30". */
    out->late_tournament = 8;
    out->late_from = 0.7;
}

/* A time limit buys a budget: the same formula for the schedules it should
 * give. The search (justification included) ran j120 at about 73,000
 * schedules per second per thread on the 2-core development machine, i.e.
 * 9,000,000 / n for its 122 activities; j30 ran at 295,000-458,000 against
 * the 281,000 this guesses. On a faster machine the guess is low and the
 * population smaller than best, which costs little: 5 s on 2 threads on
 * every 30th j120 instance (a budget guessed at 737,704 schedules,
 * population 1,281) gave 30.36% with 200, 29.79% with 500, 29.62% with
 * 1,000, 29.98% with 2,000 (docs/rcpsp.md). The packed profile has since
 * made the search 1.4-1.7 times as fast (about 1.4e7 / n), but the population
 * that rate gives did worse (29.47% with 2,269 against 29.34% with this
 * constant's 1,665, 29.53% with 1,200), so the constant stays: it now
 * calibrates the population more than it measures a speed. */
#define SCHEDULES_PER_SECOND_TIMES_JOBS 9e6
void rcpsp_keys_tune_time(const es_instance *inst, double seconds, int threads, es_tuning *out)
{
    double budget = seconds * (threads > 0 ? threads : 1) * SCHEDULES_PER_SECOND_TIMES_JOBS / rcpsp_of(inst)->n;
    rcpsp_keys_tune(inst, budget < 1 ? 1 : budget > 1e15 ? (long long)1e15 : (long long)budget, out);
}

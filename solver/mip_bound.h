/* The arithmetic that turns what GLPK proved into the MIP bound reported,
 * apart from GLPK so that tests can reach it without timing a solver. */
#ifndef ES_MIP_BOUND_H
#define ES_MIP_BOUND_H
#include <evosched/evosched.h>

/* The MIP bound to report from mip, what branch-and-cut proved: never worse
 * than the LP bound lp (when has_lp), and then, when every solution's
 * objective is a whole number (integral), rounded towards the solutions:
 * up for a minimisation, down for a maximisation. The LP's value is taken
 * before the rounding, so that it is rounded too: the RCPSP model's LP
 * bound of 50.45 on j3013_5 proves 51. */
double es_mip_settle_bound(es_sense sense, int integral, double mip, int has_lp, double lp);
#endif

/* Internal view of the ant colony state, for tests. */
#ifndef ES_ACO_H
#define ES_ACO_H
/* Smallest and largest pheromone value, and the bounds they must respect. */
void es_aco_tau_range(const void *state, double *lo, double *hi, double *tmin, double *tmax);
/* The pheromone matrix holds n^2 doubles: 512 MB is about 8,000 items, where
 * one ant already costs 64 million operations. create refuses more with
 * ES_ELIMIT. */
#define ES_ACO_MAX_PHEROMONE_BYTES (512.0 * 1024 * 1024)
#endif

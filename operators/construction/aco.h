/* Internal view of the ant colony state, for tests. */
#ifndef ES_ACO_H
#define ES_ACO_H
/* Smallest and largest pheromone value, and the bounds they must respect. */
void es_aco_tau_range(const void *state, double *lo, double *hi, double *tmin, double *tmax);
#endif

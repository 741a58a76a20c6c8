/* The CPU quota of the process's control group, which caps the default
 * thread count (es_default_threads in engine.h). Private to the library;
 * declared here so that tests can point it at a fake file system. */
#ifndef EVOSCHED_CPUS_H
#define EVOSCHED_CPUS_H

/* Reads root/proc/self/cgroup and the cgroup files it leads to under
 * root/sys/fs/cgroup (root is "" for the real ones; v2's cpu.max, v1's
 * cpu.cfs_quota_us and cpu.cfs_period_us), and writes to *cpus the smallest
 * quota, in CPUs (1.5 for 150000/100000), set on the process's group or any
 * of its ancestors. Returns 1 when a quota is set; 0, with *cpus = 0, when
 * none is or the files cannot be read. */
int es_cgroup_cpu_quota(const char *root, double *cpus);

/* threads capped by a quota of cpus CPUs, rounded up, at least 1; threads
 * unchanged when cpus <= 0 (no quota). */
int es_threads_for_quota(int threads, double cpus);

#endif

/*
 * bench_timeline.h - what a timeline's step costs: the bench model (a
 * million tuples) given a monthly timeline of 20 years (240 steps) and
 * events that change a few values every month and quarter, and every
 * tuple decided at every step (a statement that counts the partnerships
 * at each step: first(count(alliance) < 0), which holds at none), against
 * the same count in the static model.  A step must cost what one
 * evaluation of the world costs, not a reload: within BENCH_TIMELINE_RATIO
 * of the static cost per tuple.
 */
#ifndef BENCH_TIMELINE_H
#define BENCH_TIMELINE_H

/* The actors of the measurement (N/2 x N/2 tuples) and the steps. */
#define BENCH_TIMELINE_ACTORS 2000L
#define BENCH_TIMELINE_STEPS 240
/* ns per tuple-step, at most this many times ns per tuple of the static count. */
#define BENCH_TIMELINE_RATIO 1.5

typedef struct bench_timeline_result {
    int ok;
    char error[512];
    long tuples;
    int steps;
    double static_ns; /* count(alliance) in the static model, best of runs */
    double steps_ns;  /* the statement over every step, best of runs (the run of the timeline included) */
    double run_ns;    /* the timeline's run alone, keeping its journal, best of runs */
} bench_timeline_result;

/* Measures, best of `runs`; r->ok says whether the statements passed (the
 * count at every step read, and at the last step equal to the count in
 * the world the run ends with). */
void bench_timeline(int runs, bench_timeline_result *r);

#endif

/*
 * workers.h - items made by worker processes and taken here in order (a
 * sweep's points: coop sweep's records, a sweep statement's rows).  Worker
 * w of nw makes the items t with t % nw == w, in order, each into bytes
 * sent down a pipe; this process takes them in item order.  A worker is a
 * fork of this process, its own copy of everything (nothing shared,
 * nothing locked): an item's bytes are those this process would make, so
 * what is taken is the same for any nw.
 */
#ifndef COOP_WORKERS_H
#define COOP_WORKERS_H

#include <signal.h>
#include <stdio.h>

typedef struct workers {
    long n;     /* the items: 0 .. n - 1 */
    long nw;    /* worker processes; below 2 (or n below 2), none: the items are made here */
    /* Makes item t into f: 0, or nonzero when it cannot (a runtime error, a
     * stop), which ends the run. */
    int (*make)(void *ctx, long t, FILE *f);
    /* Takes item t's bytes b[0..len), in this process, in item order. */
    void (*take)(void *ctx, long t, const char *b, size_t len);
    void *ctx;
    const volatile sig_atomic_t *stop; /* NULL, or nonzero to stop them */
} workers;

typedef enum {
    WORKERS_DONE,    /* every item taken */
    WORKERS_FAILED,  /* an item could not be made: made here too (what make
                        says of it is this process's), its status in *rc */
    WORKERS_STOPPED, /* *stop became nonzero */
    WORKERS_LOST     /* a worker could not start (*err: errno), or ended
                        without a word (killed: *err 0) */
} workers_end;

/* Makes and takes the items in order until one cannot be made, at *at
 * (the items before it taken).  Output streams are flushed before the
 * workers start (a worker never writes what this process had buffered);
 * a worker ends with _exit, and a SIGINT or SIGTERM ends it at once.
 * Every worker has ended when it returns.  Workers are processes: a
 * program that runs threads asks for none. */
workers_end workers_run(const workers *w, long *at, int *rc, int *err);

#endif

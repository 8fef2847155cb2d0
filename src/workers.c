/* workers.c - items made by worker processes (fork), taken here in item
 * order. */
#include "workers.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mem.h"

/* What a worker sends of an item: its status (0 made, 1 not: the worker
 * stops) and its bytes' length, then the bytes. */
typedef struct msg {
    uint32_t failed, len;
} msg;

static int stopped(const workers *w) { return w->stop && *w->stop; }

/* Item t made into a new buffer *b of *len bytes: make's status. */
static int make_one(const workers *w, long t, char **b, size_t *len)
{
    FILE *f = mem_stream(b, len);
    int rc = w->make(w->ctx, t, f);
    fclose(f);
    return rc;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *b = p;
    while (n) {
        ssize_t k = write(fd, b, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads n bytes: 0; -1 at the end (the worker ended); -2 when stopped. */
static int read_all(const workers *w, int fd, void *p, size_t n)
{
    char *b = p;
    while (n) {
        ssize_t k = read(fd, b, n);
        if (k < 0 && errno == EINTR) {
            if (stopped(w)) return -2;
            continue;
        }
        if (k <= 0) return stopped(w) ? -2 : -1; /* (Ctrl-C ends the workers too) */
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Worker k of the run: its items, each sent down fd; it stops after one
 * that could not be made.  Never returns. */
static void worker(const workers *w, long k, int fd)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    for (long t = k; t < w->n; t += w->nw) {
        char *b = NULL;
        size_t len = 0;
        int rc = make_one(w, t, &b, &len);
        msg m = {rc != 0, rc ? 0 : (uint32_t)len};
        if (write_all(fd, &m, sizeof m) < 0 || write_all(fd, b, m.len) < 0) _exit(1);
        free(b);
        if (rc) _exit(1);
    }
    _exit(0);
}

/* The items made here, one after the other. */
static workers_end run_here(const workers *w, long *at, int *rc)
{
    for (long t = 0; t < w->n; t++) {
        char *b = NULL;
        size_t len = 0;
        *at = t;
        *rc = make_one(w, t, &b, &len);
        if (!*rc) w->take(w->ctx, t, b, len);
        free(b);
        if (*rc) return WORKERS_FAILED;
    }
    *at = w->n;
    return WORKERS_DONE;
}

workers_end workers_run(const workers *w, long *at, int *rc, int *err)
{
    *at = 0;
    *rc = *err = 0;
    if (w->nw < 2 || w->n < 2) return run_here(w, at, rc);
    long nw = w->nw < w->n ? w->nw : w->n;
    workers each = *w;
    each.nw = nw;
    pid_t *pid = mem_alloc((size_t)nw * sizeof *pid);
    int *fd = mem_alloc((size_t)nw * sizeof *fd);
    fflush(NULL); /* nothing buffered here is written again by a worker */
    workers_end end = WORKERS_DONE;
    long made = 0;
    for (; made < nw; made++) {
        int p[2];
        if (pipe(p) != 0) {
            *err = errno;
            end = WORKERS_LOST;
            break;
        }
        if ((pid[made] = fork()) < 0) {
            *err = errno;
            close(p[0]);
            close(p[1]);
            end = WORKERS_LOST;
            break;
        }
        if (pid[made] == 0) {
            close(p[0]);
            for (long k = 0; k < made; k++) close(fd[k]);
            worker(&each, made, p[1]);
        }
        close(p[1]);
        fd[made] = p[0];
    }
    char *b = NULL;
    size_t cap = 0;
    long t = 0;
    for (; t < w->n && end == WORKERS_DONE; t++) {
        if (stopped(w)) { /* (a stop between two reads) */
            end = WORKERS_STOPPED;
            break;
        }
        msg m;
        int r = read_all(w, fd[t % nw], &m, sizeof m);
        if (r == 0 && (size_t)m.len + 1 > cap) b = mem_realloc(b, cap = (size_t)m.len + 1);
        if (r == 0) r = read_all(w, fd[t % nw], b, m.len);
        if (r == -2) end = WORKERS_STOPPED;
        else if (r < 0) end = WORKERS_LOST;
        else if (m.failed) end = WORKERS_FAILED;
        else w->take(w->ctx, t, b, m.len);
        if (end != WORKERS_DONE) break;
    }
    free(b);
    *at = t;
    for (long k = 0; k < made; k++) {
        close(fd[k]);
        if (end != WORKERS_DONE) kill(pid[k], SIGTERM);
    }
    for (long k = 0; k < made; k++) {
        int st;
        while (waitpid(pid[k], &st, 0) < 0 && errno == EINTR) {}
    }
    free(pid);
    free(fd);
    if (end == WORKERS_FAILED) { /* made here, to say why here */
        char *fb = NULL;
        size_t len = 0;
        *rc = make_one(w, t, &fb, &len);
        free(fb);
        if (!*rc) end = WORKERS_LOST; /* it failed there only: a worker gone wrong */
    }
    return end;
}

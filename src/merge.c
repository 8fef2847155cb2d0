/*
 * merge.c - coop merge: the outputs of the shards of one sweep joined into
 * what one run would have written.  A shard's first line says which shard
 * of how many it is, of how many points, and fingerprints its sweep (the
 * grid, the queries and seed, the model: coop_sweep_shard_header); then
 * come the records one run writes (CSV: the header, then a record a
 * point; JSON lines: an object a point), the points i with i % n == k, in
 * grid order.  Every shard is checked before anything is written; then
 * the records are read ahead a share of a bounded buffer at a time, each
 * file opened only while its share is read, so that any number of shards
 * merge in bounded memory with one file open.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "coop.h"
#include "mem.h"
#include "sweep.h"

typedef struct shard {
    const char *path;
    int json;
    long k, n, points;
    char grid[17], queries[17], model[17];
    char file[256];   /* the model's file, as the shard names it */
    char *header;     /* CSV: the header record */
    long records;     /* after the header */
    /* merging: the file is open only while records are read ahead */
    off_t at;         /* where its next record not read ahead starts */
    long unread;      /* its records not read ahead */
    VEC(char) ahead;  /* records read ahead, one after another */
    VEC(size_t) ends; /* where each ends in ahead */
    size_t next;      /* the next of them to merge */
} shard;

typedef struct record {
    char *v;
    size_t n, cap;
} record;

/* The next record of f into r (its line end included): a line, or of CSV
 * a record whose quoted fields may hold line ends.  1; 0 at the end; -1
 * for a last record that lacks its line end (a file cut short). */
static int read_record(FILE *f, int csv, record *r)
{
    int quoted = 0, c;
    r->n = 0;
    while ((c = getc(f)) != EOF) {
        if (r->n + 2 > r->cap) {
            r->cap = r->cap ? 2 * r->cap : 256;
            r->v = mem_realloc(r->v, r->cap);
        }
        r->v[r->n++] = (char)c;
        if (csv && c == '"') quoted = !quoted;
        if (c == '\n' && !quoted) break;
    }
    if (r->v) r->v[r->n] = 0;
    if (!r->n) return 0;
    return r->v[r->n - 1] == '\n' && !quoted ? 1 : -1; /* (a quote open at the end: cut short) */
}

/* An error about the file at path (NULL: about none): -1. */
static int say(coop_diags *d, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int say(coop_diags *d, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    coop_diags_add(d, COOP_ERROR, path, 0, 0, "%s", msg);
    return -1;
}

/* The JSON shard line's value of "key": a number into *v. */
static int json_long(const char *line, const char *key, long *v)
{
    char k[32];
    snprintf(k, sizeof k, "\"%s\":", key);
    const char *p = strstr(line, k);
    return p && sscanf(p + strlen(k), "%ld", v) == 1;
}

/* ... a string of hex digits or a file name into buf[n] (as written:
 * escapes stay). */
static int json_text(const char *line, const char *key, char *buf, size_t n)
{
    char k[32];
    snprintf(k, sizeof k, "\"%s\":\"", key);
    const char *p = strstr(line, k);
    if (!p) return 0;
    p += strlen(k);
    size_t i = 0;
    for (; *p && *p != '"' && i + 1 < n; p++) {
        if (*p == '\\' && p[1]) buf[i++] = *p++;
        if (i + 1 < n) buf[i++] = *p;
    }
    buf[i] = 0;
    return *p == '"' || i + 1 >= n;
}

/* A shard's first line, read into s: 0, or -1 after saying why. */
static int shard_line(shard *s, const char *line, coop_diags *d)
{
    s->json = line[0] == '{';
    int ok, at = 0;
    if (s->json) {
        ok = strncmp(line, "{\"type\":\"sweep_shard\"", 21) == 0 && json_long(line, "shard", &s->k) &&
             json_long(line, "of", &s->n) && json_long(line, "points", &s->points) &&
             json_text(line, "grid", s->grid, sizeof s->grid) && json_text(line, "queries", s->queries, sizeof s->queries) &&
             json_text(line, "model", s->model, sizeof s->model) && json_text(line, "file", s->file, sizeof s->file);
    } else {
        ok = sscanf(line, "# coop sweep shard %ld/%ld of %ld points; grid %16[0-9a-f]; queries %16[0-9a-f]; "
                    "model %16[0-9a-f] %n", &s->k, &s->n, &s->points, s->grid, s->queries, s->model, &at) == 6 && at > 0;
        if (ok) {
            snprintf(s->file, sizeof s->file, "%s", line + at);
            s->file[strcspn(s->file, "\n")] = 0;
        }
    }
    if (!ok)
        return say(d, s->path, "not the output of a shard of coop sweep: its first line does not say which shard "
                   "it is (make shards with coop sweep ... --shard K/N)");
    if (s->n < 1 || s->k < 0 || s->k >= s->n || s->points < 1)
        return say(d, s->path, "its first line names no shard of a sweep (K/N with 0 <= K < N)");
    return 0;
}

/* Reads shard s (and closes it): its first line, header, and records
 * counted; where the first record starts. */
static int shard_read(shard *s, record *r, coop_diags *d)
{
    FILE *f = fopen(s->path, "rb");
    if (!f) return say(d, s->path, "cannot open: %s", strerror(errno));
    int rc = 0;
    if (read_record(f, 0, r) != 1) rc = say(d, s->path, "empty, or cut short in its first line");
    else if (shard_line(s, r->v, d) < 0) rc = -1;
    else if (!s->json && read_record(f, 1, r) != 1) rc = say(d, s->path, "cut short before its header");
    if (!rc) {
        if (!s->json) s->header = mem_strdup(r->v);
        s->at = ftello(f);
        while ((rc = read_record(f, !s->json, r)) == 1) s->records++;
        if (rc < 0) rc = say(d, s->path, "its last record is cut short (an interrupted run?); run its shard again");
        else if (ferror(f)) rc = say(d, s->path, "cannot read: %s", strerror(errno));
        s->unread = s->records;
    }
    fclose(f);
    return rc;
}

/* Reads shard s's next records ahead, `bytes` of them or the first
 * record past them: 0, or -1 after saying why there is none. */
static int read_ahead(shard *s, record *r, size_t bytes, coop_diags *d)
{
    FILE *f = fopen(s->path, "rb");
    if (!f || fseeko(f, s->at, SEEK_SET) != 0) {
        if (f) fclose(f);
        return say(d, s->path, "changed while it was merged (cannot read it again: %s)", strerror(errno));
    }
    s->ahead.n = s->ends.n = s->next = 0;
    while (s->unread > 0 && (!s->ahead.n || s->ahead.n < bytes) && read_record(f, !s->json, r) == 1) {
        if (s->ahead.n + r->n > s->ahead.cap) {
            s->ahead.cap = 2 * (s->ahead.n + r->n);
            s->ahead.v = mem_realloc(s->ahead.v, s->ahead.cap);
        }
        memcpy(s->ahead.v + s->ahead.n, r->v, r->n);
        s->ahead.n += r->n;
        vec_push(s->ends, s->ahead.n);
        s->unread--;
    }
    s->at = ftello(f);
    fclose(f);
    return s->ends.n ? 0 : say(d, s->path, "changed while it was merged");
}

/* Are the shards of one sweep, each once, each whole?  0, or -1 after
 * saying why. */
static int check(shard *v, int n, coop_diags *d)
{
    const shard *a = &v[0];
    for (int i = 1; i < n; i++) {
        const shard *s = &v[i];
        if (s->json != a->json)
            return say(d, s->path, "%s, but %s: the shards of one sweep are written alike",
                       s->json ? "JSON lines" : "CSV", a->json ? "the first is JSON lines" : "the first is CSV");
        if (s->n != a->n || s->points != a->points)
            return say(d, s->path, "shard %ld/%ld of %ld points, but %s is shard %ld/%ld of %ld: give the shards of "
                       "one sweep", s->k, s->n, s->points, a->path, a->k, a->n, a->points);
        if (strcmp(s->grid, a->grid))
            return say(d, s->path, "a shard of another sweep than %s: its grid (the axes, their values) differs",
                       a->path);
        if (strcmp(s->queries, a->queries))
            return say(d, s->path, "a shard of another sweep than %s: its queries (or --seed) differ", a->path);
        if (strcmp(s->model, a->model))
            return say(d, s->path, "made from another model, or other -D values (%.90s), than %.90s (%.90s): run every "
                       "shard on the same file, with the same -D", s->file, a->path, a->file);
        if (!s->json && strcmp(s->header, a->header))
            return say(d, s->path, "its header differs from %s's", a->path);
    }
    const shard **by = mem_calloc((size_t)a->n + 1, sizeof *by);
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        const shard *s = &v[i];
        if (by[s->k]) rc = say(d, s->path, "shard %ld/%ld is given twice: here and as %s", s->k, s->n, by[s->k]->path);
        by[s->k] = s;
    }
    if (!rc) { /* every shard, said with those missing */
        char *t = NULL;
        size_t len = 0;
        FILE *f = mem_stream(&t, &len);
        long missing = 0;
        for (long k = 0; k < a->n; k++)
            if (!by[k] && ++missing <= 10) fprintf(f, "%s%ld/%ld", missing > 1 ? ", " : "", k, a->n);
        if (missing > 10) fprintf(f, " and %ld more", missing - 10);
        fclose(f);
        if (missing)
            rc = say(d, NULL, "%ld of the %ld shards %s missing: %s; run %s (coop sweep ... --shard K/N) and merge "
                     "again", missing, a->n, missing == 1 ? "is" : "are", t, missing == 1 ? "it" : "them");
        free(t);
    }
    for (int i = 0; i < n && !rc; i++) {
        const shard *s = &v[i];
        long want = sweep_shard_points(s->points, s->k, s->n);
        if (s->records != want)
            rc = say(d, s->path, "holds %ld of shard %ld/%ld's %ld points: %s", s->records, s->k, s->n, want,
                     s->records < want ? "it was cut short (a run interrupted, or stopped by an error at a point); "
                                         "run its shard again"
                                       : "more records than its points");
    }
    free(by);
    return rc;
}

int sweep_merge(const char *const *paths, int n, FILE *out, size_t ahead, coop_diags *d)
{
    if (n < 1) return say(d, NULL, "no shards to merge");
    shard *v = mem_calloc((size_t)n, sizeof *v);
    record r = {0};
    int rc = 0;
    for (int i = 0; i < n; i++) {
        v[i].path = paths[i];
        if (shard_read(&v[i], &r, d) < 0) rc = -1;
    }
    if (!rc) rc = check(v, n, d);
    if (!rc) {
        /* point i from shard i % n: each shard's records read ahead, a
         * share of `ahead` bytes, one file open at a time */
        shard **by = mem_calloc((size_t)n, sizeof *by);
        for (int i = 0; i < n; i++) by[v[i].k] = &v[i];
        size_t each = ahead / (size_t)n;
        if (!v[0].json) fputs(v[0].header, out);
        for (long i = 0; i < v[0].points && !rc; i++) {
            shard *s = by[i % n];
            if (s->next == s->ends.n && read_ahead(s, &r, each, d) < 0) rc = -1;
            else {
                size_t from = s->next ? s->ends.v[s->next - 1] : 0;
                fwrite(s->ahead.v + from, 1, s->ends.v[s->next] - from, out);
                s->next++;
            }
        }
        free(by);
    }
    for (int i = 0; i < n; i++) {
        free(v[i].header);
        vec_free(v[i].ahead);
        vec_free(v[i].ends);
    }
    free(r.v);
    free(v);
    return rc;
}

int coop_sweep_merge(const char *const *paths, int n, FILE *out, coop_diags *d)
{
    return sweep_merge(paths, n, out, SWEEP_MERGE_AHEAD, d);
}

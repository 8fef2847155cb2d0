/*
 * report_sweep.c - sweeps as people and programs read them: a sweep
 * statement's table (text) or object (JSON); coop sweep's records (CSV:
 * the axes' values, then each query's; JSON lines: an object a point).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "report.h"
#include "run.h"
#include "sweep.h"
#include "timeline.h"

/* ---- text ---- */

/* Value i of axis ax as the table writes it, in b[n]. */
static const char *axis_cell(char *b, size_t n, const sweep_axis *ax, long i)
{
    double v = sweep_value(ax, i);
    if (ax->type == T_BOOL) return v != 0 ? "true" : "false";
    fmt_num(b, n, v);
    return b;
}

static char *value_cell(arena *a, const rep *r, const sweep_cell *c, int expect)
{
    if (expect) return c->passed ? arena_strdup(a, "holds") : arena_printf(a, "fails: got %s", c->got ? c->got : "");
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    report_value_text(f, r->m, r->w, &c->v);
    fclose(f);
    char *s = arena_strdup(a, t);
    free(t);
    return s;
}

/* A row of cells, right-aligned where a column holds numbers, the last
 * column left unpadded. */
static void text_row(FILE *out, char **cell, const int *w, const int *right, int n)
{
    fputs("  ", out);
    for (int k = 0; k < n; k++) {
        if (k) fputs("  ", out);
        if (right[k]) report_lpad(out, cell[k], w[k]);
        else if (k < n - 1) report_pad(out, cell[k], w[k]);
        else fputs(cell[k], out);
    }
    fputc('\n', out);
}

/* The head: "sweep AXES: N points", then the columns' names.  An axis's
 * column is as wide as its widest value; the statement's, the last, as
 * its text (a number wider than it stands out to the right), so that
 * every row is written as its point is decided. */
static void text_begin(sweep_table *t)
{
    const sweep_grid *g = &t->sw->g;
    rep *r = t->r;
    int cols = g->n + 1;
    t->w = arena_alloc(&t->a, (size_t)cols * sizeof *t->w);
    t->right = arena_alloc(&t->a, (size_t)cols * sizeof *t->right);
    char **head = arena_alloc(&t->a, (size_t)cols * sizeof *head);
    for (int k = 0; k < g->n; k++) {
        const sweep_axis *ax = &g->ax[k];
        head[k] = (char *)ax->name;
        t->right[k] = ax->type == T_NUM;
        t->w[k] = report_widen(0, ax->name, 0);
        char b[64];
        for (long i = 0; i < ax->n; i++) t->w[k] = report_widen(t->w[k], axis_cell(b, sizeof b, ax, i), 0);
    }
    head[g->n] = (char *)t->col;
    t->right[g->n] = !t->expect && t->sw->st->e->type == T_NUM;
    t->w[g->n] = report_widen(0, t->col, 0);
    fputs("sweep ", r->out);
    for (int k = 0; k < g->n; k++) fprintf(r->out, "%s%s", k ? ", " : "", g->ax[k].name);
    fprintf(r->out, ": %ld point%s\n", g->points, g->points == 1 ? "" : "s");
    text_row(r->out, head, t->w, t->right, cols);
}

static void text_point(const sweep_table *t, FILE *out, long i, const sweep_cell *c)
{
    const sweep_grid *g = &t->sw->g;
    arena a;
    arena_init(&a);
    char **row = arena_alloc(&a, (size_t)(g->n + 1) * sizeof *row);
    long *idx = arena_alloc(&a, (size_t)g->n * sizeof *idx);
    sweep_index(g, i, idx);
    char b[64];
    for (int k = 0; k < g->n; k++) row[k] = arena_strdup(&a, axis_cell(b, sizeof b, &g->ax[k], idx[k]));
    row[g->n] = value_cell(&a, t->r, c, t->expect);
    text_row(out, row, t->w, t->right, g->n + 1);
    arena_free(&a);
}

/* ---- JSON ---- */

static void json_axis_value(json *j, const sweep_axis *ax, long i)
{
    double v = sweep_value(ax, i);
    if (ax->type == T_BOOL) json_bool(j, v != 0);
    else json_num(j, v);
}

/* The object up to its points' array, open. */
static void json_begin(sweep_table *t)
{
    const sweep_grid *g = &t->sw->g;
    json *j = &t->r->j;
    json_init(j, t->r->out);
    json_typed(j, "sweep");
    json_key(j, "axes");
    json_arr(j);
    for (int k = 0; k < g->n; k++) {
        json_obj(j);
        json_kstr(j, "target", g->ax[k].name);
        json_key(j, "values");
        json_arr(j);
        for (long i = 0; i < g->ax[k].n; i++) json_axis_value(j, &g->ax[k], i);
        json_end_arr(j);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_kstr(j, "statement", t->text);
    json_key(j, "points");
    json_arr(j);
}

/* A point of the array, into out: with the comma before it but the
 * first's, as the one writer would have put it. */
static void json_point(const sweep_table *t, FILE *out, long i, const sweep_cell *c)
{
    const sweep_grid *g = &t->sw->g;
    rep r = *t->r;
    json *j = &r.j;
    json_resume(j, out, i == 0);
    long idx[64], *ip = g->n <= 64 ? idx : mem_alloc((size_t)g->n * sizeof *ip);
    json_obj(j);
    json_key(j, "values");
    json_arr(j);
    sweep_index(g, i, ip);
    for (int k = 0; k < g->n; k++) json_axis_value(j, &g->ax[k], ip[k]);
    json_end_arr(j);
    if (t->expect) {
        json_kbool(j, "passed", c->passed);
        json_kstr(j, "got", c->got ? c->got : "");
    } else {
        const value_result *v = &c->v;
        json_key(j, "value");
        json_value_of(&r, v);
        if (v->type == T_BOOL && v->rule >= 0 && v->has_score) json_knum(j, "score", v->score);
    }
    json_end_obj(j);
    if (ip != idx) free(ip);
}

static void json_end(sweep_table *t, long done, long held)
{
    json *j = &t->r->j;
    json_end_arr(j);
    if (t->expect) {
        json_kint(j, "passed", held);
        json_kint(j, "failed", done - held);
    }
    if (done < t->sw->g.points) json_kbool(j, "stopped", 1);
    json_end_obj(j);
}

/* ---- the table, a point at a time ---- */

void report_sweep_begin(sweep_table *t, rep *r, const sweep_info *sw, const char *text)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->a);
    t->r = r;
    t->sw = sw;
    t->text = text;
    t->col = sweep_column(&t->a, sw->g.ax, sw->g.n, text);
    t->expect = sw->st->k == S_EXPECT;
    if (r->as_json) json_begin(t);
    else if (r->as_csv) { /* a table of its own, its records coop sweep's */
        report_csv_table(r);
        report_sweep_header(r, &sw->g, &t->col, 1);
    } else text_begin(t);
}

void report_sweep_point(const sweep_table *t, FILE *out, long i, const sweep_cell *c)
{
    if (t->r->as_json) json_point(t, out, i, c);
    else if (t->r->as_csv) {
        rep r = *t->r;
        r.out = out;
        report_sweep_row(&r, &t->sw->g, i, &t->col, c, 1);
    } else text_point(t, out, i, c);
}

void report_sweep_end(sweep_table *t, long done, long held)
{
    long n = t->sw->g.points;
    if (t->r->as_json) json_end(t, done, held);
    else if (!t->r->as_csv && t->expect && done == n)
        fprintf(t->r->out, "  %ld of %ld point%s hold%s\n", held, n, n == 1 ? "" : "s", n == 1 && held ? "s" : "");
    arena_free(&t->a);
}

/* ---- coop sweep's records ---- */

void report_sweep_header(rep *r, const sweep_grid *g, const char *const *queries, int nq)
{
    if (r->as_json) return; /* each object names its fields */
    csv_init(&r->c, r->out);
    for (int k = 0; k < g->n; k++) csv_str(&r->c, g->ax[k].name);
    for (int q = 0; q < nq; q++) csv_str(&r->c, queries[q]);
    csv_end(&r->c);
}

/* A value in a CSV field: a number at full precision, true/false and a
 * verdict 1 or 0, a name, a string as it is, a set as coop writes it;
 * empty where there is none (no dominant factor, a date never reached). */
static void csv_value(rep *r, const value_result *v)
{
    char b[32];
    switch (v->type) {
    case T_NUM: csv_num(&r->c, v->num); return;
    case T_BOOL: csv_int(&r->c, v->num != 0); return;
    case T_STR: csv_str(&r->c, world_str(r->w, (int)v->num)); return;
    case T_FACTOR: case T_ACTOR: case T_EVENT:
        if (v->num < 0) { csv_str(&r->c, NULL); return; }
        break;
    case T_DATE: csv_str(&r->c, isinf(v->num) ? NULL : tl_step_text(r->m, (int)v->num, b, sizeof b)); return;
    default: break;
    }
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    report_value_text(f, r->m, r->w, v);
    fclose(f);
    csv_str(&r->c, t);
    free(t);
}

void report_sweep_row(rep *r, const sweep_grid *g, long i, const char *const *queries, const sweep_cell *cells, int nq)
{
    long idx[64], *ip = g->n <= 64 ? idx : mem_alloc((size_t)g->n * sizeof *ip);
    sweep_index(g, i, ip);
    if (r->as_json) {
        json *j = &r->j;
        json_init(j, r->out);
        json_obj(j);
        for (int k = 0; k < g->n; k++) {
            json_key(j, g->ax[k].name);
            json_axis_value(j, &g->ax[k], ip[k]);
        }
        for (int q = 0; q < nq; q++) {
            json_key(j, queries[q]);
            json_value_of(r, &cells[q].v);
        }
        json_end_obj(j);
    } else {
        csv_init(&r->c, r->out);
        for (int k = 0; k < g->n; k++) {
            const sweep_axis *ax = &g->ax[k];
            double v = sweep_value(ax, ip[k]);
            if (ax->type == T_BOOL) csv_int(&r->c, v != 0);
            else csv_num(&r->c, v);
        }
        for (int q = 0; q < nq; q++) csv_value(r, &cells[q].v);
        csv_end(&r->c);
    }
    if (ip != idx) free(ip);
}

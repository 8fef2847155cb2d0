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

static char *axis_cell(arena *a, const sweep_axis *ax, long i)
{
    char b[64];
    if (ax->type == T_BOOL) return arena_strdup(a, ax->v[i] != 0 ? "true" : "false");
    fmt_num(b, sizeof b, ax->v[i]);
    return arena_strdup(a, b);
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

static void sweep_text(rep *r, const sweep_info *sw, const char *text, const sweep_cell *cells, long n)
{
    const sweep_grid *g = &sw->g;
    int expect = sw->st->k == S_EXPECT, cols = g->n + 1;
    arena a;
    arena_init(&a);
    char **head = arena_alloc(&a, (size_t)cols * sizeof *head), **row = arena_alloc(&a, (size_t)cols * sizeof *row);
    int *w = arena_alloc(&a, (size_t)cols * sizeof *w), *right = arena_alloc(&a, (size_t)cols * sizeof *right);
    for (int k = 0; k < g->n; k++) {
        head[k] = (char *)g->ax[k].name;
        right[k] = g->ax[k].type == T_NUM;
    }
    head[g->n] = (char *)text;
    right[g->n] = !expect && cells[0].v.type == T_NUM;
    for (int k = 0; k < cols; k++) w[k] = report_widen(0, head[k], 0);
    char ***rows = arena_alloc(&a, (size_t)n * sizeof *rows);
    long *idx = arena_alloc(&a, (size_t)g->n * sizeof *idx), held = 0;
    for (long i = 0; i < n; i++) {
        rows[i] = arena_alloc(&a, (size_t)cols * sizeof **rows);
        sweep_index(g, i, idx);
        for (int k = 0; k < g->n; k++) rows[i][k] = axis_cell(&a, &g->ax[k], idx[k]);
        rows[i][g->n] = value_cell(&a, r, &cells[i], expect);
        for (int k = 0; k < cols; k++) w[k] = report_widen(w[k], rows[i][k], 0);
        held += cells[i].passed;
    }
    fputs("sweep ", r->out);
    for (int k = 0; k < g->n; k++) fprintf(r->out, "%s%s", k ? ", " : "", g->ax[k].name);
    fprintf(r->out, ": %ld point%s\n", n, n == 1 ? "" : "s");
    for (int k = 0; k < cols; k++) row[k] = head[k];
    text_row(r->out, row, w, right, cols);
    for (long i = 0; i < n; i++) text_row(r->out, rows[i], w, right, cols);
    if (expect) fprintf(r->out, "  %ld of %ld point%s hold%s\n", held, n, n == 1 ? "" : "s", n == 1 && held ? "s" : "");
    arena_free(&a);
}

/* ---- JSON ---- */

static void json_axis_value(json *j, const sweep_axis *ax, long i)
{
    if (ax->type == T_BOOL) json_bool(j, ax->v[i] != 0);
    else json_num(j, ax->v[i]);
}

static void sweep_json(rep *r, const sweep_info *sw, const char *text, const sweep_cell *cells, long n)
{
    const sweep_grid *g = &sw->g;
    int expect = sw->st->k == S_EXPECT;
    json *j = &r->j;
    json_init(j, r->out);
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
    json_kstr(j, "statement", text);
    long held = 0, idx[64], *ip = g->n <= 64 ? idx : mem_alloc((size_t)g->n * sizeof *ip);
    json_key(j, "points");
    json_arr(j);
    for (long i = 0; i < n; i++) {
        json_obj(j);
        json_key(j, "values");
        json_arr(j);
        sweep_index(g, i, ip);
        for (int k = 0; k < g->n; k++) json_axis_value(j, &g->ax[k], ip[k]);
        json_end_arr(j);
        if (expect) {
            json_kbool(j, "passed", cells[i].passed);
            json_kstr(j, "got", cells[i].got ? cells[i].got : "");
            held += cells[i].passed;
        } else {
            const value_result *v = &cells[i].v;
            json_key(j, "value");
            json_value_of(r, v);
            if (v->type == T_BOOL && v->rule >= 0 && v->has_score) json_knum(j, "score", v->score);
        }
        json_end_obj(j);
    }
    json_end_arr(j);
    if (expect) {
        json_kint(j, "passed", held);
        json_kint(j, "failed", n - held);
    }
    json_end_obj(j);
    if (ip != idx) free(ip);
}

/* --format csv: a table of its own, its records coop sweep's. */
static void sweep_csv(rep *r, const sweep_info *sw, const char *text, const sweep_cell *cells, long n)
{
    report_csv_table(r);
    report_sweep_header(r, &sw->g, &text, 1);
    for (long i = 0; i < n; i++) report_sweep_row(r, &sw->g, i, &text, &cells[i], 1);
}

void report_sweep(rep *r, const sweep_info *sw, const char *text, const sweep_cell *cells, long n)
{
    if (r->as_json) sweep_json(r, sw, text, cells, n);
    else if (r->as_csv) sweep_csv(r, sw, text, cells, n);
    else sweep_text(r, sw, text, cells, n);
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
            if (ax->type == T_BOOL) csv_int(&r->c, ax->v[ip[k]] != 0);
            else csv_num(&r->c, ax->v[ip[k]]);
        }
        for (int q = 0; q < nq; q++) csv_value(r, &cells[q].v);
        csv_end(&r->c);
    }
    if (ip != idx) free(ip);
}

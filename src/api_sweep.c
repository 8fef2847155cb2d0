/*
 * api_sweep.c - the public entry points for sweeps (coop sweep): axes read
 * from -p specs and queries from --query texts, resolved as a script's
 * sweep and expressions are; each point decided (run_sweep.c) and written
 * as a record (report_sweep.c); the first line of a shard's output.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "report.h"
#include "resolve.h"
#include "run.h"
#include "script.h"
#include "slip.h"
#include "sweep.h"
#include "workers.h"

struct coop_sweep {
    const coop_script *s;
    arena mem;
    coop_world *w;          /* the world it starts from: a copy, in which
                               queries number their new symbols */
    coop_format format;
    coop_options opt;
    VEC(sweep_axis) axes;
    sweep_grid g;
    int axes_given, queries_given; /* -p and --query given so far (said as their numbers) */
    VEC(stmt) q;            /* the queries, resolved */
    VEC(const char *) qtext;
    VEC(const char *) qcol; /* their columns' names (sweep_column), named again after an axis */
    VEC(const source *) parts; /* the script's sources, then the queries' */
    source joined;
    int next_line;          /* the first line of the joined space no source has */
    sweeper *run;           /* made at the first point */
    sweep_cell *cells;
};

/* The lines of src's text. */
static int lines_of(const source *src)
{
    int n = 1;
    for (size_t i = 0; i < src->len; i++) n += src->text[i] == '\n';
    return n;
}

coop_sweep *coop_sweep_new(const coop_script *s, const coop_world *w, coop_format format, const coop_options *opt)
{
    if (!s || (w && w->m != &s->m)) return NULL;
    coop_sweep *sw = mem_calloc(1, sizeof *sw);
    sw->s = s;
    arena_init(&sw->mem);
    sw->w = world_clone(w ? w : s->w);
    sw->format = format == COOP_FORMAT_JSON ? COOP_FORMAT_JSON : COOP_FORMAT_CSV;
    if (opt) {
        sw->opt.seed = opt->seed;
        sw->opt.interrupt = opt->interrupt;
    }
    sw->g.points = 1;
    /* the queries' sources follow the script's in one line space, so
     * that a runtime error says where it was, in the model or a query */
    if (s->src.nparts)
        for (int i = 0; i < s->src.nparts; i++) vec_push(sw->parts, s->src.parts[i]);
    else
        vec_push(sw->parts, &s->src);
    for (size_t i = 0; i < sw->parts.n; i++) {
        int end = sw->parts.v[i]->line0 + lines_of(sw->parts.v[i]);
        if (end > sw->next_line) sw->next_line = end;
    }
    return sw;
}

static void drop_run(coop_sweep *sw)
{
    sweep_cells_free(sw->cells, (long)sw->q.n);
    free(sw->cells);
    sw->cells = NULL;
    sweeper_free(sw->run);
    sw->run = NULL;
}

void coop_sweep_free(coop_sweep *sw)
{
    if (!sw) return;
    drop_run(sw);
    vec_free(sw->axes);
    vec_free(sw->q);
    vec_free(sw->qtext);
    vec_free(sw->qcol);
    vec_free(sw->parts);
    world_free(sw->w);
    arena_free(&sw->mem);
    free(sw);
}

/* ---- axes ---- */

/* Names the queries' columns (sweep_column) after the axes given so far. */
static void name_columns(coop_sweep *sw)
{
    sw->qcol.n = 0;
    for (size_t q = 0; q < sw->qtext.n; q++)
        vec_push(sw->qcol, sweep_column(&sw->mem, sw->axes.v, (int)sw->axes.n, sw->qtext.v[q]));
}

/* The column of byte `off` of text: its characters before it, plus one. */
static int column(const char *text, size_t off)
{
    int c = 1;
    for (size_t i = 0; i < off; i++) c += ((unsigned char)text[i] & 0xC0) != 0x80;
    return c;
}

/* A value of a spec, text[from, to) of src: a number (25% is 0.25) or
 * true/false, as the literal a script would write; NULL after saying why. */
static expr *spec_value(coop_sweep *sw, const source *src, size_t from, size_t to, coop_diags *d)
{
    const char *t = src->text;
    while (from < to && isspace((unsigned char)t[from])) from++;
    while (to > from && isspace((unsigned char)t[to - 1])) to--;
    coop_loc l = {src->line0 + 1, column(t, from), src->line0 + 1, column(t, to)};
    if (from == to) {
        l.end_col = l.col + 1;
        diag_at(d, src, l, COOP_ERROR, "a value is missing here");
        return NULL;
    }
    char *v = arena_strndup(&sw->mem, t + from, to - from);
    if (!strcmp(v, "true") || !strcmp(v, "false")) {
        expr *e = ast_expr(&sw->mem, X_BOOL, l);
        e->u.num = v[0] == 't';
        return e;
    }
    double x;
    const char *why = NULL;
    int r = coop_number_read(v, &x, &why);
    if (r <= 0) {
        if (r < 0) diag_at(d, src, l, COOP_ERROR, "'%s' is %s", v, why);
        else diag_at(d, src, l, COOP_ERROR, "'%s' is not a number or true/false", v);
        return NULL;
    }
    expr *e = ast_expr(&sw->mem, X_NUM, l);
    e->u.num = x;
    return e;
}

/* t[from, to) written with decimal commas (0,1:0,5:0,1 or 0,4), as a range
 * A:B:S (colons) or one value, with its points, into buf[n]; else NULL. */
static const char *decimal_commas(const char *t, size_t from, size_t to, int colons, char *buf, size_t n)
{
    size_t k = 0;
    int said = 0;
    for (int part = 0; part <= colons; part++) {
        size_t end = from;
        while (end < to && t[end] != ':') end++;
        char p[64], fix[64];
        if (end - from >= sizeof p) return NULL;
        memcpy(p, t + from, end - from);
        p[end - from] = 0;
        const char *v = strchr(p, ',') ? slip_decimal_comma(p, fix, sizeof fix) : p;
        if (!v) return NULL;
        said |= v == fix;
        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "%s%s", part ? ":" : "", v);
        from = end + 1;
    }
    return said && k < n ? buf : NULL;
}

/* The values of spec src (after its '=' at byte eq) into def: a range
 * A:B:S, or a list V1,V2,...; 0, or -1 after saying why. */
static int spec_values(coop_sweep *sw, const source *src, size_t eq, sweepdef *def, coop_diags *d)
{
    const char *t = src->text;
    size_t from = eq + 1, n = src->len;
    VEC(size_t) cut = {0}; /* the separators' bytes */
    int colons = 0, commas = 0;
    for (size_t i = from; i < n; i++)
        if (t[i] == ':' || t[i] == ',') {
            vec_push(cut, i);
            colons += t[i] == ':';
            commas += t[i] == ',';
        }
    vec_push(cut, n);
    int bad = 0;
    char fix[160];
    if (colons && (commas || colons != 2)) {
        coop_loc l = {src->line0 + 1, column(t, from), src->line0 + 1, column(t, n)};
        const char *said = colons == 2 ? decimal_commas(t, from, n, colons, fix, sizeof fix) : NULL;
        diag_at(d, src, l, COOP_ERROR, "a range is A:B:S (from A to B step S), and a list V1,V2,...; this is "
                "neither%s%s", said ? ": decimal comma? write " : "", said ? said : "");
        bad = 1;
    } else {
        if (commas == 1 && decimal_commas(t, from, n, 0, fix, sizeof fix)) { /* 0,4: said if a value is refused */
            const char *point = strchr(fix, '.');
            int dec = (int)strspn(point + 1, "0123456789");
            double next = strtod(fix, NULL) + pow(10, -dec); /* the next value, in the decimals written */
            def->slip = arena_printf(&sw->mem, "decimal comma? write %s (a list is written %s,%.*f%s)", fix, fix, dec,
                                     next, point + 1 + dec);
        }
        expr **v = arena_alloc(&sw->mem, cut.n * sizeof *v);
        for (size_t k = 0, at = from; k < cut.n; at = cut.v[k++] + 1)
            if (!(v[k] = spec_value(sw, src, at, cut.v[k], d))) bad = 1;
        if (colons) {
            def->from = v[0];
            def->to = v[1];
            def->step = v[2];
        } else {
            def->v = v;
            def->n = (int)cut.n;
        }
    }
    vec_free(cut);
    return bad ? -1 : 0;
}

int coop_sweep_axis(coop_sweep *sw, const char *spec, coop_diags *d)
{
    if (!sw || !spec) return -1;
    drop_run(sw);
    source *src = arena_alloc(&sw->mem, sizeof *src);
    src->name = "-p";
    src->text = arena_strdup(&sw->mem, spec);
    src->len = strlen(spec);
    src->shift = sw->axes_given++; /* shown as the axis's number */
    const char *eq = strchr(spec, '=');
    if (!eq) {
        coop_loc l = {1, 1, 1, column(spec, src->len)};
        diag_at(d, src, l, COOP_ERROR, "an axis is TARGET=A:B:S (from A to B step S) or TARGET=V1,V2,...; this "
                "has no '='");
        return -1;
    }
    /* the target is parsed alone (what follows '=' is no script), at the
     * columns it has in the spec */
    source head = *src;
    head.len = (size_t)(eq - spec);
    head.text = arena_strndup(&sw->mem, spec, head.len);
    program p = {0};
    if (parse_input(&head, IN_AXIS, &sw->mem, d, &p) < 0 || p.n != 1) return -1;
    sweepdef *def = &p.v[0]->u.sweep.ax[0];
    if (spec_values(sw, src, head.len, def, d) < 0) return -1;
    sweep_axis ax;
    if (resolve_sweep_axis(&sw->s->m, sw->w, src, &sw->mem, def, &ax, d) < 0) return -1;
    for (size_t i = 0; i < sw->axes.n; i++)
        if (!strcmp(sw->axes.v[i].name, ax.name)) {
            diag_at(d, src, def->target.loc, COOP_ERROR, "%s is swept twice; give it one axis with all its values",
                    ax.name);
            return -1;
        }
    long points = sw->g.points;
    if (points > COOP_SWEEP_MAX_POINTS / ax.n) {
        coop_loc l = {1, 1, 1, column(spec, src->len)};
        diag_at(d, src, l, COOP_ERROR, "with this axis the sweep has %.0f points, more than the limit of %ld "
                "(COOP_SWEEP_MAX_POINTS); sweep fewer values: a larger step, fewer axes",
                (double)points * (double)ax.n, (long)COOP_SWEEP_MAX_POINTS);
        return -1;
    }
    vec_push(sw->axes, ax);
    sw->g.ax = sw->axes.v;
    sw->g.n = (int)sw->axes.n;
    sw->g.points = points * ax.n;
    name_columns(sw);
    return 0;
}

/* ---- queries ---- */

int coop_sweep_query(coop_sweep *sw, const char *text, coop_diags *d)
{
    if (!sw || !text) return -1;
    drop_run(sw);
    source *src = arena_alloc(&sw->mem, sizeof *src);
    src->name = "--query";
    src->text = arena_strdup(&sw->mem, text);
    src->len = strlen(text);
    src->line0 = sw->next_line;
    src->shift = sw->queries_given++; /* shown as the query's number */
    program p = {0};
    if (parse_input(src, IN_VALUE, &sw->mem, d, &p) < 0 || p.n != 1) return -1;
    for (size_t i = 0; i < sw->qtext.n; i++)
        if (!strcmp(sw->qtext.v[i], text)) { /* a column each */
            coop_loc l = {src->line0 + 1, 1, src->line0 + 1, column(text, src->len)};
            diag_at(d, src, l, COOP_ERROR, "this query is given twice (queries %zu and %d); give it once", i + 1,
                    sw->queries_given);
            return -1;
        }
    vec_push(sw->parts, src);
    sw->joined.name = sw->s->src.name;
    sw->joined.parts = sw->parts.v;
    sw->joined.nparts = (int)sw->parts.n;
    stmt *st;
    int *given = arena_alloc(&sw->mem, (2 * sw->axes.n + 1) * sizeof *given); /* what every point sets */
    int ngiven = sweep_given(sw->axes.v, (int)sw->axes.n, given);
    if (resolve_stmts(&sw->s->m, sw->w, &sw->joined, &sw->mem, p.v, 1, given, ngiven, &st, d) != 1) {
        sw->parts.n--;
        sw->joined.nparts--;
        return -1;
    }
    sw->next_line += lines_of(src);
    vec_push(sw->q, *st);
    vec_push(sw->qtext, src->text);
    name_columns(sw);
    return 0;
}

long coop_sweep_points(const coop_sweep *sw) { return sw ? sw->g.points : -1; }

double coop_sweep_work(const coop_sweep *sw, long n)
{
    return sw ? sweep_work(&sw->s->m, &sw->g, sw->q.v, (int)sw->q.n) * (double)n : 0;
}

/* ---- records ---- */

static void rep_of(const coop_sweep *sw, rep *r, FILE *out)
{
    memset(r, 0, sizeof *r);
    r->out = out;
    r->as_json = sw->format == COOP_FORMAT_JSON;
    r->m = &sw->s->m;
    r->w = sw->w;
}

void coop_sweep_header(const coop_sweep *sw, FILE *out)
{
    rep r;
    rep_of(sw, &r, out);
    report_sweep_header(&r, &sw->g, sw->qcol.v, (int)sw->q.n);
}

/* Made at the first point: the sweep's points in one copy of its world. */
static void start(coop_sweep *sw)
{
    if (sw->run) return;
    run_env env = {&sw->s->m, sw->w, &sw->joined, 0, NULL, 0, 0};
    sw->joined.name = sw->s->src.name;
    sw->joined.parts = sw->parts.v;
    sw->joined.nparts = (int)sw->parts.n;
    sw->run = sweeper_new(&env, &sw->g, sw->q.v, (int)sw->q.n, &sw->opt);
    sw->cells = mem_calloc(sw->q.n + 1, sizeof *sw->cells);
}

int coop_sweep_point(coop_sweep *sw, long i, FILE *out, coop_diags *d)
{
    if (!sw || i < 0 || i >= sw->g.points) return -1;
    start(sw);
    int rc = sweeper_point(sw->run, i, sw->cells, d);
    if (rc == 0) {
        rep r;
        rep_of(sw, &r, out);
        report_sweep_row(&r, &sw->g, i, sw->qcol.v, sw->cells, (int)sw->q.n);
    } else if (rc == -1) {
        char *with = sweep_point_text(&sw->g, i);
        coop_diags_add(d, COOP_NOTE, sw->s->src.name, 0, 0, "at point %ld of the sweep: %s", i, with);
        free(with);
    }
    sweep_cells_free(sw->cells, (long)sw->q.n);
    memset(sw->cells, 0, sw->q.n * sizeof *sw->cells);
    return rc;
}

/* coop_sweep_run's points: the k-th is point first + k * step. */
typedef struct points {
    coop_sweep *sw;
    long first, step;
    FILE *out;
    void (*progress)(void *ctx);
    void *ctx;
    coop_diags *d;
} points;

static int point_make(void *ctx, long k, FILE *f)
{
    points *p = ctx;
    return coop_sweep_point(p->sw, p->first + k * p->step, f, p->d);
}

static void point_take(void *ctx, long k, const char *b, size_t len)
{
    points *p = ctx;
    (void)k;
    fwrite(b, 1, len, p->out);
    if (p->progress) p->progress(p->ctx);
}

int coop_sweep_run(coop_sweep *sw, long first, long step, long n, int jobs, FILE *out, void (*progress)(void *ctx),
                   void *ctx, coop_diags *d)
{
    if (!sw || !out || first < 0 || step < 1 || n < 0 || (n > 0 && first + (n - 1) * step >= sw->g.points)) return -1;
    start(sw); /* before the workers: what it works out once, they share */
    points p = {sw, first, step, out, progress, ctx, d};
    workers w = {n, jobs, point_make, point_take, &p, sw->opt.interrupt};
    long at;
    int rc, err;
    switch (workers_run(&w, &at, &rc, &err)) {
    case WORKERS_DONE: return 0;
    case WORKERS_FAILED: return rc == -2 ? -2 : -1;
    case WORKERS_STOPPED: return -2;
    case WORKERS_LOST: break;
    }
    if (err) coop_diags_add(d, COOP_ERROR, NULL, 0, 0, "cannot start a worker process: %s; -j 1 decides the points in "
                            "this one", strerror(err));
    else coop_diags_add(d, COOP_ERROR, NULL, 0, 0, "a worker process ended before point %ld (killed, or out of memory?)",
                        first + at * step);
    return -1;
}

/* ---- shards ---- */

/* Fingerprints: of the model (its text, the parameters' values it starts
 * from), of the grid (each axis's target and values), of the queries and
 * the seed. */
static void fingerprints(const coop_sweep *sw, uint64_t *of_model, uint64_t *grid, uint64_t *queries)
{
    *of_model = *grid = *queries = 0;
    for (size_t i = 0; i < sw->parts.n; i++) {
        const source *p = sw->parts.v[i];
        if (p->name && !strcmp(p->name, "--query")) continue;
        *of_model = sweep_hash(*of_model, p->text, p->len);
    }
    /* and the parameters it starts from (coop sweep -D) */
    *of_model = sweep_hash(*of_model, sw->w->param, (size_t)sw->w->nparams * sizeof *sw->w->param);
    for (int k = 0; k < sw->g.n; k++) {
        const sweep_axis *ax = &sw->g.ax[k];
        *grid = sweep_hash(*grid, ax->name, strlen(ax->name) + 1);
        for (long i = 0; i < ax->n; i++) { /* (as the bytes of the values one after another) */
            double v = sweep_value(ax, i);
            *grid = sweep_hash(*grid, &v, sizeof v);
        }
    }
    for (size_t q = 0; q < sw->q.n; q++) *queries = sweep_hash(*queries, sw->qtext.v[q], strlen(sw->qtext.v[q]) + 1);
    uint64_t seed = sw->opt.seed ? sw->opt.seed : COOP_SHAPLEY_SEED;
    *queries = sweep_hash(*queries, &seed, sizeof seed);
}

void coop_sweep_shard_header(const coop_sweep *sw, long k, long n, FILE *out)
{
    uint64_t hm, hg, hq;
    fingerprints(sw, &hm, &hg, &hq);
    const char *file = sw->s->src.name ? sw->s->src.name : "";
    if (sw->format == COOP_FORMAT_JSON) {
        json j;
        char b[3][24];
        snprintf(b[0], sizeof b[0], "%016llx", (unsigned long long)hm);
        snprintf(b[1], sizeof b[1], "%016llx", (unsigned long long)hg);
        snprintf(b[2], sizeof b[2], "%016llx", (unsigned long long)hq);
        json_init(&j, out);
        json_typed(&j, "sweep_shard");
        json_kint(&j, "shard", k);
        json_kint(&j, "of", n);
        json_kint(&j, "points", sw->g.points);
        json_kstr(&j, "grid", b[1]);
        json_kstr(&j, "queries", b[2]);
        json_kstr(&j, "model", b[0]);
        json_kstr(&j, "file", file);
        json_end_obj(&j);
        return;
    }
    fprintf(out, "# coop sweep shard %ld/%ld of %ld points; grid %016llx; queries %016llx; model %016llx ", k, n,
            sw->g.points, (unsigned long long)hg, (unsigned long long)hq, (unsigned long long)hm);
    for (const char *c = file; *c; c++) fputc(*c == '\n' || *c == '\r' ? '?' : *c, out);
    fputc('\n', out);
}

/* report_grid.c - verdicts and values per period (grid.h) as text, JSON and
 * CSV: show R by PERIOD, show world(a).  docs/language.md ("Verdicts per
 * period", "JSON", "CSV") says each field. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "fmt.h"
#include "grid.h"
#include "report.h"
#include "timeline.h"
#include "utf8.h"

/* The text forms fit this many columns where they can: a grid wider than
 * it is folded, a period a line (a year of months, a decade of years). */
#define GRID_COLUMNS 80

static const char *actor(const model *m, int a) { return m->actors[a].name; }

/* Period i of those shown, as written (2014, 2014-Q3, 2014-08). */
static const char *label(const grid *g, int i, char buf[16])
{
    return date_text(period_date(&g->ps, g->p1 + i), buf, 16);
}

void report_spans(FILE *out, const span_ask *a, int n, const char *verb, const char *never)
{
    char b1[32], b2[32];
    int any = 0;
    for (int k = 0; k < n; k++) {
        if (!a->on(a->ctx, k)) continue;
        int j = k;
        while (j + 1 < n && a->on(a->ctx, j + 1)) j++;
        a->label(a->ctx, k, b1);
        if (k == 0 && j == n - 1) fprintf(out, "%s throughout", verb);
        else if (j == n - 1) fprintf(out, "%s%sfrom %s", any ? ", " : verb, any ? "" : " ", b1);
        else if (j == k) fprintf(out, "%s%s%s", any ? ", " : verb, any ? "" : " at ", b1);
        else fprintf(out, "%s%s%s .. %s", any ? ", " : verb, any ? "" : " ", b1, a->label(a->ctx, j, b2));
        any = 1;
        k = j;
    }
    if (!any) fputs(never, out);
}

void json_spans(json *j, const span_ask *a, int n)
{
    char b[32];
    json_arr(j);
    for (int k = 0; k < n; k++) {
        if (!a->on(a->ctx, k) || (k > 0 && a->on(a->ctx, k - 1))) continue;
        int e = k;
        while (e + 1 < n && a->on(a->ctx, e + 1)) e++;
        json_arr(j);
        json_str(j, a->label(a->ctx, k, b));
        json_str(j, a->label(a->ctx, e, b));
        json_end_arr(j);
    }
    json_end_arr(j);
}

/* A row's bits, for report_spans and json_spans: row t of g's bits. */
typedef struct row_bits {
    const grid *g;
    const uint64_t *bits;
    long t;
} row_bits;

static int row_on(const void *ctx, int i)
{
    const row_bits *x = ctx;
    return grid_bit(x->g, x->bits, x->t, i);
}

static const char *row_label(const void *ctx, int i, char buf[32])
{
    return label(((const row_bits *)ctx)->g, i, buf);
}

/* Writes the periods whose bit is set in row t: "forms from 2015", a
 * bid's "wins at 2013, from 2015", "never forms". */
static void spans(FILE *out, const grid *g, const uint64_t *bits, long t, const char *verb, const char *never)
{
    row_bits x = {g, bits, t};
    span_ask a = {row_on, row_label, &x};
    report_spans(out, &a, g->np, verb, never);
}

/* ---- show R by PERIOD: text ---- */

/* A cell's mark: # forms (a bid: wins), + a bid eligible, . neither. */
static char mark(const grid *g, long t, int i)
{
    if (grid_bit(g, g->wins, t, i)) return '#';
    if (grid_bit(g, g->forms, t, i)) return g->tender ? '+' : '#';
    return '.';
}

/* The verdict of a row as period i ends, in words. */
static const char *verdict_word(const grid *g, long t, int i)
{
    if (!g->tender) return grid_bit(g, g->forms, t, i) ? "forms" : "does not form";
    return grid_bit(g, g->wins, t, i) ? "wins" : grid_bit(g, g->forms, t, i) ? "eligible" : "not eligible";
}

/* When row t forms ("forms from 2015"), or a bid wins. */
static void row_spans(FILE *out, const grid *g, long t)
{
    if (g->tender) spans(out, g, g->wins, t, "wins", "never wins");
    else spans(out, g, g->forms, t, "forms", "never forms");
}

/* "show R(g: K, ...) by PERIOD" (a tender's "show T by ...", one tuple's
 * "show R(a, b) by ..."), and the periods shown when not all of them. */
static void heading(rep *r, const grid *g)
{
    char a[16], b[16];
    const rule_info *ru = &g->m->rules[g->rule];
    fputs("show ", r->out);
    if (g->one) report_tuple(r->out, g->m, g->rule, g->tuples);
    else if (ru->tender) fputs(ru->name, r->out);
    else report_params(r->out, g->m, g->rule);
    fprintf(r->out, " by %s", date_unit_name(g->ps.unit));
    if (g->p1 > 0 || g->p1 + g->np < g->ps.n) fprintf(r->out, ", %s .. %s", label(g, 0, a), label(g, g->np - 1, b));
}

/* `show R(a, b) by PERIOD`: a row per period, its verdict and score. */
static void text_one(rep *r, const grid *g)
{
    const rule_info *ru = &g->m->rules[g->rule];
    char b[16], s[32];
    heading(r, g);
    fputs(": ", r->out);
    if (g->tender) {
        spans(r->out, g, g->forms, 0, "eligible", "never eligible");
        fputs("; ", r->out);
    }
    row_spans(r->out, g, 0);
    fputc('\n', r->out);
    const char *unit = date_unit_name(g->ps.unit);
    int w = utf8_width(unit), vw = g->tender ? 12 : 13;
    for (int i = 0; i < g->np; i++) w = report_widen(w, label(g, i, b), 0);
    fputs("  ", r->out);
    report_pad(r->out, unit, w);
    fputs("  ", r->out);
    if (ru->score) {
        report_pad(r->out, g->tender ? "bid" : "verdict", vw);
        report_lpad(r->out, "score", 9);
    } else
        fputs(g->tender ? "bid" : "verdict", r->out);
    fputc('\n', r->out);
    for (int i = 0; i < g->np; i++) {
        fputs("  ", r->out);
        report_pad(r->out, label(g, i, b), w);
        fputs("  ", r->out);
        if (!ru->score) {
            fprintf(r->out, "%s\n", verdict_word(g, 0, i));
            continue;
        }
        report_pad(r->out, verdict_word(g, 0, i), vw);
        if (isnan(g->score[i])) snprintf(s, sizeof s, "-");
        else fmt_fixed(s, sizeof s, g->score[i]);
        report_lpad(r->out, s, report_widen(9, s, 1));
        fputc('\n', r->out);
    }
}

/* How a grid too wide for a line is folded: a line per group of periods
 * (a decade of years, a year of quarters or months, a month of days), a
 * column per place in the group. */
typedef struct fold {
    const char *head;   /* the groups' column */
    int places, cw;     /* places in a group; a cell's width */
} fold;

static fold fold_of(date_unit u)
{
    static const fold folds[] = {{"decade", 10, 3}, {"year", 4, 3}, {"year", 12, 3}, {"month", 31, 2}};
    return folds[u];
}

/* Period date d's group (a number that changes from one group to the
 * next), its label, and its place in it. */
static int group_of(date d, char lab[16], int *place)
{
    switch (d.unit) {
    case DATE_YEAR: snprintf(lab, 16, "%ds", d.y / 10 * 10); *place = d.y % 10; return d.y / 10;
    case DATE_QUARTER: snprintf(lab, 16, "%04d", d.y); *place = (d.m - 1) / 3; return d.y;
    case DATE_MONTH: snprintf(lab, 16, "%04d", d.y); *place = d.m - 1; return d.y;
    default: snprintf(lab, 16, "%04d-%02d", d.y, d.m); *place = d.d - 1; return d.y * 12 + d.m - 1;
    }
}

/* A place's head: 0 .. 9 (of a decade), Q1 .. Q4, 01 .. 12; a day's two
 * digits, one a line (line 0: its tens, blank below 10). */
static void place_head(date_unit u, int p, int line, char buf[4])
{
    p %= 31; /* (a place: 0 .. 30) */
    if (u == DATE_YEAR) snprintf(buf, 4, "%d", p % 10);
    else if (u == DATE_QUARTER) snprintf(buf, 4, "Q%d", p % 4 + 1);
    else if (u == DATE_MONTH) snprintf(buf, 4, "%02d", p % 12 + 1);
    else if (line == 0) snprintf(buf, 4, "%c", p + 1 >= 10 ? '0' + (p + 1) / 10 : ' ');
    else snprintf(buf, 4, "%d", (p + 1) % 10);
}

/* The tuples' columns of row t (blank when t < 0), each `w[p]` wide. */
static void tuple_cells(rep *r, const grid *g, const int *w, long t)
{
    for (int p = 0; p < g->arity; p++) {
        fputs("  ", r->out);
        report_pad(r->out, t < 0 ? "" : actor(g->m, g->tuples[t * g->arity + p]), w[p]);
    }
}

/* The grid folded: a line per group, the tuple named on its first. */
static void text_folded(rep *r, const grid *g, const int *w)
{
    const rule_info *ru = &g->m->rules[g->rule];
    fold f = fold_of(g->ps.unit);
    char lab[16], h[4];
    int gw = utf8_width(f.head);
    for (int i = 0; i < g->np; i++) {
        int place;
        group_of(period_date(&g->ps, g->p1 + i), lab, &place);
        gw = report_widen(gw, lab, 0);
    }
    for (int line = g->ps.unit == DATE_DAY ? 0 : 1; line < 2; line++) {
        for (int p = 0; p < g->arity; p++) {
            fputs("  ", r->out);
            report_pad(r->out, line ? ru->pnames[p] : "", w[p]);
        }
        fputs("  ", r->out);
        report_pad(r->out, line ? f.head : "", gw + 1);
        for (int p = 0; p < f.places; p++) {
            place_head(g->ps.unit, p, line, h);
            report_lpad(r->out, h, f.cw);
        }
        fputc('\n', r->out);
    }
    for (long t = 0; t < g->nt; t++) {
        int at = -1, first = 1;
        for (int i = 0; i < g->np; i++) {
            int place, grp = group_of(period_date(&g->ps, g->p1 + i), lab, &place);
            if (grp != at || i == 0) {
                if (!first) fputc('\n', r->out);
                tuple_cells(r, g, w, first ? t : -1);
                fputs("  ", r->out);
                report_pad(r->out, lab, gw + 1);
                for (int p = 0; p < place; p++) report_lpad(r->out, "", f.cw);
                at = grp;
                first = 0;
            }
            fprintf(r->out, "%*c", f.cw, mark(g, t, i));
        }
        fputc('\n', r->out);
        tuple_cells(r, g, w, -1);
        fputs("  ", r->out);
        row_spans(r->out, g, t);
        fputc('\n', r->out);
    }
}

/* The closing line: how many form as the last period ends, and how many
 * rows flip; a tender's winner then, and how often it changes. */
static void text_tail(rep *r, const grid *g)
{
    char a[16], b[16];
    int last = g->np - 1;
    label(g, last, a);
    if (g->tender) {
        int changes = 0;
        for (int i = 1; i < g->np; i++) changes += g->winner[i] != g->winner[i - 1];
        fprintf(r->out, "  at %s: ", a);
        if (g->winner[last] >= 0) fprintf(r->out, "%s wins", actor(g->m, g->tuples[g->winner[last]]));
        else fprintf(r->out, "no bid wins (%s)", g->status[last] == TS_NO_BIDS ? "no bids"
                                                   : tender_status_name((tender_status)g->status[last]));
        fprintf(r->out, ", %ld of %ld bid%s eligible", g->formed[last], g->nt, g->nt == 1 ? "" : "s");
        if (g->np == 1) fputc('\n', r->out);
        else if (!changes) fprintf(r->out, "; the winner is the same from %s to %s\n", label(g, 0, b), a);
        else
            fprintf(r->out, "; the winner changes %d time%s from %s to %s\n", changes, changes == 1 ? "" : "s",
                    label(g, 0, b), a);
        return;
    }
    long flips = 0;
    for (long t = 0; t < g->nt; t++)
        for (int i = 1; i < g->np; i++)
            if (grid_bit(g, g->forms, t, i) != grid_bit(g, g->forms, t, i - 1)) {
                flips++;
                break;
            }
    fprintf(r->out, "  at %s: %ld of %ld tuple%s form%s", a, g->formed[last], g->nt, g->nt == 1 ? "" : "s",
            g->nt == 1 ? "s" : "");
    if (g->np == 1) fputc('\n', r->out);
    else if (!flips) fprintf(r->out, "; none flips from %s to %s\n", label(g, 0, b), a);
    else fprintf(r->out, "; %ld flip%s from %s to %s\n", flips, flips == 1 ? "s" : "", label(g, 0, b), a);
}

static void text_grid(rep *r, const grid *g)
{
    const rule_info *ru = &g->m->rules[g->rule];
    if (g->one) {
        text_one(r, g);
        return;
    }
    heading(r, g);
    if (ru->tender) fputc('\n', r->out);
    else report_range_heading(r->out, ru, ": ");
    char b[16];
    label(g, 0, b);
    int lw = utf8_width(b); /* every label of a unit is as wide */
    fprintf(r->out, "  %s, as each %s ends\n",
            g->tender ? "# wins, + eligible, . not eligible" : "# forms, . does not", date_unit_name(g->ps.unit));
    if (!g->nt) {
        fprintf(r->out, "  no %s\n", g->tender ? "bids" : "tuples: too few distinct actors match the parameters");
        return;
    }
    int w[COOP_MAX_PARAMS], width = 0;
    for (int p = 0; p < g->arity; p++) {
        w[p] = utf8_width(ru->pnames[p]);
        for (long t = 0; t < g->nt; t++) w[p] = report_widen(w[p], actor(g->m, g->tuples[t * g->arity + p]), 0);
        width += 2 + w[p];
    }
    if (width + g->np * (lw + 2) + 2 + 5 > GRID_COLUMNS) text_folded(r, g, w);
    else {
        for (int p = 0; p < g->arity; p++) {
            fputs("  ", r->out);
            report_pad(r->out, ru->pnames[p], w[p]);
        }
        for (int i = 0; i < g->np; i++) fprintf(r->out, "  %s", label(g, i, b));
        fputc('\n', r->out);
        for (long t = 0; t < g->nt; t++) {
            tuple_cells(r, g, w, t);
            for (int i = 0; i < g->np; i++) fprintf(r->out, "  %*c", lw, mark(g, t, i));
            fputs("  ", r->out);
            row_spans(r->out, g, t);
            fputc('\n', r->out);
        }
    }
    text_tail(r, g);
}

/* ---- show R by PERIOD: JSON and CSV ---- */

int report_grid_streams(const rep *r) { return r->as_csv; }

void report_grid_begin(rep *r, const grid *g)
{
    if (!r->as_csv) return;
    const rule_info *ru = &g->m->rules[g->rule];
    report_csv_table(r);
    csv_str(&r->c, "period");
    for (int p = 0; p < g->arity; p++) csv_str(&r->c, ru->pnames[p]);
    csv_str(&r->c, "verdict");
    csv_str(&r->c, "score");
    if (g->tender) csv_str(&r->c, "wins");
    csv_end(&r->c);
}

void report_grid_period(rep *r, const grid *g, int i)
{
    if (!r->as_json) return;
    const rule_info *ru = &g->m->rules[g->rule];
    char b[16], day[32];
    json_init(&r->j, r->out);
    json_typed(&r->j, "show_period");
    json_kstr(&r->j, "rule", ru->name);
    json_kstr(&r->j, "by", date_unit_name(g->ps.unit));
    json_kstr(&r->j, "period", label(g, i, b));
    json_kstr(&r->j, "at", tl_step_text(g->m, period_last_step(&g->ps, g->p1 + i), day, sizeof day));
    if (g->one) return;
    json_key(&r->j, "params");
    json_arr(&r->j);
    for (int p = 0; p < g->arity; p++) json_str(&r->j, ru->pnames[p]);
    json_end_arr(&r->j);
    if (!g->tender) json_same_kind(r, ru);
    json_key(&r->j, "rows");
    json_arr(&r->j);
}

/* A row's fields: its actors, verdict (a bid's eligibility), score (null
 * without one), a bid's `wins`. */
static void json_cell(rep *r, const grid *g, const int *tuple, int forms, double score, int wins)
{
    json_key(&r->j, "tuple");
    json_arr(&r->j);
    for (int p = 0; p < g->arity; p++) json_str(&r->j, actor(g->m, tuple[p]));
    json_end_arr(&r->j);
    json_kbool(&r->j, "forms", forms);
    json_knum(&r->j, "score", g->m->rules[g->rule].score ? score : NAN);
    if (g->tender) json_kbool(&r->j, "wins", wins);
}

void report_grid_row(rep *r, const grid *g, int i, const int *tuple, int forms, double score, int wins)
{
    char b[16];
    if (r->as_json) {
        if (!g->one) json_obj(&r->j);
        json_cell(r, g, tuple, forms, score, wins);
        if (!g->one) json_end_obj(&r->j);
    } else if (r->as_csv) {
        csv_str(&r->c, label(g, i, b));
        for (int p = 0; p < g->arity; p++) csv_str(&r->c, actor(g->m, tuple[p]));
        csv_int(&r->c, forms);
        csv_num(&r->c, g->m->rules[g->rule].score ? score : NAN);
        if (g->tender) csv_int(&r->c, wins);
        csv_end(&r->c);
    }
}

void report_grid_period_end(rep *r, const grid *g, int i)
{
    if (!r->as_json) return;
    if (!g->one) {
        json_end_arr(&r->j);
        json_kint(&r->j, "formed", g->formed[i]);
        json_kint(&r->j, "total", g->nt);
        if (g->tender) {
            json_kstr(&r->j, "status", tender_status_name((tender_status)g->status[i]));
            json_kstr(&r->j, "winner", g->winner[i] >= 0 ? actor(g->m, g->tuples[g->winner[i]]) : NULL);
        }
    }
    json_end_obj(&r->j);
}

void report_grid_abort(rep *r, const grid *g, const char *why)
{
    if (!r->as_json) return;
    if (!g->one) json_end_arr(&r->j);
    json_kstr(&r->j, "error", why);
    json_end_obj(&r->j);
}

/* "KEY": the spans of row t's bits, each [first, last] period. */
static void json_row_spans(rep *r, const grid *g, const char *key, const uint64_t *bits, long t)
{
    row_bits x = {g, bits, t};
    span_ask a = {row_on, row_label, &x};
    json_key(&r->j, key);
    json_spans(&r->j, &a, g->np);
}

void report_grid_end(rep *r, const grid *g)
{
    if (r->as_csv) return;
    if (!r->as_json) {
        text_grid(r, g);
        return;
    }
    char b[16];
    json_init(&r->j, r->out);
    json_typed(&r->j, "show_by");
    json_kstr(&r->j, "rule", g->m->rules[g->rule].name);
    json_kstr(&r->j, "by", date_unit_name(g->ps.unit));
    json_key(&r->j, "periods");
    json_arr(&r->j);
    for (int i = 0; i < g->np; i++) json_str(&r->j, label(g, i, b));
    json_end_arr(&r->j);
    json_key(&r->j, "rows");
    json_arr(&r->j);
    for (long t = 0; t < g->nt; t++) {
        json_obj(&r->j);
        json_key(&r->j, "tuple");
        json_arr(&r->j);
        for (int p = 0; p < g->arity; p++) json_str(&r->j, actor(g->m, g->tuples[t * g->arity + p]));
        json_end_arr(&r->j);
        json_row_spans(r, g, "forms_in", g->forms, t);
        if (g->tender) json_row_spans(r, g, "wins_in", g->wins, t);
        json_end_obj(&r->j);
    }
    json_end_arr(&r->j);
    json_end_obj(&r->j);
}

/* ---- show world(a) ---- */

/* Value v as column i holds it. */
static value_result world_cell(const world_grid *g, int v, int i)
{
    size_t c = (size_t)v * (size_t)g->np + (size_t)i;
    value_result x;
    memset(&x, 0, sizeof x);
    x.type = g->v[v].type;
    x.num = g->num[c];
    x.rule = -1;
    x.bits = g->bits ? g->bits + c * (size_t)g->words : NULL;
    x.nwords = g->words;
    return x;
}

/* Value v's name: an attribute's ("publicity"), a bid's field's
 * ("bid(care, emil).price"), a relation value's ("trust(bureau, emil)"). */
static char *world_name(const world_grid *g, int v)
{
    char *t = NULL;
    size_t n = 0;
    FILE *f = mem_stream(&t, &n);
    const world_value *x = &g->v[v];
    change_target_of(f, g->m, x->is_rel, g->actor, x->attr, x->rel, x->args, 1);
    fclose(f);
    return t;
}

/* Value v in column i as coop writes it; `table`: a number with at most
 * four decimals; else (CSV's) a string without its quotes. */
static char *world_text(const world_grid *g, int v, int i, int table)
{
    char *t = NULL;
    size_t n = 0;
    FILE *f = mem_stream(&t, &n);
    value_result x = world_cell(g, v, i);
    if (!table && x.type == T_STR) fputs(world_str(g->w, (int)x.num), f);
    else if (table && x.type == T_NUM) {
        char buf[32];
        fmt_short(buf, sizeof buf, x.num);
        fputs(buf, f);
    } else
        report_value_text(f, g->m, g->w, &x);
    fclose(f);
    return t;
}

/* The label of column i: its period, or the step read. */
static const char *world_label(const world_grid *g, int i, char buf[16])
{
    if (g->by >= 0) return date_text(period_date(&g->ps, g->p1 + i), buf, 16);
    return g->at;
}

/* A table's cell, w wide: a number's on the right, another's on the left
 * (the last of a line unpadded). */
static void cell_text(rep *r, const char *t, int w, int number, int last)
{
    if (number) report_lpad(r->out, t, w);
    else if (last) fputs(t, r->out);
    else report_pad(r->out, t, w);
}

/* The values that change, a column each, a row per period; folded into
 * blocks of columns that fit GRID_COLUMNS (each block at least one). */
static void world_table(rep *r, const world_grid *g, char **vn)
{
    char b[16];
    const char *unit = date_unit_name(g->ps.unit);
    int lw = utf8_width(unit), n = 0;
    for (int i = 0; i < g->np; i++) lw = report_widen(lw, world_label(g, i, b), 0);
    int *col = mem_alloc(((size_t)g->nv + 1) * sizeof *col), *w = mem_alloc(((size_t)g->nv + 1) * sizeof *w);
    for (int v = 0; v < g->nv; v++) {
        if (!g->v[v].changes) continue;
        col[n] = v;
        w[n] = utf8_width(vn[v]);
        for (int i = 0; i < g->np; i++) {
            char *t = world_text(g, v, i, 1);
            w[n] = report_widen(w[n], t, 0);
            free(t);
        }
        n++;
    }
    for (int c0 = 0, c1; c0 < n; c0 = c1) {
        int width = 2 + lw + 2 + w[c0];
        for (c1 = c0 + 1; c1 < n && width + 2 + w[c1] <= GRID_COLUMNS; c1++) width += 2 + w[c1];
        fputs("  ", r->out);
        report_pad(r->out, unit, lw);
        for (int c = c0; c < c1; c++) {
            fputs("  ", r->out);
            cell_text(r, vn[col[c]], w[c], g->v[col[c]].type == T_NUM, c == c1 - 1);
        }
        fputc('\n', r->out);
        for (int i = 0; i < g->np; i++) {
            fputs("  ", r->out);
            report_pad(r->out, world_label(g, i, b), lw);
            for (int c = c0; c < c1; c++) {
                char *t = world_text(g, col[c], i, 1);
                fputs("  ", r->out);
                cell_text(r, t, w[c], g->v[col[c]].type == T_NUM, c == c1 - 1);
                free(t);
            }
            fputc('\n', r->out);
        }
    }
    free(col);
    free(w);
}

static void world_text_form(rep *r, const world_grid *g, char **vn)
{
    char a[16], b[16];
    fprintf(r->out, "show world(%s)", actor(g->m, g->actor));
    if (g->by >= 0) {
        fprintf(r->out, " by %s", date_unit_name(g->ps.unit));
        if (g->p1 > 0 || g->p1 + g->np < g->ps.n)
            fprintf(r->out, ", %s .. %s", world_label(g, 0, a), world_label(g, g->np - 1, b));
    } else
        report_at(r, r->out);
    fputc('\n', r->out);
    if (!g->nv) {
        fprintf(r->out, "  no values: %s has no attribute, and no relation value is set for it\n",
                actor(g->m, g->actor));
        return;
    }
    int changing = 0, nw = 0;
    for (int v = 0; v < g->nv; v++) changing += g->v[v].changes;
    if (g->by < 0) { /* one step: every value, a line each */
        for (int v = 0; v < g->nv; v++) nw = report_widen(nw, vn[v], 0);
        for (int v = 0; v < g->nv; v++) {
            char *t = world_text(g, v, 0, 1);
            fputs("  ", r->out);
            report_pad(r->out, vn[v], nw);
            fprintf(r->out, "  %s\n", t);
            free(t);
        }
        return;
    }
    if (changing) world_table(r, g, vn);
    else fprintf(r->out, "  nothing changes from %s to %s\n", world_label(g, 0, a), world_label(g, g->np - 1, b));
    if (changing == g->nv) return;
    fprintf(r->out, "  the same in every %s:", date_unit_name(g->ps.unit));
    for (int v = 0, n = 0; v < g->nv; v++)
        if (!g->v[v].changes) {
            char *t = world_text(g, v, 0, 1);
            fprintf(r->out, "%s %s = %s", n++ ? "," : "", vn[v], t);
            free(t);
        }
    fputc('\n', r->out);
}

static void world_json(rep *r, const world_grid *g, char **vn)
{
    char b[16];
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "world");
    json_kstr(j, "actor", actor(g->m, g->actor));
    json_kstr(j, "by", g->by >= 0 ? date_unit_name(g->ps.unit) : NULL);
    json_key(j, "periods");
    json_arr(j);
    for (int i = 0; i < g->np; i++) json_str(j, world_label(g, i, b));
    json_end_arr(j);
    json_key(j, "values");
    json_arr(j);
    for (int v = 0; v < g->nv; v++) {
        json_obj(j);
        json_kstr(j, "value", vn[v]);
        json_kbool(j, "changes", g->v[v].changes);
        json_key(j, "series");
        json_arr(j);
        for (int i = 0; i < g->np; i++) {
            value_result x = world_cell(g, v, i);
            json_value_of(r, &x);
        }
        json_end_arr(j);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_end_obj(j);
}

/* A record per column and value: period, actor, value, number (a number,
 * true/false as 1/0; empty for a string or a set), text (as coop writes
 * it). */
static void world_csv(rep *r, const world_grid *g, char **vn)
{
    char b[16];
    report_csv_table(r);
    static const char *const head[] = {"period", "actor", "value", "number", "text"};
    for (size_t k = 0; k < sizeof head / sizeof head[0]; k++) csv_str(&r->c, head[k]);
    csv_end(&r->c);
    for (int i = 0; i < g->np; i++)
        for (int v = 0; v < g->nv; v++) {
            value_result x = world_cell(g, v, i);
            csv_str(&r->c, world_label(g, i, b));
            csv_str(&r->c, actor(g->m, g->actor));
            csv_str(&r->c, vn[v]);
            csv_num(&r->c, x.type == T_NUM || x.type == T_BOOL ? x.num : NAN);
            char *t = world_text(g, v, i, 0);
            csv_str(&r->c, t);
            free(t);
            csv_end(&r->c);
        }
}

void report_world(rep *r, const world_grid *g)
{
    char **vn = mem_calloc((size_t)g->nv + 1, sizeof *vn);
    for (int v = 0; v < g->nv; v++) vn[v] = world_name(g, v);
    if (r->as_json) world_json(r, g, vn);
    else if (r->as_csv) world_csv(r, g, vn);
    else world_text_form(r, g, vn);
    for (int v = 0; v < g->nv; v++) free(vn[v]);
    free(vn);
}

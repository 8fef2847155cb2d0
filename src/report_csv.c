/* report_csv.c - `show R`, `dominance R` and `show params` as CSV (docs/language.md,
 * "CSV"): tidy tables, one header record, one value a field, numbers in
 * full (csv.h), a verdict or a yes/no as 1 or 0, nothing when there is
 * none. */
#include <math.h>

#include "report.h"

void report_csv_table(rep *r)
{
    csv_init(&r->c, r->out);
    if (r->tables++) fputc('\n', r->out);
}

/* The header's first fields: the rule's parameters, verdict, score. */
static void tuple_head(rep *r, const rule_info *ru)
{
    report_csv_table(r);
    for (int p = 0; p < ru->np; p++) csv_str(&r->c, ru->pnames[p]);
    csv_str(&r->c, "verdict");
    csv_str(&r->c, "score");
}

/* A record's first fields: the tuple's actors, its verdict and score. */
static void tuple_fields(rep *r, const rule_info *ru, const int *tuple, int verdict, double score)
{
    for (int p = 0; p < ru->np; p++) csv_str(&r->c, r->m->actors[tuple[p]].name);
    csv_int(&r->c, verdict);
    csv_num(&r->c, ru->score ? score : NAN);
}

/* show R: a record per tuple, each factor's effective value a field. */
void report_csv_show_head(rep *r, int rule)
{
    const rule_info *ru = &r->m->rules[rule];
    tuple_head(r, ru);
    for (int i = 0; i < ru->nf; i++) csv_str(&r->c, ru->f[i].name);
    csv_end(&r->c);
}

void report_csv_show_row(rep *r, int rule, const show_row *row)
{
    const rule_info *ru = &r->m->rules[rule];
    tuple_fields(r, ru, row->tuple, row->verdict, row->score);
    for (int i = 0; i < ru->nf; i++) csv_num(&r->c, row->effective[i]);
    csv_end(&r->c);
}

/* dominance R: a record per tuple and factor, in the order of the
 * factors' declaration: its rank by |shapley|, what the values are of,
 * the value and its standard error (0 when exact), its share of the sum
 * of |shapley| (none when that is 0), the factor's own value, baseline,
 * and whether it is pivotal. */
void report_csv_dominance_head(rep *r, int rule)
{
    static const char *const head[] = {"factor", "rank", "of", "shapley", "stderr", "share", "own", "baseline",
                                       "pivotal"};
    tuple_head(r, &r->m->rules[rule]);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) csv_str(&r->c, head[i]);
    csv_end(&r->c);
}

void report_csv_dominance(rep *r, const dominance_result *d)
{
    const rule_info *ru = &r->m->rules[d->rule];
    int rank[COOP_MAX_FACTORS];
    double abssum = 0;
    for (int j = 0; j < ru->nf; j++) {
        rank[d->order[j]] = j + 1;
        abssum += fabs(d->phi[j]);
    }
    for (int i = 0; i < ru->nf; i++) {
        tuple_fields(r, ru, d->tuple, d->verdict, d->score);
        csv_str(&r->c, ru->f[i].name);
        csv_int(&r->c, rank[i]);
        csv_str(&r->c, d->of == OF_SCORE ? "score" : "verdict");
        csv_num(&r->c, d->phi[i]);
        csv_num(&r->c, d->exact ? 0 : d->se[i]);
        csv_num(&r->c, abssum > 0 ? fabs(d->phi[i]) / abssum : NAN);
        csv_num(&r->c, d->own[i]);
        csv_num(&r->c, ru->f[i].baseline);
        csv_int(&r->c, d->pivotal[i]);
        csv_end(&r->c);
    }
}

/* show params: a record per parameter, in the order of declaration: its
 * value in the world shown, its declared value, its range's ends (none
 * when it has no range) and its label; true/false as 1 or 0. */
void report_csv_params(rep *r, const coop_world *w)
{
    static const char *const head[] = {"parameter", "value", "declared", "lo", "hi", "label"};
    const model *m = r->m;
    report_csv_table(r);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) csv_str(&r->c, head[i]);
    csv_end(&r->c);
    for (int p = 0; p < m->nparams; p++) {
        const param_info *pi = &m->params[p];
        csv_str(&r->c, pi->name);
        csv_num(&r->c, w->param[p]);
        csv_num(&r->c, pi->value);
        csv_num(&r->c, pi->lo);
        csv_num(&r->c, pi->hi);
        csv_str(&r->c, pi->label);
        csv_end(&r->c);
    }
}

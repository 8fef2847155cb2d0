/* report_flip.c - the smallest change that flips a verdict (flip.h), as
 * people and programs read it: `flip R(a, b) [to ...] [by ...]` in text
 * and JSON, its heading saying which way.
 * The fields are documented in docs/language.md ("JSON") and the meaning
 * in docs/analysis.md. */
#include "flip.h"
#include "fmt.h"
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const range_from[] = {"declared", "data", "true/false"};

/* What a fn writes, as a string of the result's arena. */
static char *text_of(flip_result *x, void (*fn)(FILE *, const model *, const flip_result *, int), const model *m,
                     int i)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    fn(f, m, x, i);
    fclose(f);
    char *s = arena_strdup(&x->mem, t);
    free(t);
    return s;
}

static void target_of(FILE *f, const model *m, const flip_result *x, int i) { flip_target(f, m, &x->in[i]); }

/* "emil.publicity = 0.72" */
static void change_of(FILE *f, const model *m, const flip_result *x, int i)
{
    flip_target(f, m, &x->in[i]);
    fputs(" = ", f);
    flip_value(f, &x->in[i], x->to[i]);
}

/* "what if a.x = 1, trust(a, b) = 0.5" */
static void whatif_of(FILE *f, const model *m, const flip_result *x, int unused)
{
    (void)unused;
    fputs("what if", f);
    for (int i = 0, k = 0; i < x->nin; i++)
        if (x->to[i] != x->in[i].now) {
            fputs(k++ ? ", " : " ", f);
            change_of(f, m, x, i);
        }
}

/* "0.3 .. 0.9" */
static void range_text(char *buf, size_t n, const flip_input *in)
{
    char lo[32], hi[32];
    fmt_num(lo, sizeof lo, in->lo);
    fmt_num(hi, sizeof hi, in->hi);
    snprintf(buf, n, "%s .. %s", lo, hi);
}

static void json_input(json *j, const flip_input *in, double v)
{
    if (in->boolean) json_bool(j, v != 0);
    else json_num(j, v);
}

static void json_flip(rep *r, flip_result *x)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[x->rule];
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "flip");
    json_kstr(j, "rule", ru->name);
    json_key(j, "tuple");
    json_arr(j);
    for (int i = 0; i < (ru->tender ? 1 : ru->np); i++) json_str(j, m->actors[x->tuple[i]].name);
    json_end_arr(j);
    json_kbool(j, "forms", x->before);
    json_key(j, "score");
    if (x->has_score) json_num(j, x->score_before);
    else json_null(j);
    json_kstr(j, "to", x->want ? "form" : "fail");
    json_kbool(j, "already", x->already);
    json_kbool(j, "flips", x->found);
    json_key(j, "changes");
    json_arr(j);
    for (int i = 0; i < x->nin && x->found; i++) {
        if (x->to[i] == x->in[i].now) continue;
        json_obj(j);
        json_kstr(j, "target", text_of(x, target_of, m, i));
        json_key(j, "value");
        json_input(j, &x->in[i], x->to[i]);
        json_key(j, "was");
        json_input(j, &x->in[i], x->in[i].now);
        json_knum(j, "share", x->share[i]);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_key(j, "forms_after");
    if (x->found) json_bool(j, x->after);
    else json_null(j);
    json_key(j, "score_after");
    if (x->found && x->has_score) json_num(j, x->score_after);
    else json_null(j);
    json_key(j, "count");
    if (x->found) json_int(j, x->count);
    else json_null(j);
    json_key(j, "cost");
    if (x->found) json_num(j, x->cost);
    else json_null(j);
    json_kstr(j, "what_if", x->found && !x->already ? text_of(x, whatif_of, m, 0) : NULL);
    json_kstr(j, "method", x->already ? NULL : x->exact ? "exact" : "search");
    json_kint(j, "programmes", x->lps);
    json_kint(j, "closed_form", x->closed);
    json_kint(j, "evaluations", x->evaluations);
    json_kint(j, "unconfirmed", x->unverified);
    json_kstr(j, "why_search", x->why_search);
    json_key(j, "left_out");
    json_arr(j);
    for (int i = 0; i < x->nleft; i++) json_str(j, x->left[i]);
    json_end_arr(j);
    json_key(j, "inputs");
    json_arr(j);
    for (int i = 0; i < x->nin + x->nfixed; i++) {
        const flip_input *in = &x->in[i];
        json_obj(j);
        json_kstr(j, "target", text_of(x, target_of, m, i));
        json_key(j, "value");
        if (in->fixed && strcmp(in->fixed, "a range of no width") != 0) json_null(j);
        else json_input(j, in, in->now);
        if (in->fixed) json_kstr(j, "fixed", in->fixed);
        else {
            json_knum(j, "lo", in->lo);
            json_knum(j, "hi", in->hi);
            json_kstr(j, "range", range_from[in->from]);
        }
        json_end_obj(j);
    }
    json_end_arr(j);
    json_end_obj(j);
}

/* "  free: a.x 0 .. 1 (declared), ..." */
static void free_inputs(FILE *out, const model *m, flip_result *x)
{
    fputs("  free:", out);
    for (int i = 0; i < x->nin; i++) {
        char rg[80];
        range_text(rg, sizeof rg, &x->in[i]);
        fprintf(out, "%s%s %s (%s)", i ? ", " : " ", text_of(x, target_of, m, i), rg, range_from[x->in[i].from]);
    }
    fputc('\n', out);
}

static const char *plural(long n) { return n == 1 ? "" : "s"; }

int report_flip_method(FILE *out, const model *m, flip_result *x)
{
    if (x->already) return 0;
    if (!x->exact) {
        fprintf(out, "search (seeded, %ld evaluations) over %d input%s: may not be the smallest; %s", x->evaluations,
                x->nin, plural(x->nin), x->why_search);
        return 1;
    }
    if (x->nin == 0) return 0;
    fputs("exact: ", out);
    if (x->lps) fprintf(out, "%ld linear programme%s", x->lps, plural(x->lps));
    if (x->lps && x->closed) fputs(" and ", out);
    if (x->closed) fprintf(out, "%ld closed-form check%s", x->closed, plural(x->closed));
    if (x->lps || x->closed) fprintf(out, " over %d input%s%s", x->nin, plural(x->nin),
                                     x->lps ? "" : ", no linear programme needed");
    else { /* no polytope: the verdict asked for, worked out over them, is out of reach */
        const rule_info *ru = &m->rules[x->rule];
        fprintf(out, "%s whatever ", ru->tender ? (x->before ? "its requirements are met"
                                                             : "its requirements cannot all be met")
                                                : (x->before ? "forms when holds" : "forms when cannot hold"));
        if (x->nin == 1) fprintf(out, "%s is", text_of(x, target_of, m, 0));
        else fprintf(out, "the %d inputs are", x->nin);
        fputs(", so no linear programme was needed", out);
    }
    if (x->unverified)
        fprintf(out, "; %d cheaper solution%s the evaluator did not confirm at any margin", x->unverified,
                plural(x->unverified));
    return 1;
}

void report_flip_whatif(FILE *out, const model *m, const flip_result *x) { whatif_of(out, m, x, 0); }

void report_flip(rep *r, flip_result *x)
{
    if (r->as_json) {
        json_flip(r, x);
        return;
    }
    const model *m = r->m;
    const rule_info *ru = &m->rules[x->rule];
    FILE *out = r->out;
    char a[64], b[80];
    fputs("flip ", out);
    report_tuple(out, m, x->rule, x->tuple);
    fprintf(out, " %s: %s", ru->tender ? (x->want ? "to be eligible" : "to be ineligible")
                                       : (x->want ? "to form" : "to stop forming"), report_verdict(ru, x->before));
    if (x->has_score && !isnan(x->score_before)) { /* a bid with no eligible bid to score against has none */
        fmt_fixed(a, sizeof a, x->score_before);
        fprintf(out, ", score %s", a);
    }
    fputc('\n', out);
    if (x->already) {
        fprintf(out, "  %s %s already: nothing to change\n", ru->tender ? "the bid is" : "it",
                report_verdict(ru, x->before));
        return;
    }
    if (x->found) {
        fmt_fixed(a, sizeof a, x->cost);
        fprintf(out, x->exact ? "  the smallest change that makes it %s: %d value%s, %s of %s range%s\n"
                              : "  a change that makes it %s (searched: may not be the smallest): %d value%s, %s of "
                                "%s range%s\n",
                ru->tender ? (x->before ? "ineligible" : "eligible") : (x->before ? "not form" : "form"), x->count,
                x->count == 1 ? "" : "s", a, x->count == 1 ? "its" : "their", x->count == 1 ? "" : "s in all");
        int w = 0;
        for (int i = 0; i < x->nin; i++) {
            if (x->to[i] == x->in[i].now) continue;
            int l = (int)strlen(text_of(x, change_of, m, i));
            fmt_num(a, sizeof a, x->in[i].now);
            l += (int)strlen(x->in[i].boolean ? (x->in[i].now != 0 ? "true" : "false") : a) + 7;
            if (l > w) w = l;
        }
        for (int i = 0; i < x->nin; i++) {
            const flip_input *in = &x->in[i];
            if (x->to[i] == in->now) continue;
            char *c = NULL;
            size_t len = 0;
            FILE *f = mem_stream(&c, &len);
            fprintf(f, "%s (was ", text_of(x, change_of, m, i));
            flip_value(f, in, in->now);
            fputc(')', f);
            fclose(f);
            fputs("    ", out);
            report_pad(out, c, w);
            free(c);
            fmt_fixed(a, sizeof a, x->share[i]);
            range_text(b, sizeof b, in);
            fprintf(out, "  %s of its range %s (%s)\n", a, b, range_from[in->from]);
        }
        fprintf(out, "  after it: %s", x->after < 0 ? "a runtime error" : report_verdict(ru, x->after));
        if (x->has_score && x->after >= 0 && !isnan(x->score_after)) {
            fmt_fixed(a, sizeof a, x->score_after);
            fprintf(out, ", score %s", a);
        }
        fputc('\n', out);
    } else if (x->exact) {
        fputs(x->nin      ? "  no change within the ranges flips it\n"
              : x->nleft ? "  no value it reads of the tuple's actors can move, so no change of theirs flips it\n"
                         : "  no value it reads can move, so nothing flips it\n",
              out);
        if (x->nin) free_inputs(out, m, x);
    } else {
        fprintf(out, "  the search found no change that flips it in %ld evaluations; one may still exist\n",
                x->evaluations);
        free_inputs(out, m, x);
    }
    char *how = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&how, &len);
    int said = report_flip_method(f, m, x);
    fclose(f);
    if (said) fprintf(out, "  %s\n", how);
    free(how);
    if (x->nfixed) {
        fputs("  cannot move:", out);
        for (int i = x->nin; i < x->nin + x->nfixed; i++)
            fprintf(out, "%s%s (%s)", i > x->nin ? ", " : " ", text_of(x, target_of, m, i), x->in[i].fixed);
        fputc('\n', out);
    }
    if (!x->found && x->nleft) {
        fputs("  left out: ", out);
        report_flip_left(out, x);
        fputc('\n', out);
    }
    if (x->found) fprintf(out, "  %s\n", text_of(x, whatif_of, m, 0));
}

int report_flip_left(FILE *out, const flip_result *x)
{
    for (int i = 0; i < x->nleft; i++) fprintf(out, "%s%s", i ? "; " : "", x->left[i]);
    return x->nleft > 0;
}

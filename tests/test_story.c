/* test_story.c - a tuple's story over a timeline (story.h), against brute
 * force: every tuple decided again at every step.  What a rule reads
 * (its deps) must never miss a change: each step at which a tuple's own
 * values or verdict move is one the story lists, and each step it lists
 * changed a value the tuple reads.  The flips a span counts, and the
 * last flip and the one before it that why finds, are those of the
 * verdicts step by step. */
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "script.h"
#include "story.h"

/* Parameters' attributes and relations (one read by both orders of a
 * same-kind pair), an aggregate over every NPO, a set, triggers (on and
 * while), values written that no rule reads, a value clamped by its range
 * (written, not changed). */
static const char *const model_text =
    "timeline 2010 .. 2021 by year\n"
    "actor g1 : government { budget = 5 }\n"
    "actor g2 : government { budget = 3 }\n"
    "actor n1 : npo { publicity = 0.2  staff = 4  tags = {a}  note = 0 }\n"
    "actor n2 : npo { publicity = 0.5  staff = 2  tags = {b}  note = 0 }\n"
    "actor n3 : npo { publicity = 0.9  staff = 7  tags = {a, b}  note = 0 }\n"
    "relation trust(government, npo) default 0.3 range 0 .. 1\n"
    "relation known(npo, npo) default 0\n"
    "trust(g1, n3) = 0.95\n"
    "event e1 every 2 year from 2011 { trust(g1, n1) += 0.1  n2.staff += 1 }\n"
    "event e2 at 2013 { n3.publicity = 0.1 }\n"
    "event e3 every year from 2012 to 2016 { known(n1, n2) += 1 }\n"
    "event e4 at 2015 { g2.budget = 9  trust(g2, n3) -= 0.2 }\n"
    "event e5 on cooperation(g1, n1) { n1.tags += {c} }\n"
    "event e6 while n2.staff > 4 { trust(g1, n2) += 0.05 }\n"
    "event e7 at 2018 { n1.publicity = 0.9  n1.note = 1 }\n"
    "event e8 every year { trust(g1, n3) += 0.1  n3.note += 1 }\n"
    "event e9 at 2020 { n2.tags = {a} }\n"
    "partnership cooperation(g: government, n: npo) {\n"
    "  factor trust = trust(g, n)\n"
    "  factor pub = n.publicity\n"
    "  factor size = n.staff / 10\n"
    "  score = 0.5*trust + 0.3*pub + 0.2*size\n"
    "  forms when score >= 0.4\n"
    "}\n"
    "partnership share(g: government, n: npo) {\n"
    "  factor part = n.publicity / sum(x.publicity for x: npo)\n"
    "  factor money = g.budget\n"
    "  forms when part >= 0.3 and money > 4\n"
    "}\n"
    "partnership pair(a: npo, b: npo) {\n"
    "  factor k = known(a, b) + known(b, a)\n"
    "  factor t = overlap(a.tags, b.tags)\n"
    "  forms when k >= 2 or t > 0.5\n"
    "}\n";

/* The steps a story lists, into a bitmap. */
typedef struct listed {
    unsigned char at[64];
    int n;
} listed;

static void note_step(void *ctx, const story_step *st)
{
    listed *l = ctx;
    ck_assert_int_gt(st->ncells, 0); /* a listed step changed a value the tuple reads */
    ck_assert_int_lt(st->k, 64);
    l->at[st->k] = 1;
    l->n++;
}

/* The tuple decided at step k of the run (-1: declared): own values into
 * own[], the verdict returned. */
static int decide(query *q, int rule, const int *tuple, int k, double *own)
{
    query *qk = query_at(q, k);
    int v = query_tuple(qk, rule, tuple);
    ck_assert_int_ge(v, 0);
    const evaluator *e = query_ev(qk, rule);
    memcpy(own, e->own, (size_t)e->ru->nf * sizeof *own);
    return v;
}

/* Every tuple of every rule: the brute force's steps and verdicts, against
 * the story's. */
static void check_tuple(coop_script *s, tl_run *run, int rule, const int *tuple)
{
    const model *m = &s->m;
    int n = m->timeline->nsteps, nf = m->rules[rule].nf;
    double was[COOP_MAX_FACTORS], now[COOP_MAX_FACTORS];
    int verdict[64];
    unsigned char moved[64] = {0};
    query brute;
    query_init(&brute, m, run->cur, 0);
    brute.tl = run;
    int v0 = decide(&brute, rule, tuple, -1, was);
    for (int k = 0; k < n; k++) {
        verdict[k] = decide(&brute, rule, tuple, k, now);
        moved[k] = memcmp(was, now, (size_t)nf * sizeof *was) != 0 || verdict[k] != (k ? verdict[k - 1] : v0);
        memcpy(was, now, sizeof was);
    }
    query_free(&brute);

    query q;
    query_init(&q, m, run->cur, 0);
    q.tl = run;
    story st;
    listed l = {{0}, 0};
    story_init(&st, &q, rule, tuple);
    ck_assert_int_eq(story_start(&st, 0), 0);
    ck_assert_int_eq(story_span(&st, 0, n - 1, note_step, &l), 0);
    int flips = 0;
    for (int k = 0; k < n; k++) {
        ck_assert_msg(!moved[k] || l.at[k], "%s: step %d moved the tuple, and the story missed it",
                      m->rules[rule].name, k);
        flips += verdict[k] != (k ? verdict[k - 1] : v0);
    }
    ck_assert_int_eq(st.changed + st.quiet, n);
    ck_assert_int_eq(st.changed, l.n);
    ck_assert_int_eq(st.flips, flips);
    /* why at every step: the last flip from the first step on, and the one before */
    for (int at = 0; at < n; at++) {
        int flip = -1, since = 0;
        for (int k = 1; k <= at; k++)
            if (verdict[k] != verdict[k - 1]) {
                if (flip >= 0) since = flip;
                flip = k;
            }
        ck_assert_int_eq(story_why_at(&st, at), 0);
        ck_assert_int_eq(st.why.flip, flip);
        ck_assert_int_eq(st.why.since, since);
        ck_assert_int_eq(st.why.now.verdict, verdict[at]);
        for (int e = 0; e < st.why.nevents; e++) {
            const story_event *x = &st.why.events[e];
            ck_assert(x->first >= st.why.since && x->last <= st.why.until && x->times >= 1);
            ck_assert(e == 0 || st.why.events[e - 1].last >= x->last); /* the last to act first */
        }
    }
    story_free(&st);
    query_free(&q);
}

START_TEST(deps_miss_no_change)
{
    coop_diags *d;
    coop_script *s = load_ok(model_text, &d);
    const model *m = &s->m;
    tl_run run;
    ck_assert_int_eq(tl_run_model(&run, m, s->w, NULL, 1, NULL), 0);
    int tuples = 0;
    for (int r = 0; r < m->nrules; r++) {
        const rule_info *ru = &m->rules[r];
        int t[COOP_MAX_PARAMS];
        for (int i = 0; i < ru->ncand[0]; i++)
            for (int j = 0; j < ru->ncand[1]; j++) {
                t[0] = ru->cand[0][i];
                t[1] = ru->cand[1][j];
                if (t[0] == t[1] || (ru->order_after[1] >= 0 && t[1] <= t[0])) continue;
                check_tuple(s, &run, r, t);
                tuples++;
            }
    }
    ck_assert_int_eq(tuples, 6 + 6 + 3);
    tl_free(&run);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* What a tuple reads: a relation's reading names the tuple's actors at its
 * places; an aggregate reads every actor's value; a value at another
 * parameter's actor is not this tuple's. */
START_TEST(reads_by_deps)
{
    coop_diags *d;
    coop_script *s = load_ok(model_text, &d);
    const model *m = &s->m;
    int g1 = coop_actor_find(s, "g1"), n1 = coop_actor_find(s, "n1"), n2 = coop_actor_find(s, "n2"),
        n3 = coop_actor_find(s, "n3");
    int coop = -2 - names_get(&m->callables, "cooperation"), share = -2 - names_get(&m->callables, "share"),
        pair = -2 - names_get(&m->callables, "pair");
    int known = names_get(&m->callables, "known"), trust = names_get(&m->callables, "trust");
    int pub = names_get(&m->attr_idx, "publicity"), note = names_get(&m->attr_idx, "note");
    tl_write w = {0};
    int t[COOP_MAX_PARAMS] = {g1, n1};
    w.is_rel = 1;
    w.rel = trust;
    w.args[0] = g1;
    w.args[1] = n1;
    ck_assert(story_reads(m, coop, t, &w));
    w.args[1] = n2;
    ck_assert(!story_reads(m, coop, t, &w));
    w.is_rel = 0;
    w.attr = pub;
    w.actor = n2;
    ck_assert(!story_reads(m, coop, t, &w));
    ck_assert(story_reads(m, share, t, &w)); /* the sum reads every NPO's publicity */
    w.attr = note;
    ck_assert(!story_reads(m, share, t, &w));
    int p[COOP_MAX_PARAMS] = {n1, n2};
    w.is_rel = 1;
    w.rel = known;
    w.args[0] = n2; /* known(b, a) */
    w.args[1] = n1;
    ck_assert(story_reads(m, pair, p, &w));
    w.args[1] = n3;
    ck_assert(!story_reads(m, pair, p, &w));
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_story(void)
{
    Suite *s = suite_create("story");
    TCase *t = tcase_create("story");
    tcase_add_test(t, deps_miss_no_change);
    tcase_add_test(t, reads_by_deps);
    suite_add_tcase(s, t);
    return s;
}

/* test_world.c - worlds, changes, queries and differences through the
 * public API; the incremental differences against comparing every tuple;
 * the out-of-memory handler. */
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

#include "util.h"

#include "eval.h"
#include "mem.h"
#include "result.h"
#include "script.h"

static coop_script *flag(coop_diags **d) { return load_ok(flagship, d); }

START_TEST(values_read_and_set)
{
    coop_diags *d;
    coop_script *s = flag(&d);
    const coop_world *base = coop_script_world(s);
    coop_world *w = coop_world_clone(base);
    int ec = coop_actor_find(s, "elder_care"), ac = coop_actor_find(s, "acme");
    int cap = coop_attr_find(s, "capacity"), kf = coop_attr_find(s, "key_figure"), con = coop_attr_find(s, "concerns");
    double v = -1;
    ck_assert_int_eq(coop_attr_type(s, cap), COOP_VALUE_NUMBER);
    ck_assert_int_eq(coop_attr_type(s, kf), COOP_VALUE_BOOL);
    ck_assert_int_eq(coop_attr_type(s, con), COOP_VALUE_SET);
    ck_assert_int_eq(coop_attr_type(s, 99), COOP_VALUE_NONE);
    ck_assert_int_eq(coop_world_attr(w, ec, cap, &v, NULL), COOP_VALUE_NUMBER);
    ck_assert(v == 0.7);
    ck_assert_int_eq(coop_world_set_number(w, ec, cap, 0.25), 0);
    ck_assert_int_eq(coop_world_attr(w, ec, cap, &v, NULL), COOP_VALUE_NUMBER);
    ck_assert(v == 0.25);
    ck_assert_int_eq(coop_world_attr(base, ec, cap, &v, NULL), COOP_VALUE_NUMBER); /* the script's is untouched */
    ck_assert(v == 0.7);
    /* true/false takes 0 or 1; numbers that are not finite, bad indices and
     * other types are refused */
    ck_assert_int_eq(coop_world_set_number(w, ac, kf, 1), 0);
    ck_assert_int_eq(coop_world_set_number(w, ac, kf, 0.5), -1);
    ck_assert_int_eq(coop_world_set_number(w, ec, cap, NAN), -1);
    ck_assert_int_eq(coop_world_set_number(w, ec, cap, INFINITY), -1);
    ck_assert_int_eq(coop_world_set_number(w, 99, cap, 1), -1);
    ck_assert_int_eq(coop_world_set_number(w, ec, con, 1), -1);
    ck_assert_int_eq(coop_world_set_string(w, ec, cap, "x"), -1);
    ck_assert_int_eq(coop_world_set_members(w, ec, cap, NULL, 0), -1);
    /* members: known symbols and one no actor had */
    const char *m[8];
    ck_assert_int_eq(coop_world_members(w, ec, con, m, 8), 2);
    ck_assert_str_eq(m[0], "elderly");
    ck_assert_str_eq(m[1], "health");
    const char *add[] = {"sports", "health"};
    ck_assert_int_eq(coop_world_set_members(w, ec, con, add, 2), 0);
    ck_assert_int_eq(coop_world_members(w, ec, con, m, 1), 2); /* two, one of them written */
    ck_assert_int_eq(coop_world_members(w, ec, con, m, 8), 2);
    ck_assert_str_eq(m[0], "health");
    ck_assert_str_eq(m[1], "sports");
    ck_assert_int_eq(coop_world_members(w, ec, cap, m, 8), -1);
    /* relations: set, read, back to the default; kinds checked */
    int rel = coop_relation_find(s, "trust"), pair[2] = {ec, ac}, bad[2] = {ac, ec};
    ck_assert_int_eq(coop_relation_arity(s, rel), 2);
    ck_assert_int_eq(coop_relation_arity(s, 5), -1);
    ck_assert_int_eq(coop_world_relation(w, rel, pair, &v), 1);
    ck_assert(v == 0.6);
    ck_assert_int_eq(coop_world_set_relation(w, rel, pair, 0.1), 0);
    ck_assert_int_eq(coop_world_relation(w, rel, pair, &v), 1);
    ck_assert(v == 0.1);
    ck_assert_int_eq(coop_world_unset_relation(w, rel, pair), 0);
    ck_assert_int_eq(coop_world_relation(w, rel, pair, &v), 0);
    ck_assert(v == 0.3);
    ck_assert_int_eq(coop_world_relation(w, rel, bad, &v), -1);
    ck_assert_int_eq(coop_world_set_relation(w, rel, bad, 1), -1);
    ck_assert_int_eq(coop_world_unset_relation(w, 7, pair), -1);
    coop_world_free(w);
    coop_world_free(NULL);
    ck_assert_ptr_null(coop_world_clone(NULL));
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A string attribute and relations of true/false. */
START_TEST(strings_and_truths)
{
    coop_diags *d;
    coop_script *s = load("actor a : npo { motto = \"one\" } actor b : enterprise { motto = \"two\" }\n"
                          "relation ok(npo, enterprise) default false\n"
                          "partnership p(n: npo, e: enterprise) {\n"
                          "  factor same = n.motto == e.motto  factor k = ok(n, e)\n"
                          "  forms when same or k\n"
                          "}\n",
                          &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_world *w = coop_world_clone(coop_script_world(s));
    int a = 0, b = 1, motto = coop_attr_find(s, "motto"), ok = coop_relation_find(s, "ok"), t[2] = {a, b};
    const char *str = NULL;
    ck_assert_int_eq(coop_world_attr(w, a, motto, NULL, &str), COOP_VALUE_STRING);
    ck_assert_str_eq(str, "one");
    ck_assert_int_eq(rule_count(s, w, 0), 0);
    ck_assert_int_eq(coop_world_set_string(w, a, motto, "two"), 0);
    ck_assert_int_eq(rule_count(s, w, 0), 1);
    ck_assert_int_eq(coop_world_set_string(w, b, motto, "three"), 0); /* a string the model never had */
    ck_assert_int_eq(coop_world_attr(w, b, motto, NULL, &str), COOP_VALUE_STRING);
    ck_assert_str_eq(str, "three");
    ck_assert_int_eq(rule_count(s, w, 0), 0);
    ck_assert_int_eq(coop_world_set_relation(w, ok, t, 0.5), -1); /* true or false only */
    ck_assert_int_eq(coop_world_set_relation(w, ok, t, 1), 0);
    ck_assert_int_eq(rule_count(s, w, 0), 1);
    ck_assert_ptr_null(coop_change_relation(s, ok, t, '+', 1)); /* true/false is set, not added to */
    ck_assert_ptr_null(coop_change_relation(s, ok, t, '=', 0.5));
    coop_change *c = coop_change_relation(s, ok, t, '=', 0);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(coop_change_apply(c, w), 0);
    coop_change_free(c);
    ck_assert_ptr_null(coop_change_attr(s, a, motto, '=', 1)); /* a string is not set by number */
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(changes_apply_invert_print)
{
    coop_diags *d;
    coop_script *s = flag(&d);
    coop_world *w = coop_world_clone(coop_script_world(s));
    const char *texts[] = {"elder_care.capacity += 0.1", "acme.key_figure = true", "acme.concerns -= {health}",
                           "elder_care.concerns += {sports}", "trust(elder_care, acme) -= 0.25",
                           "elder_care.media = 1e-3 * 2"};
    const char *printed[] = {"elder_care.capacity += 0.1", "acme.key_figure = true", "acme.concerns -= {health}",
                             "elder_care.concerns += {sports}", "trust(elder_care, acme) -= 0.25",
                             "elder_care.media = 0.002"};
    for (int i = 0; i < 6; i++) {
        coop_change *c = coop_change_parse(s, "t", texts[i], strlen(texts[i]), d);
        ck_assert_msg(c != NULL, "%s: %s", texts[i], diag_text(d));
        ck_assert_str_eq(text_of(c), printed[i]);
        /* the inverse, made against the world before, undoes it exactly */
        coop_world *before = coop_world_clone(w);
        coop_change *inv = coop_change_inverse(c, before);
        ck_assert_int_eq(coop_change_apply(c, w), 0);
        coop_diff *x = coop_diff_new(s, before, w);
        ck_assert_int_gt(coop_diff_evaluated(x, 0), 0);
        coop_diff_free(x);
        ck_assert_int_eq(coop_change_apply(inv, w), 0);
        x = coop_diff_new(s, before, w);
        ck_assert_int_eq(coop_diff_rows(x, 0), 0);
        ck_assert_int_eq(coop_diff_evaluated(x, 0), 0); /* nothing differs: nothing evaluated */
        coop_diff_free(x);
        ck_assert_int_eq(coop_change_apply(c, w), 0); /* and again, to build on */
        coop_change_free(inv);
        coop_change_free(c);
        coop_world_free(before);
    }
    double v;
    ck_assert_int_eq(coop_world_attr(w, coop_actor_find(s, "elder_care"), coop_attr_find(s, "capacity"), &v, NULL),
                     COOP_VALUE_NUMBER);
    ck_assert_double_eq_tol(v, 0.8, 1e-12);
    /* an inverse of a value that was the default reads "= default" */
    coop_diags *d2;
    coop_script *s2 = load("actor a : npo { x = 1 } actor b : npo { y = 2 } relation r(npo, npo) default 0.5\n", &d2);
    coop_world *w2 = coop_world_clone(coop_script_world(s2));
    int rel = coop_relation_find(s2, "r"), t[2] = {0, 1};
    coop_change *c = coop_change_relation(s2, rel, t, '=', 0.9), *inv = coop_change_inverse(c, w2);
    ck_assert_str_eq(text_of(inv), "r(a, b) = default");
    ck_assert_int_eq(coop_change_apply(c, w2), 0);
    ck_assert_int_eq(coop_world_relation(w2, rel, t, &v), 1);
    ck_assert_int_eq(coop_change_apply(inv, w2), 0);
    ck_assert_int_eq(coop_world_relation(w2, rel, t, &v), 0);
    ck_assert(v == 0.5);
    coop_change_free(c);
    coop_change_free(inv);
    /* an attribute the actor lacked: its inverse unsets it */
    c = coop_change_attr(s2, 1, coop_attr_find(s2, "x"), '=', 5);
    inv = coop_change_inverse(c, w2);
    ck_assert_str_eq(text_of(inv), "b.x = unset");
    ck_assert_int_eq(coop_change_apply(c, w2), 0);
    ck_assert_int_eq(coop_world_attr(w2, 1, coop_attr_find(s2, "x"), &v, NULL), COOP_VALUE_NUMBER);
    ck_assert_int_eq(coop_change_apply(inv, w2), 0);
    ck_assert_int_eq(coop_world_attr(w2, 1, coop_attr_find(s2, "x"), &v, NULL), COOP_VALUE_NONE);
    coop_change_free(c);
    coop_change_free(inv);
    /* an amount added to a value the actor lacks cannot be made */
    c = coop_change_attr(s2, 1, coop_attr_find(s2, "x"), '+', 1);
    ck_assert_int_eq(coop_change_apply(c, w2), -1);
    coop_change_free(c);
    ck_assert_ptr_null(coop_change_attr(s2, 1, 0, '*', 1));
    ck_assert_ptr_null(coop_change_attr(s2, 1, 0, '=', NAN));
    ck_assert_ptr_null(coop_change_attr(s2, 9, 0, '=', 1));
    ck_assert_ptr_null(coop_change_relation(s2, 3, t, '=', 1));
    ck_assert_int_eq(coop_change_apply(NULL, w2), -1);
    ck_assert_ptr_null(coop_change_inverse(NULL, w2));
    ck_assert_ptr_null(coop_change_text(NULL));
    /* a change of one script in a world of another */
    c = coop_change_attr(s, 0, 0, '=', 1);
    ck_assert_int_eq(coop_change_apply(c, w2), -1);
    ck_assert_ptr_null(coop_change_inverse(c, w2));
    coop_change_free(c);
    coop_world_free(w2);
    coop_script_free(s2);
    coop_diags_free(d2);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Parsing a change: errors located in the text given. */
static const struct { const char *text, *error; } bad_changes[] = {
    {"ghost.media = 1", "t:1:1: error: unknown actor 'ghost'"},
    {"acme.nosuch = 1", "t:1:6: error: no actor has an attribute 'nosuch'"},
    {"acme.concerns = 1", "t:1:17: error: attribute 'concerns' holds a set; write one like {a, b}"},
    {"acme.capacity = \"x\"", "t:1:17: error: a change's value must be a number or true/false, but this is a string"},
    {"acme.key_figure = 1", "t:1:1: error: attribute 'key_figure' is true or false: set it with = true or = false"},
    {"acme.key_figure += true", "t:1:1: error: attribute 'key_figure' is true or false: set it with = true or ="},
    {"trust(elder_care, acme) = trust(elder_care, acme)",
     "t:1:27: error: expected a constant, not the relation value trust(...)"},
    {"acme.capacity = acme.media", "t:1:17: error: expected a constant, not the attribute acme.media"},
    {"acme.capacity = 1 / 0", "t:1:17: error: division by zero"},
    {"nosuch(elder_care, acme) = 1", "t:1:1: error: unknown relation 'nosuch'"},
    {"trust(elder_care) = 1", "t:1:1: error: relation 'trust' takes 2 arguments, not 1"},
    {"trust(elder_care, ghost) = 1", "t:1:19: error: unknown actor 'ghost'"},
    {"trust(acme, elder_care) = 1",
     "t:1:7: error: relation 'trust' expects kind 'npo' as argument 1, but 'acme' is of kind 'enterprise'"},
    {"acme.capacity == 1", "t:1:15: error: syntax error"},
    {"acme.capacity = size({a, b}) + \"x\"", "t:1:32: error: arithmetic needs a number, but this is a string"},
};

START_TEST(change_parse_errors)
{
    coop_diags *d;
    coop_script *s = flag(&d);
    change_fails(s, bad_changes[_i].text, bad_changes[_i].error);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A query sees its world change: what it worked out is worked out again. */
START_TEST(queries_follow_their_world)
{
    coop_diags *d;
    coop_script *s = flag(&d);
    coop_world *w = coop_world_clone(coop_script_world(s));
    coop_query *q = coop_query_new(s, w, 0);
    ck_assert_int_eq(coop_count(q, 0), 1);
    ck_assert_int_eq(coop_world_set_number(w, coop_actor_find(s, "elder_care"), coop_attr_find(s, "capacity"), 0.1), 0);
    ck_assert_int_eq(coop_count(q, 0), 0);
    ck_assert_int_eq(coop_count(q, 3), -1);
    ck_assert_int_eq(coop_count(NULL, 0), -1);
    ck_assert_ptr_null(coop_query_new(NULL, NULL, 0));
    coop_diags *d2;
    coop_script *other = flag(&d2);
    ck_assert_ptr_null(coop_query_new(other, w, 0)); /* a world of another script */
    ck_assert_ptr_null(coop_diff_new(other, w, w));
    coop_script_free(other);
    coop_diags_free(d2);
    ck_assert_int_eq(coop_query_error(q, d), 0); /* no call met an error */
    coop_query_free(q);
    coop_query_free(NULL);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(query_errors_are_said_then_cleared)
{
    coop_diags *d;
    coop_script *s = load("actor n1 : npo { c = 0 } actor n2 : npo { c = 1 } actor e1 : enterprise { c = 1 }\n"
                          "partnership p(n: npo, e: enterprise) { factor f = e.c / n.c forms when f > 0 }\n",
                          &d);
    ck_assert_ptr_nonnull(s);
    coop_query *q = coop_query_new(s, NULL, 0);
    int t1[2] = {0, 2}, t2[2] = {1, 2};
    coop_verdict v;
    double phi[1];
    ck_assert_int_eq(coop_count(q, 0), -1);
    ck_assert_int_eq(coop_query_error(q, d), 1);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "t.coop:2:51: error: division by zero while deciding p(n1, e1)"));
    ck_assert_int_eq(coop_evaluate(q, 0, t2, &v, NULL), 0); /* a call that works clears it */
    ck_assert_int_eq(coop_query_error(q, d), 0);
    ck_assert_int_eq(coop_evaluate(q, 0, t1, &v, NULL), -1);
    ck_assert_int_eq(coop_query_error(q, d), 1);
    ck_assert_int_eq(coop_shapley(q, 0, t1, phi, NULL), -1);
    ck_assert_int_eq(coop_shapley(q, 0, t2, phi, NULL), 1);
    ck_assert_int_eq(coop_query_error(q, d), 0);
    coop_query_free(q);
    /* a coalition that divides by zero: the factor at its baseline */
    coop_diags *d2;
    coop_script *s2 = load("actor n1 : npo { c = 2 } actor e1 : enterprise { c = 1 }\n"
                           "partnership p(n: npo, e: enterprise) { factor f = n.c factor g = e.c\n"
                           "  score = g / f  forms when score > 0 }\n",
                           &d2);
    ck_assert_ptr_nonnull(s2);
    q = coop_query_new(s2, NULL, 0);
    int t[2] = {0, 1};
    ck_assert_int_eq(coop_shapley(q, 0, t, phi, NULL), -1);
    coop_diags_clear(d);
    ck_assert_int_eq(coop_query_error(q, d), 1);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "division by zero in a Shapley coalition of p(n1, e1)"));
    coop_query_free(q);
    coop_script_free(s2);
    coop_diags_free(d2);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- the incremental differences, against every tuple compared ---- */

typedef VEC(diff_row) rows_t;
typedef struct all_ctx { evaluator *b; rows_t *rows; } all_ctx;

static int compare_all(evaluator *a, int v, void *ctx)
{
    all_ctx *c = ctx;
    int w = ev_tuple(c->b, a->tuple), nf = a->ru->nf;
    double s0 = a->ru->score && v >= 0 ? a->r[nf] : 0, s1 = a->ru->score && w >= 0 ? c->b->r[nf] : 0;
    if (v == w && (s0 == s1 || (isnan(s0) && isnan(s1)))) return 0;
    diff_row r;
    memset(&r, 0, sizeof r);
    memcpy(r.tuple, a->tuple, sizeof r.tuple);
    r.v0 = v;
    r.v1 = w;
    r.s0 = s0;
    r.s1 = s1;
    vec_push(*c->rows, r);
    return 0;
}

/* One random change of w: a cell of an attribute or a relation value. */
static void random_change(const coop_script *s, coop_world *w, uint64_t *rng)
{
    const model *m = &s->m;
    static const char *syms[] = {"elderly", "health", "poverty", "new1", "new2", "children", "sports"};
    if (m->nrels && rng_next(rng) % 3 == 0) {
        int r = (int)(rng_next(rng) % (uint64_t)m->nrels), t[COOP_MAX_PARAMS];
        for (int i = 0; i < m->rels[r].arity; i++) {
            int tries = 0;
            do t[i] = (int)(rng_next(rng) % (uint64_t)m->nactors);
            while (!model_is_a(m, m->actors[t[i]].kind, m->rels[r].kinds[i]) && ++tries < 100);
        }
        double v = m->rels[r].type == T_BOOL ? (double)(rng_next(rng) % 2) : (double)(rng_next(rng) % 11) / 10;
        if (rng_next(rng) % 4 == 0) coop_world_unset_relation(w, r, t);
        else coop_world_set_relation(w, r, t, v);
        return;
    }
    int a = (int)(rng_next(rng) % (uint64_t)m->nactors), at = (int)(rng_next(rng) % (uint64_t)m->nattrs);
    switch (m->attrs[at].type) {
    case T_SET: {
        const char *pick[3];
        int n = (int)(rng_next(rng) % 4);
        for (int i = 0; i < n; i++) pick[i] = syms[rng_next(rng) % 7];
        coop_world_set_members(w, a, at, pick, n);
        break;
    }
    case T_BOOL: coop_world_set_number(w, a, at, (double)(rng_next(rng) % 2)); break;
    case T_STR: coop_world_set_string(w, a, at, rng_next(rng) % 2 ? "x" : "y"); break;
    default: coop_world_set_number(w, a, at, (double)(rng_next(rng) % 21) / 20); break;
    }
}

static const char *diff_examples[] = {"../examples/npo_enterprise.coop", "../examples/government_npo.coop",
                                      "../examples/tripartite.coop",
                                      "golden/same_kind.coop",          /* ordered and unordered same-kind rules */
                                      "../examples/shanghai_npos.coop"}; /* actors and values read from CSV */

START_TEST(differences_match_every_tuple)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(diff_examples[_i], d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    uint64_t rng = 1 + (uint64_t)_i;
    for (int round = 0; round < 60; round++) {
        coop_world *a = coop_world_clone(coop_script_world(s));
        for (int k = (int)(rng_next(&rng) % 3); k > 0; k--) random_change(s, a, &rng); /* some world */
        coop_world *b = coop_world_clone(a);
        for (int k = 1 + (int)(rng_next(&rng) % 3); k > 0; k--) random_change(s, b, &rng); /* changed */
        coop_diff *x = coop_diff_new(s, a, b);
        for (int r = 0; r < s->m.nrules; r++) {
            rows_t want = {0};
            evaluator ea, eb;
            ev_init(&ea, &s->m, a, r);
            ev_init(&eb, &s->m, b, r);
            all_ctx c = {&eb, &want};
            ev_foreach_verdicts(&ea, compare_all, &c);
            ck_assert_int_eq(coop_diff_rows(x, r), (long)want.n);
            ck_assert_int_le(coop_diff_evaluated(x, r), coop_rule_tuples(s, r));
            for (size_t i = 0; i < want.n; i++) {
                int t[COOP_MAX_PARAMS];
                coop_verdict va, vb;
                ck_assert_int_eq(coop_diff_row(x, r, (long)i, t, &va, &vb), 0);
                ck_assert(memcmp(t, want.v[i].tuple, (size_t)s->m.rules[r].np * sizeof *t) == 0);
                ck_assert_int_eq(va.forms, want.v[i].v0);
                ck_assert_int_eq(vb.forms, want.v[i].v1);
                ck_assert(va.score == want.v[i].s0 && vb.score == want.v[i].s1);
            }
            ck_assert_int_eq(coop_diff_row(x, r, (long)want.n, NULL, NULL, NULL), -1);
            vec_free(want);
            ev_free(&ea);
            ev_free(&eb);
        }
        coop_diff_free(x);
        coop_world_free(a);
        coop_world_free(b);
    }
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Only what reads the change is evaluated: one actor's attribute, the
 * tuples with that actor; one relation value, its tuple; an attribute no
 * rule reads, nothing. */
START_TEST(differences_evaluate_little)
{
    coop_diags *d;
    coop_script *s = load("actor n1 : npo { c = 1 note = 1 } actor n2 : npo { c = 2 note = 1 }\n"
                          "actor n3 : npo { c = 3 note = 1 }\n"
                          "actor e1 : enterprise { c = 1 } actor e2 : enterprise { c = 2 }\n"
                          "relation r(npo, enterprise) default 0  relation s(npo, npo) default 0\n"
                          "partnership p(n: npo, e: enterprise) { factor f = n.c + e.c + r(n, e) forms when f > 3 }\n"
                          "partnership q(a: npo, b: npo) { factor f = a.c - b.c + s(a, a) forms when f > 0 }\n",
                          &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    const coop_world *base = coop_script_world(s);
    coop_world *w = coop_world_clone(base);
    int p = coop_rule_find(s, "p"), q = coop_rule_find(s, "q");
    ck_assert_int_eq(coop_world_set_number(w, 1, coop_attr_find(s, "c"), 9), 0); /* n2.c */
    coop_diff *x = coop_diff_new(s, base, w);
    ck_assert_int_eq(coop_diff_evaluated(x, p), 2); /* (n2, e1), (n2, e2) */
    /* {n1, n2} and {n2, n3}: as many as all three by the patterns' count,
     * so all three are walked, in order */
    ck_assert_int_eq(coop_diff_evaluated(x, q), 3);
    coop_diff_free(x);
    coop_world_free(w);
    w = coop_world_clone(base);
    int t[2] = {0, 4};
    ck_assert_int_eq(coop_world_set_relation(w, coop_relation_find(s, "r"), t, 5), 0); /* r(n1, e2) */
    x = coop_diff_new(s, base, w);
    ck_assert_int_eq(coop_diff_evaluated(x, p), 1);
    ck_assert_int_eq(coop_diff_evaluated(x, q), 0); /* reads s, not r */
    ck_assert_int_eq(coop_diff_rows(x, p), 1);
    coop_diff_free(x);
    coop_world_free(w);
    w = coop_world_clone(base);
    ck_assert_int_eq(coop_world_set_number(w, 0, coop_attr_find(s, "note"), 7), 0);
    x = coop_diff_new(s, base, w);
    ck_assert_int_eq(coop_diff_evaluated(x, p) + coop_diff_evaluated(x, q), 0);
    ck_assert_int_eq(coop_diff_rows(x, 9), -1);
    ck_assert_int_eq(coop_diff_evaluated(x, -1), -1);
    coop_diff_free(x);
    coop_diff_free(NULL);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- out of memory ---- */

static jmp_buf oom_jump;
static size_t oom_bytes;

static void oom_caught(size_t bytes)
{
    oom_bytes = bytes;
    longjmp(oom_jump, 1);
}

START_TEST(out_of_memory_calls_the_handler)
{
    coop_set_oom_handler(oom_caught);
    volatile size_t huge = SIZE_MAX / 2;
    if (setjmp(oom_jump) == 0) {
        void *p = mem_alloc(huge);
        free(p);
        ck_abort_msg("an allocation of %zu bytes succeeded", (size_t)huge);
    }
    ck_assert(oom_bytes == huge);
    coop_set_oom_handler(NULL);
}
END_TEST

Suite *suite_world(void)
{
    Suite *s = suite_create("world");
    TCase *t = tcase_create("world");
    tcase_add_test(t, values_read_and_set);
    tcase_add_test(t, strings_and_truths);
    tcase_add_test(t, changes_apply_invert_print);
    tcase_add_loop_test(t, change_parse_errors, 0, sizeof bad_changes / sizeof bad_changes[0]);
    tcase_add_test(t, queries_follow_their_world);
    tcase_add_test(t, query_errors_are_said_then_cleared);
    tcase_add_loop_test(t, differences_match_every_tuple, 0, sizeof diff_examples / sizeof diff_examples[0]);
    tcase_add_test(t, differences_evaluate_little);
    tcase_add_test(t, out_of_memory_calls_the_handler);
    suite_add_tcase(s, t);
    return s;
}

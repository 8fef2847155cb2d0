/* test_param.c - the model's parameters: worlds that hold them (clone,
 * compare, version, changes), what the resolver makes of them (nodes,
 * what each rule reads, the names they must not share, the places they
 * cannot stand), and the property a sweep stands on: a model that reads
 * `param p = v` decides, scores and divides its scores exactly as the
 * same model with the literal v written in, whether v is declared or set
 * in a world of the model loaded once.
 *
 * Internal API: world_compare (world.h), rule_info's deps and pconst
 * (model.h), query_init / query_tender (query.h) for tender awards,
 * result_diff (result.h) for what a change re-decides. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#include "query.h"
#include "result.h"
#include "script.h"

static const char *params_model =
    "param w_trust = 0.25 \"weight of trust\" range 0 .. 1\n"
    "param strict = false\n"
    "param threshold = 45%\n"
    "actor a : npo { cap = 0.7 }\n"
    "actor b : enterprise { cap = 0.5 }\n"
    "partnership p(n: npo, e: enterprise) {\n"
    "  factor cap = n.cap\n"
    "  factor other = e.cap baseline w_trust\n"
    "  score = w_trust * cap + 0.5 * other\n"
    "  forms when score >= threshold or strict\n"
    "}\n"
    "partnership q(n: npo, e: enterprise) {\n"
    "  factor cap = n.cap\n"
    "  forms when cap > 0.5\n"
    "}\n";

/* ==== Worlds ==== */

typedef struct seen { int attrs, rels, params, last; } seen;

static void on_attr(void *ctx, int at, int ac) { (void)at, (void)ac; ((seen *)ctx)->attrs++; }
static void on_rel(void *ctx, int rel, const int *a) { (void)rel, (void)a; ((seen *)ctx)->rels++; }
static void on_param(void *ctx, int p)
{
    seen *s = ctx;
    s->params++;
    s->last = p;
}

START_TEST(world_holds_parameters)
{
    coop_diags *d;
    coop_script *s = load_ok(params_model, &d);
    int w = coop_param_find(s, "w_trust"), st = coop_param_find(s, "strict"), th = coop_param_find(s, "threshold");
    ck_assert(w == 0 && st == 1 && th == 2);
    ck_assert_int_eq(coop_param_find(s, "nope"), -1);
    double v, lo, hi;
    const char *label;
    ck_assert_int_eq(coop_param_info(s, w, &v, &lo, &hi, &label), COOP_VALUE_NUMBER);
    ck_assert(v == 0.25 && lo == 0 && hi == 1);
    ck_assert_str_eq(label, "weight of trust");
    ck_assert_int_eq(coop_param_info(s, st, &v, &lo, &hi, &label), COOP_VALUE_BOOL);
    ck_assert(v == 0 && isnan(lo) && isnan(hi) && label == NULL);
    ck_assert_int_eq(coop_param_info(s, th, &v, NULL, NULL, NULL), COOP_VALUE_NUMBER);
    ck_assert(v == 0.45);
    ck_assert_int_eq(coop_param_info(s, 3, NULL, NULL, NULL, NULL), COOP_VALUE_NONE);
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_PARAM), 3);
    ck_assert_str_eq(coop_name(s, COOP_NAMES_PARAM, 2), "threshold");

    const coop_world *base = coop_script_world(s);
    coop_world *x = coop_world_clone(base);
    uint64_t version = x->version;
    ck_assert_int_eq(coop_world_set_param(x, w, 0.4), 0);
    ck_assert(x->version > version); /* what caches on it is stale */
    ck_assert_int_eq(coop_world_param(x, w, &v), 0);
    ck_assert(v == 0.4);
    ck_assert_int_eq(coop_world_param(base, w, &v), 0);
    ck_assert(v == 0.25); /* the script's own is untouched */
    /* refused, the world unchanged: outside the range, not finite, not
     * true/false, a bad index */
    version = x->version;
    ck_assert_int_eq(coop_world_set_param(x, w, 1.5), -1);
    ck_assert_int_eq(coop_world_set_param(x, w, -0.01), -1);
    ck_assert_int_eq(coop_world_set_param(x, w, NAN), -1);
    ck_assert_int_eq(coop_world_set_param(x, th, INFINITY), -1);
    ck_assert_int_eq(coop_world_set_param(x, st, 0.5), -1);
    ck_assert_int_eq(coop_world_set_param(x, 3, 1), -1);
    ck_assert_int_eq(coop_world_param(x, 3, &v), -1);
    ck_assert(x->version == version);
    ck_assert_int_eq(coop_world_param(x, w, &v), 0);
    ck_assert(v == 0.4);
    ck_assert_int_eq(coop_world_set_param(x, st, 1), 0);
    ck_assert_int_eq(coop_world_set_param(x, w, 1), 0); /* the range's ends are in it */
    ck_assert_int_eq(coop_world_set_param(x, w, 0), 0);
    /* a clone holds the values; comparing names each one that differs, once */
    coop_world *y = coop_world_clone(x);
    ck_assert_int_eq(coop_world_param(y, st, &v), 0);
    ck_assert(v == 1);
    seen sn = {0, 0, 0, -1};
    world_delta fn = {on_attr, on_rel, on_param, &sn};
    world_compare(x, y, &fn);
    ck_assert_int_eq(sn.params, 0);
    ck_assert_int_eq(coop_world_set_param(y, th, 0.5), 0);
    world_compare(base, y, &fn);
    ck_assert_int_eq(sn.params, 3); /* w_trust, strict, threshold */
    sn.params = 0;
    world_compare(x, y, &fn);
    ck_assert(sn.params == 1 && sn.last == th && sn.attrs == 0 && sn.rels == 0);
    coop_world_free(y);
    coop_world_free(x);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(changes_of_parameters)
{
    coop_diags *d;
    coop_script *s = load_ok(params_model, &d);
    int w = coop_param_find(s, "w_trust"), st = coop_param_find(s, "strict");
    coop_world *x = coop_world_clone(coop_script_world(s));
    coop_change *c = coop_change_parse(s, "t", "w_trust += 0.5", 14, d);
    ck_assert_msg(c != NULL, "%s", diag_text(d));
    ck_assert_str_eq(text_of(c), "w_trust += 0.5");
    ck_assert_int_eq(coop_change_apply(c, x), 0);
    double v;
    coop_world_param(x, w, &v);
    ck_assert(v == 0.75);
    ck_assert_int_eq(coop_change_apply(c, x), -1); /* 1.25: outside 0 .. 1, and unmade */
    coop_world_param(x, w, &v);
    ck_assert(v == 0.75);
    coop_change *inv = coop_change_inverse(c, coop_script_world(s));
    ck_assert_str_eq(text_of(inv), "w_trust = 0.25");
    ck_assert_int_eq(coop_change_apply(inv, x), 0);
    coop_world_param(x, w, &v);
    ck_assert(v == 0.25);
    coop_change_free(inv);
    coop_change_free(c);
    c = coop_change_param(s, st, '=', 1);
    ck_assert_str_eq(text_of(c), "strict = true");
    coop_change_free(c);
    ck_assert_ptr_null(coop_change_param(s, st, '+', 1)); /* true/false is set, not added to */
    ck_assert_ptr_null(coop_change_param(s, w, '*', 1));
    ck_assert_ptr_null(coop_change_param(s, 9, '=', 1));
    change_fails(s, "w_trust = 2", "t:1:1: error: parameter 'w_trust' would be 2, outside its range 0 .. 1");
    change_fails(s, "strict = 0.5", "t:1:1: error: parameter 'strict' is true or false");
    change_fails(s, "strict += 1", "t:1:1: error: parameter 'strict' is true or false");
    change_fails(s, "w_trust = true", "t:1:1: error: parameter 'w_trust' is a number, not true/false");
    change_fails(s, "w_trst = 0.3", "t:1:1: error: unknown parameter 'w_trst'; did you mean 'w_trust'?");
    change_fails(s, "a = 0.3", "t:1:1: error: 'a' is an actor, not a parameter");
    coop_world_free(x);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ==== The resolver ==== */

START_TEST(what_each_rule_reads)
{
    coop_diags *d;
    coop_script *s = load_ok(params_model, &d);
    const rule_info *p = &s->m.rules[0], *q = &s->m.rules[1];
    ck_assert(p->deps.reads_params && p->deps.params[0] && p->deps.params[1] && p->deps.params[2]);
    ck_assert_int_eq(p->deps.npread, 3);
    ck_assert(!q->deps.reads_params && q->deps.npread == 0);
    ck_assert(p->pconst && !q->pconst); /* a baseline reads w_trust: worked out per world */
    ck_assert(p->f[1].base != NULL && p->f[1].baseline == 0.25);
    ck_assert_ptr_nonnull(p->lin); /* w_trust * cap is linear: closed form, the coefficient the world's */
    /* a change of a parameter re-decides every tuple of the rules that read
     * it, and none of the others */
    coop_world *x = coop_world_clone(coop_script_world(s));
    coop_world_set_param(x, coop_param_find(s, "threshold"), 0.4);
    coop_diff *df = coop_diff_new(s, coop_script_world(s), x);
    ck_assert_int_eq(coop_diff_evaluated(df, 0), 1);
    ck_assert_int_eq(coop_diff_evaluated(df, 1), 0);
    ck_assert_int_eq(coop_diff_rows(df, 0), 1); /* 0.425 >= 0.4: it forms now */
    coop_diff_free(df);
    coop_world_free(x);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A script that must fail to load, and the diagnostics it must hold. */
typedef struct bad_case { const char *text, *said; } bad_case;

static const bad_case bad[] = {
    {"param w = 1\nparam w = 2\n", "t.coop:2:7: error: parameter 'w' is declared twice"},
    {"actor w : npo { }\nparam w = 1\n", "t.coop:2:7: error: parameter 'w' has the name of actor 'w'"},
    {"param npo = 1\n", "t.coop:1:7: error: parameter 'npo' has the name of the built-in kind 'npo'"},
    {"param trust = 0.3\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor trust = n.x forms when trust > 0 }\n",
     "t.coop:1:7: error: parameter 'trust' has the name of factor 'trust' of partnership 'p'"},
    {"param p = 0.3\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x forms when f > 0 }\n",
     "t.coop:1:7: error: parameter 'p' has the name of partnership 'p'"},
    {"param n = 0.3\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x forms when f > 0 }\n",
     "t.coop:1:7: error: parameter 'n' has the name of the actor 'n' of partnership 'p' (n: npo)"},
    {"param w = 1.5 range 0 .. 1\n", "t.coop:1:11: error: parameter 'w' is 1.5, outside its range 0 .. 1"},
    {"param w = true range 0 .. 1\n", "t.coop:1:16: error: parameter 'w' is true/false; a range bounds numbers"},
    {"param w = {a, b}\n", "t.coop:1:11: error: a parameter is a number (25% is 0.25) or true/false, but this is a set"},
    {"param w = 1\nparam v = w\n", "t.coop:2:11: error: expected a constant, not the parameter 'w'"},
    {"param w = 1\nactor a : npo { x = w }\n", "t.coop:2:21: error: expected a constant, not the parameter 'w'"},
    {"param w = 1\nrelation r(npo, npo) default w\n", "t.coop:2:30: error: expected a constant, not the parameter 'w'"},
    {"param w = 0.1\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x factor g = e.x\n"
     "  influence f -> g by w influence g -> f by 0.1 forms when f > 0 }\n",
     "t.coop:5:23: error: the influence of partnership 'p' has a cycle, so its weights are constants"},
    {"param w_trust = 0.1\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x * w_trst forms when f > 0 }\n",
     "t.coop:4:57: error: unknown name 'w_trst'; did you mean 'w_trust'?"},
    {"param w_trust = 0.1\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x score = w_trst * f forms when f > 0 }\n",
     "t.coop:4:63: error: unknown name 'w_trst': no factor or parameter; did you mean 'w_trust'?"},
    {"param w_trust = 0.1\nexpect w_trst > 0\n", "t.coop:2:8: error: unknown name 'w_trst'; did you mean 'w_trust'?"},
    {"param w = 0.1\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x baseline n.x forms when f > 0 }\n",
     "error: expected a constant or a parameter, not the attribute n.x"},
    {"param w = 0\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = n.x baseline 1 / w forms when f > 0 }\n",
     "error: division by zero, with the parameters as declared"},
    {"param w = 0.1\nactor a : npo { x = 1 }\nactor b : enterprise { x = 1 }\n"
     "partnership p(n: npo, e: enterprise) { factor f = round(n.x, w) forms when f > 0 }\n",
     "error: round() needs a whole number of digits from 0 to 15 written as a constant"},
};

START_TEST(bad_parameters)
{
    const bad_case *c = &bad[_i];
    const char *out = load_error(c->text);
    ck_assert_msg(strstr(out, c->said) != NULL, "%s\nwants: %s\ngot:\n%s", c->text, c->said, out);
}
END_TEST

/* ==== The property: a parameter reads as its value written in ==== */

/* The model of the property test: $0 .. $7 stand for values in [0, 1]
 * (weights, a baseline, an influence weight, thresholds, a tender's
 * weight of price and a requirement's bound); each place a weight can be
 * read from is here: a linear score (closed form), a score that is not
 * linear (every coalition), forms when, a baseline, an influence weight,
 * an aggregate's value and condition, a tender's requirement and score. */
static const char *property_model =
    "kind foundation : npo\n"
    "actor elder_care : npo { capacity = 0.7 media = 40% key_figure = true orientation = 0.2 "
    "concerns = {elderly, health} years = 8 }\n"
    "actor acme : enterprise { capacity = 0.9 media = 0.6 key_figure = false orientation = 0.8 "
    "concerns = {health, nutrition} }\n"
    "actor sunshine : foundation { capacity = 0.55 media = 38% key_figure = false orientation = 0.12 "
    "concerns = {children, education} years = 3 }\n"
    "actor bank : enterprise { capacity = 0.8 media = 0.3 key_figure = true orientation = 0.6 "
    "concerns = {elderly, education} }\n"
    "actor bureau : government { needs = {elderly} }\n"
    "relation trust(npo, enterprise) default 0.3\n"
    "trust(elder_care, acme) = 0.6\n"
    "trust(sunshine, bank) = 0.6\n"
    "partnership alliance(n: npo, e: enterprise) {\n"
    "  factor concern    = overlap(n.concerns, e.concerns)\n"
    "  factor capacity   = n.capacity\n"
    "  factor key_figure = n.key_figure or e.key_figure\n"
    "  factor difference = abs(n.orientation - e.orientation)\n"
    "  factor media      = max(n.media, e.media)\n"
    "  factor trust      = trust(n, e) baseline $2\n"
    "  factor crowd      = mean(x.capacity * $0 for x: enterprise where x.media >= $4 else 0)\n"
    "  influence media      -> trust by $3\n"
    "  influence key_figure -> trust by 0.2\n"
    "  score = $0*trust + 0.20*concern + 0.20*capacity + 0.10*key_figure\n"
    "        + 0.10*media - $1*difference + (1 - $0) * crowd\n"
    "  forms when score >= $4 and capacity >= $5\n"
    "}\n"
    "partnership bond(n: npo, e: enterprise) {\n"
    "  factor a = n.capacity\n"
    "  factor b = e.capacity baseline $5\n"
    "  factor c = trust(n, e)\n"
    "  influence a -> c by $3\n"
    "  score = a * b * $0 + c / (1 + $1)\n"
    "  forms when score > $4 * 0.5\n"
    "}\n"
    "tender care(x: npo) {\n"
    "  buyer = bureau\n"
    "  require seasoned = x.years >= 10 * $7\n"
    "  require fits = covers(buyer.needs, x.concerns) >= $5 or x.capacity > 0.6\n"
    "  factor price   = lowest(bid.price) / bid.price\n"
    "  factor quality = bid.quality\n"
    "  score = $6*price + (1 - $6)*quality\n"
    "  award best score\n"
    "}\n"
    "bid care by elder_care { price = 480000 quality = 0.8 }\n"
    "bid care by sunshine { price = 440000 quality = 0.7 }\n";

#define NVALS 8

/* The model with each $k written as its value (params 0) or read from
 * the parameter pk, declared with that value (params 1). */
static char *model_text(const double *v, int params)
{
    char *t = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&t, &n);
    for (int k = 0; params && k < NVALS; k++) fprintf(f, "param p%d = %.17g range 0 .. 1\n", k, v[k]);
    for (const char *c = property_model; *c; c++) {
        if (*c != '$') { fputc(*c, f); continue; }
        int k = *++c - '0';
        if (params) fprintf(f, "p%d", k);
        else fprintf(f, "%.17g", v[k]);
    }
    fclose(f);
    return t;
}

static int same_bits(double a, double b) { return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0; }

/* Every tuple of every rule decided and divided in a (literal) and b (the
 * parameters' model, in world wb): the same to the bit; and every
 * tender's award the same. */
static void same_decisions(coop_script *a, coop_script *b, const coop_world *wb, unsigned seed)
{
    coop_query *qa = coop_query_new(a, NULL, 7), *qb = coop_query_new(b, wb, 7);
    int na = coop_name_count(a, COOP_NAMES_ACTOR);
    for (int r = 0; r < coop_name_count(a, COOP_NAMES_RULE); r++) {
        ck_assert_int_eq(coop_count(qa, r), coop_count(qb, r));
        int np = coop_rule_params(a, r), nf = coop_rule_factors(a, r), t[2];
        for (t[0] = 0; t[0] < na; t[0]++)
            for (t[1] = 0; t[1] < na; t[1]++) {
                coop_verdict va, vb;
                double ea[COOP_MAX_FACTORS], eb[COOP_MAX_FACTORS], pa[COOP_MAX_FACTORS], pb[COOP_MAX_FACTORS];
                int ra = coop_evaluate(qa, r, t, &va, ea), rb = coop_evaluate(qb, r, t, &vb, eb);
                require(ra == rb, "seed %u, rule %d", seed, r);
                if (ra < 0 || (np == 1 && t[1])) continue;
                require(va.forms == vb.forms && same_bits(va.score, vb.score), "seed %u: rule %d (%d, %d): %d %.17g, %d %.17g",
                        seed, r, t[0], t[1], va.forms, va.score, vb.forms, vb.score);
                for (int f = 0; f < nf; f++) require(same_bits(ea[f], eb[f]), "seed %u: effective %d", seed, f);
                ra = coop_shapley(qa, r, t, pa, NULL);
                rb = coop_shapley(qb, r, t, pb, NULL);
                require(ra == rb, "seed %u: rule %d: shapley %d, %d", seed, r, ra, rb);
                for (int f = 0; ra >= 0 && f < nf; f++)
                    require(same_bits(pa[f], pb[f]), "seed %u: rule %d (%d, %d): shapley of %s: %.17g, %.17g", seed, r,
                            t[0], t[1], coop_factor_name(a, r, f), pa[f], pb[f]);
            }
    }
    /* the tender's award, decided whole */
    query x, y;
    query_init(&x, &a->m, a->w, 0);
    query_init(&y, &b->m, wb, 0);
    int care = coop_rule_find(a, "care");
    const tender_result *ta = query_tender(&x, care), *tb = query_tender(&y, care);
    ck_assert(ta && tb);
    require(ta->status == tb->status && ta->winner == tb->winner && ta->nranked == tb->nranked, "seed %u: award", seed);
    for (int i = 0; i < ta->nbids; i++)
        require(ta->bids[i].rank == tb->bids[i].rank && ta->bids[i].eligible == tb->bids[i].eligible &&
                same_bits(ta->bids[i].score, tb->bids[i].score), "seed %u: bid %d", seed, i);
    query_free(&x);
    query_free(&y);
    coop_query_free(qa);
    coop_query_free(qb);
}

static double uniform(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(*s >> 11) / 9007199254740992.0;
}

#define SEEDS 200

/* Declared: the parameters' model loaded with the values, against the
 * literal one; set: the parameters' model loaded once (as declared at
 * 0.5), the values set in one world of it for every seed (its caches,
 * the evaluator's constants among them, made stale by the change), against
 * the literal one. */
START_TEST(parameters_read_as_literals)
{
    double half[NVALS];
    for (int k = 0; k < NVALS; k++) half[k] = 0.5;
    char *ht = model_text(half, 1);
    coop_diags *d;
    coop_script *once = load_ok(ht, &d);
    coop_diags_free(d);
    coop_world *w = coop_world_clone(coop_script_world(once));
    uint64_t st = 42;
    for (unsigned seed = 1; seed <= SEEDS; seed++) {
        double v[NVALS];
        for (int k = 0; k < NVALS; k++) v[k] = uniform(&st);
        if (seed % 7 == 0) v[3] = 0; /* an influence that adds nothing */
        char *lt = model_text(v, 0), *pt = model_text(v, 1);
        coop_diags *da, *db;
        coop_script *a = load_ok(lt, &da), *b = load_ok(pt, &db);
        same_decisions(a, b, coop_script_world(b), seed);
        char pn[16];
        for (int k = 0; k < NVALS; k++) {
            snprintf(pn, sizeof pn, "p%d", k);
            ck_assert_int_eq(coop_world_set_param(w, coop_param_find(once, pn), v[k]), 0);
        }
        same_decisions(a, once, w, seed);
        coop_script_free(a);
        coop_script_free(b);
        coop_diags_free(da);
        coop_diags_free(db);
        free(lt);
        free(pt);
    }
    coop_world_free(w);
    coop_script_free(once);
    free(ht);
}
END_TEST

/* A query kept on a world across changes of a parameter answers for each
 * value (nothing it worked out for the old one is read again). */
START_TEST(query_follows_the_world)
{
    coop_diags *d;
    coop_script *s = load_ok(params_model, &d);
    coop_world *w = coop_world_clone(coop_script_world(s));
    coop_query *q = coop_query_new(s, w, 0);
    int p = coop_rule_find(s, "p"), wt = coop_param_find(s, "w_trust"), t[2] = {0, 1};
    double phi[2];
    ck_assert_int_eq(coop_count(q, p), 0);
    ck_assert_int_eq(coop_shapley(q, p, t, phi, NULL), 1);
    ck_assert(fabs(phi[0] - 0.25 * 0.7) < 1e-15 && fabs(phi[1] - 0.5 * (0.5 - 0.25)) < 1e-15);
    ck_assert_int_eq(coop_world_set_param(w, wt, 0.5), 0);
    ck_assert_int_eq(coop_count(q, p), 1); /* 0.35 + 0.25 >= 0.45 */
    ck_assert_int_eq(coop_shapley(q, p, t, phi, NULL), 1);
    ck_assert(fabs(phi[0] - 0.5 * 0.7) < 1e-15 && phi[1] == 0); /* the baseline is w_trust, 0.5: e.cap's own */
    coop_query_free(q);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The same where the parameter is read only where a rule reads it
 * indirectly: an influence weight (worked out per world, not in the
 * rule's code) and a contract's condition the rule reads through met(). */
START_TEST(query_follows_indirect_reads)
{
    coop_diags *d;
    coop_script *s = load_ok("param k = 0.1\n"
                             "param bar = 0.6\n"
                             "actor city : government { governance = 0.3 }\n"
                             "actor a : npo { x = 0.5 quality = 0.7 }\n"
                             "actor e : enterprise { y = 0.5 }\n"
                             "partnership r(n: npo, m: enterprise) {\n"
                             "  factor x = n.x\n"
                             "  factor y = m.y\n"
                             "  influence x -> y by k\n"
                             "  forms when y >= 0.6\n"
                             "}\n"
                             "contract care(buyer = city, supplier = a) {\n"
                             "  term = 1\n"
                             "  oblige supplier good = supplier.quality >= bar\n"
                             "}\n"
                             "partnership kept(g: government, n: npo) {\n"
                             "  factor met = met(care.good)\n"
                             "  forms when met\n"
                             "}\n",
                             &d);
    coop_world *w = coop_world_clone(coop_script_world(s));
    coop_query *q = coop_query_new(s, w, 0);
    int r = coop_rule_find(s, "r"), kr = coop_rule_find(s, "kept");
    ck_assert_int_eq(coop_count(q, r), 0);
    ck_assert_int_eq(coop_count(q, kr), 1);
    ck_assert_int_eq(coop_world_set_param(w, coop_param_find(s, "k"), 0.5), 0);
    ck_assert_int_eq(coop_count(q, r), 1);
    ck_assert_int_eq(coop_count(q, kr), 1);
    ck_assert_int_eq(coop_world_set_param(w, coop_param_find(s, "bar"), 0.8), 0);
    ck_assert_int_eq(coop_count(q, kr), 0);
    ck_assert_int_eq(coop_count(q, r), 1);
    coop_query_free(q);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_param(void)
{
    Suite *s = suite_create("param");
    TCase *t = tcase_create("param");
    tcase_add_test(t, world_holds_parameters);
    tcase_add_test(t, changes_of_parameters);
    tcase_add_test(t, what_each_rule_reads);
    tcase_add_loop_test(t, bad_parameters, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(t, parameters_read_as_literals);
    tcase_add_test(t, query_follows_the_world);
    tcase_add_test(t, query_follows_indirect_reads);
    suite_add_tcase(s, t);
    return s;
}

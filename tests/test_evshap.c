/* test_evshap.c - which event made it form (evshap.h): event Shapley
 * values against closed forms and against a brute-force enumeration over
 * orders written here; efficiency; a trigger re-simulated in every
 * coalition and credited to the event that made it fire; but-for causes;
 * sampling past COOP_EVENT_SHAPLEY_EXACT_MAX against exact values; the
 * limits at and past their edges; an error said with its coalition; a
 * stop.  The models are scripts, loaded as coop loads them. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "util.h"

#include "evshap.h"
#include "script.h"

/* The step of date `when` on s's timeline. */
static int step_of(const coop_script *s, const char *when)
{
    date d;
    const char *why;
    ck_assert_int_eq(date_parse(when, strlen(when), &d, &why), 0);
    return (int)date_diff(s->m.timeline->start, d, s->m.timeline->unit);
}

/* The Shapley values of cooperation-like rule `rule`(a, b) at `when`: must
 * succeed. */
static void values(const coop_script *s, const char *rule, const char *a, const char *b, const char *when,
                   evshap_result *r)
{
    int t[2] = {coop_actor_find(s, a), coop_actor_find(s, b)};
    int rc = evshap_events(r, &s->m, s->w, coop_rule_find(s, rule), t, step_of(s, when), 0, NULL);
    ck_assert_msg(rc == 0, "%s", r->err_msg ? r->err_msg : "stopped");
}

/* Player i's name. */
static const char *player_name(const coop_script *s, const evshap_result *r, int i)
{
    return s->m.events[r->player[i]].name;
}

/* Efficiency: each game's values add up to v(all) - v(none). */
static void adds_up(const evshap_result *r)
{
    for (int t = 0; t < SHAPLEY_OFS; t++) {
        if (t == OF_SCORE && !r->has_score) continue;
        double sum = 0;
        for (int i = 0; i < r->n; i++) sum += r->phi[t][i];
        ck_assert_msg(fabs(sum - (r->all[t] - r->none[t])) < 1e-9, "game %d: %.17g against %.17g - %.17g", t, sum,
                      r->all[t], r->none[t]);
    }
}

/* A game the test defines for itself: v(S) over n players. */
typedef double (*test_game)(uint64_t s, const void *ctx);

/* Shapley values by their definition over orders: phi_i is the mean, over
 * all n! orders, of v(players before i, and i) - v(players before i).
 * The orders come one after another by Heap's algorithm. */
static void by_orders(int n, test_game v, const void *ctx, double *phi)
{
    int order[8], c[8] = {0};
    ck_assert_int_le(n, 8);
    for (int i = 0; i < n; i++) order[i] = i, phi[i] = 0;
    double orders = 0;
    for (int i = 0;;) {
        uint64_t s = 0;
        double before = v(0, ctx);
        for (int j = 0; j < n; j++) {
            s |= 1ull << order[j];
            double after = v(s, ctx);
            phi[order[j]] += after - before;
            before = after;
        }
        orders++;
        while (i < n && c[i] >= i) c[i++] = 0; /* the next order */
        if (i >= n) break;
        int j = i % 2 ? c[i] : 0, t = order[j];
        order[j] = order[i];
        order[i] = t;
        c[i]++;
        i = 0;
    }
    for (int i = 0; i < n; i++) phi[i] /= orders;
}

/* Shapley values by the subset formula, for up to 16 players. */
static void by_subsets(int n, test_game v, const void *ctx, double *phi)
{
    double *val = malloc(sizeof *val << n);
    for (uint64_t s = 0; s < 1ull << n; s++) val[s] = v(s, ctx);
    double w[17], f[17] = {1};
    for (int i = 1; i <= n; i++) f[i] = f[i - 1] * i;
    for (int k = 0; k < n; k++) w[k] = f[k] * f[n - k - 1] / f[n];
    for (int i = 0; i < n; i++) {
        phi[i] = 0;
        for (uint64_t s = 0; s < 1ull << n; s++)
            if (!(s >> i & 1)) phi[i] += w[__builtin_popcountll(s)] * (val[s | 1ull << i] - val[s]);
    }
    free(val);
}

/* ---- additive events, a linear score ---- */

/* Each event adds its own amount to a.x at its steps; the score is
 * 0.5 x + 1.  Players at 2013 by name: e1, e2, e3, e4 (late acts only
 * after it: no player). */
static const char additive_head[] =
    "timeline 2010 .. 2015 by year\n"
    "actor g : government {}\n"
    "actor a : npo { x = 0 }\n"
    "partnership p(b: government, n: npo) {\n"
    "  factor x = n.x\n"
    "  score = 0.5*x + 1\n"
    "  forms when score >= 3.5\n"
    "}\n";
static const char *const additive_events[] = {
    "event e1 at 2010 { a.x += 1 }\n",
    "event e2 every year from 2011 { a.x += 2 }\n",
    "event e3 at 2013 { a.x += 4 }\n",
    "event e4 every 2 year { a.x -= 0.5 }\n",
    "event late at 2015 { a.x += 8 }\n",
};
/* What each adds by the end of 2013 (step 3): its amount times the steps
 * it acts at up to then (e2: 2011, 2012, 2013; e4: 2010, 2012). */
static const double additive_own[] = {1 * 1, 2 * 3, 4 * 1, -0.5 * 2, 0};

static coop_script *additive(int reversed, coop_diags **d)
{
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text, "%s", additive_head);
    for (int i = 0; i < 5; i++) n += (size_t)snprintf(text + n, sizeof text - n, "%s", additive_events[reversed ? 4 - i : i]);
    return load_ok(text, d);
}

/* v of the verdict, worked out here: the amounts of S reach 5. */
static double additive_forms(uint64_t s, const void *ctx)
{
    (void)ctx;
    double x = 0;
    for (int i = 0; i < 5; i++)
        if (s >> i & 1) x += additive_own[i];
    return 0.5 * x + 1 >= 3.5;
}

/* With additive events and a linear score, an event's Shapley value of the
 * score is its own contribution times the weight: 0.5 times what it adds
 * by the step asked about; of the verdict, the definition over orders.
 * Declared in the other order, the same bits. */
START_TEST(additive_events_get_their_own_contribution)
{
    evshap_result r[2];
    for (int rev = 0; rev < 2; rev++) {
        coop_diags *d;
        coop_script *s = additive(rev, &d);
        values(s, "p", "g", "a", "2013", &r[rev]);
        ck_assert_int_eq(r[rev].n, 4);
        static const char *const expected[] = {"e1", "e2", "e3", "e4"};
        for (int i = 0; i < 4; i++) ck_assert_str_eq(player_name(s, &r[rev], i), expected[i]);
        ck_assert_int_eq(evshap_player(&r[rev], names_get(&s->m.event_idx, "late")), -1);
        ck_assert(r[rev].exact && r[rev].has_score);
        ck_assert_int_eq(r[rev].runs, 16); /* every coalition once, the two games sharing them */
        coop_script_free(s);
        coop_diags_free(d);
    }
    evshap_result *x = &r[0];
    for (int i = 0; i < 4; i++) {
        ck_assert_msg(fabs(x->phi[OF_SCORE][i] - 0.5 * additive_own[i]) < 1e-12, "%d: %g", i, x->phi[OF_SCORE][i]);
        ck_assert_double_eq(x->se[OF_SCORE][i], 0);
    }
    ck_assert_double_eq(x->all[OF_SCORE], 0.5 * 10 + 1);
    ck_assert_double_eq(x->none[OF_SCORE], 1);
    double phi[5];
    by_orders(5, additive_forms, NULL, phi); /* with late as a fifth player: its value is 0, the others' the same */
    ck_assert_double_eq(phi[4], 0); /* late acts after 2013 */
    for (int i = 0; i < 4; i++) ck_assert_msg(fabs(x->phi[OF_VERDICT][i] - phi[i]) < 1e-12, "%d", i);
    ck_assert(phi[1] > phi[0] && phi[3] < 0);
    adds_up(x);
    /* every event acting adds 10, and the verdict forms; without e2, 4:
     * the one but-for cause */
    uint64_t all = 15;
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(x->but_for[i], additive_forms(all & ~(1ull << i), NULL) != additive_forms(all, NULL));
    ck_assert(x->but_for[1] && !x->but_for[2]);
    int top = 0;
    for (int i = 1; i < 4; i++)
        if (fabs(phi[i]) > fabs(phi[top])) top = i;
    ck_assert_int_eq(x->decisive, top);
    ck_assert(memcmp(r[0].phi, r[1].phi, sizeof r[0].phi) == 0);
    ck_assert(memcmp(r[0].but_for, r[1].but_for, sizeof r[0].but_for) == 0);
    evshap_free(&r[0]);
    evshap_free(&r[1]);
}
END_TEST

/* ---- a trigger ---- */

/* boost fires the step after a.x reaches 3, which only big can make it do;
 * it is no player, and its 10 goes to big. */
static const char trigger_model[] =
    "timeline 2010 .. 2014 by year\n"
    "actor g : government {}\n"
    "actor a : npo { x = 0  y = 0 }\n"
    "event big at 2011 { a.x += 3 }\n"
    "event small every year { a.x += 0.5 }\n"
    "event boost on a.x >= 3 { a.y += 10 }\n"
    "partnership p(b: government, n: npo) {\n"
    "  factor x = n.x\n"
    "  factor y = n.y\n"
    "  score = x + y\n"
    "  forms when y > 0\n"
    "}\n";

/* A triggered event is no player and runs again in every coalition: the
 * dated event that makes it fire gets its effect.  At 2013: v({}) = 0,
 * v({big}) = 3 + 10, v({small}) = 4 * 0.5, v(both) = 3 + 2 + 10; so
 * phi(big) = 13 and phi(small) = 2, each its own plus what it set off. */
START_TEST(a_trigger_is_re_simulated_and_credited)
{
    coop_diags *d;
    coop_script *s = load_ok(trigger_model, &d);
    evshap_result r;
    values(s, "p", "g", "a", "2013", &r);
    ck_assert_int_eq(r.n, 2);
    ck_assert_str_eq(player_name(s, &r, 0), "big");
    ck_assert_str_eq(player_name(s, &r, 1), "small");
    int boost = names_get(&s->m.event_idx, "boost");
    ck_assert_int_ge(boost, 0);
    ck_assert_int_eq(evshap_player(&r, boost), -1);
    ck_assert_double_eq(r.phi[OF_SCORE][0], 13);
    ck_assert_double_eq(r.phi[OF_SCORE][1], 2);
    ck_assert_double_eq(r.phi[OF_VERDICT][0], 1);
    ck_assert_double_eq(r.phi[OF_VERDICT][1], 0);
    ck_assert(r.but_for[0] && !r.but_for[1]);
    ck_assert_int_eq(r.decisive, 0);
    adds_up(&r);
    /* at 2011 the trigger has not acted yet (it acts the step after) */
    evshap_free(&r);
    values(s, "p", "g", "a", "2011", &r);
    ck_assert_double_eq(r.phi[OF_SCORE][0], 3);
    ck_assert_double_eq(r.phi[OF_VERDICT][0], 0);
    ck_assert_int_eq(r.decisive, -1); /* every value of the verdict 0: none */
    evshap_free(&r);
    /* but_for of the trigger itself: no player */
    int t[2] = {coop_actor_find(s, "g"), coop_actor_find(s, "a")};
    ck_assert_int_eq(evshap_but_for(&r, &s->m, s->w, 0, t, 3, boost, NULL), -1);
    ck_assert_msg(strstr(r.err_msg, "'boost'") && strstr(r.err_msg, "no player"), "%s", r.err_msg);
    evshap_free(&r);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- the Emil case: but-for causes ---- */

/* tests/golden/timeline_run.coop: trust 0.3, broken by 0.4 in 2013-03
 * (clamped at 0), a gala in 2014-08, then 0.01 a month from 2014-09. */
static const char emil[] =
    "timeline 2010-01 .. 2018-12 by month\n"
    "actor bureau : government {}\n"
    "actor emil : npo { publicity = 0.2  funded = false }\n"
    "relation trust(government, npo) default 0.3 range 0 .. 1\n"
    "event breach at 2013-03 { trust(bureau, emil) -= 0.4 }\n"
    "event gala at 2014-08 { emil.publicity = 0.9 }\n"
    "event reporting every month from 2014-09 { trust(bureau, emil) += 0.01 }\n"
    "event funding on cooperation(bureau, emil) { emil.funded = true }\n"
    "partnership cooperation(g: government, n: npo) {\n"
    "  factor trust     = trust(g, n)\n"
    "  factor publicity = n.publicity\n"
    "  score = 0.5*trust + 0.5*publicity\n"
    "  forms when trust >= 0.5 and publicity >= 0.5\n"
    "}\n";

/* v worked out here, players breach (bit 0), gala (1), reporting (2): the
 * reports of `months` months on the trust the breach left. */
typedef struct emil_case {
    int months, gala; /* months of reports, and whether the gala was by then */
    int of_score;
} emil_case;

static double emil_v(uint64_t s, const void *ctx)
{
    const emil_case *c = ctx;
    double trust = s & 1 ? 0 : 0.3; /* 0.3 - 0.4, clamped */
    for (int i = 0; i < c->months && (s & 4); i++) trust += 0.01;
    double publicity = s & 2 && c->gala ? 0.9 : 0.2;
    if (c->of_score) return 0.5 * trust + 0.5 * publicity;
    return trust >= 0.5 && publicity >= 0.5;
}

/* The but-for causes are the players whose removal alone flips the
 * verdict: at 2018-12 (52 months of reports) it forms, and only the gala
 * and the reports are but-for (without the breach it forms too); at
 * 2016-12 (28 months) it does not form, and the breach is the one whose
 * removal would let it form.  Both games against the definition. */
START_TEST(but_for_causes)
{
    coop_diags *d;
    coop_script *s = load_ok(emil, &d);
    static const struct {
        const char *when;
        int months, gala, forms;
        unsigned char but_for[3];
    } cases[] = {
        {"2018-12", 52, 1, 1, {0, 1, 1}},
        {"2016-12", 28, 1, 0, {1, 0, 0}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        evshap_result r;
        values(s, "cooperation", "bureau", "emil", cases[k].when, &r);
        ck_assert_int_eq(r.n, 3);
        ck_assert_double_eq(r.all[OF_VERDICT], cases[k].forms);
        ck_assert(memcmp(r.but_for, cases[k].but_for, 3) == 0);
        for (int of = 0; of < 2; of++) {
            emil_case c = {cases[k].months, cases[k].gala, of == OF_SCORE};
            double phi[3];
            by_orders(3, emil_v, &c, phi);
            for (int i = 0; i < 3; i++)
                ck_assert_msg(fabs(r.phi[of][i] - phi[i]) < 1e-12, "%s, game %d, %s: %.17g, by orders %.17g",
                              cases[k].when, of, player_name(s, &r, i), r.phi[of][i], phi[i]);
        }
        adds_up(&r);
        if (k == 0) { /* the gala and the reports, each necessary, share the verdict: 1/2 each */
            ck_assert_double_eq(r.phi[OF_VERDICT][0], 0);
            ck_assert_double_eq_tol(r.phi[OF_VERDICT][1], 0.5, 1e-15);
            ck_assert_double_eq_tol(r.phi[OF_VERDICT][2], 0.5, 1e-15);
            ck_assert_int_eq(r.decisive, 1); /* tied: the first by name */
        } else if (k == 1) { /* only gala and reporting without the breach form */
            ck_assert_double_eq_tol(r.phi[OF_VERDICT][0], -1.0 / 3, 1e-15);
            ck_assert_double_eq_tol(r.phi[OF_VERDICT][1], 1.0 / 6, 1e-15);
            ck_assert_int_eq(r.decisive, 0);
        }
        /* but_for alone agrees, at two runs */
        int t[2] = {coop_actor_find(s, "bureau"), coop_actor_find(s, "emil")};
        for (int i = 0; i < 3; i++) {
            evshap_result one;
            int step = step_of(s, cases[k].when);
            ck_assert_int_eq(evshap_but_for(&one, &s->m, s->w, 0, t, step, r.player[i], NULL), cases[k].but_for[i]);
            evshap_free(&one);
        }
        evshap_free(&r);
    }
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- past the exact limit: sampling ---- */

/* n events named p01 .. pNN at 2010, on a one-year timeline, each adding
 * weight[i] (1 when NULL) to a.x; p forms when x reaches `quota`; the
 * score is x. */
static coop_script *weighted(int n, const int *weight, int quota, coop_diags **d)
{
    size_t cap = 4096 + (size_t)n * 64, len = 0;
    char *text = malloc(cap);
    len += (size_t)snprintf(text + len, cap - len,
                            "timeline 2010 .. 2011 by year\n"
                            "actor g : government {}\n"
                            "actor a : npo { x = 0 }\n"
                            "partnership p(b: government, n: npo) {\n"
                            "  factor x = n.x\n"
                            "  score = x\n"
                            "  forms when x >= %d\n"
                            "}\n",
                            quota);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "event p%02d at 2010 { a.x += %d }\n", i + 1, weight ? weight[i] : 1);
    coop_script *s = load_ok(text, d);
    free(text);
    return s;
}

/* A weighted majority: the players of s reach the quota. */
typedef struct quota_game {
    int quota, n;
    const int *weight;
} quota_game;

static double majority(uint64_t s, const void *ctx)
{
    const quota_game *g = ctx;
    int x = 0;
    for (int i = 0; i < g->n; i++)
        if (s >> i & 1) x += g->weight[i];
    return x >= g->quota;
}

/* Sampled values agree with the exact ones within a few standard errors:
 * 13 equal events and a quota of 7 (each 1/13, by symmetry), and 14
 * weighted ones (exact by the subset formula here); the score, additive,
 * is each event's own weight in every order (standard error 0). */
START_TEST(sampled_past_the_exact_limit)
{
    static const int w14[] = {5, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1}; /* a quota of 13 of 25 */
    static const int w13[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    for (int k = 0; k < 2; k++) {
        int n = k ? 14 : 13;
        quota_game g = {k ? 13 : 7, n, k ? w14 : w13};
        coop_diags *d;
        coop_script *s = weighted(n, g.weight, g.quota, &d);
        evshap_result r;
        values(s, "p", "g", "a", "2010", &r);
        ck_assert_int_eq(r.n, n);
        ck_assert(!r.exact);
        ck_assert_int_le(r.runs, 1L << n); /* each coalition run once */
        double exact[16];
        by_subsets(n, majority, &g, exact);
        for (int i = 0; i < 13 && !k; i++) ck_assert(fabs(exact[i] - 1.0 / 13) < 1e-12); /* the closed form */
        int sampled = 0;
        for (int i = 0; i < n; i++) {
            double se = r.se[OF_VERDICT][i];
            ck_assert_msg(fabs(r.phi[OF_VERDICT][i] - exact[i]) <= 4 * se + 1e-12, "%d players, p%02d: %g, exact %g, se %g",
                          n, i + 1, r.phi[OF_VERDICT][i], exact[i], se);
            sampled += se > 0;
            double own = g.weight[i];
            ck_assert_double_eq_tol(r.phi[OF_SCORE][i], own, 1e-9);
            ck_assert_double_eq_tol(r.se[OF_SCORE][i], 0, 1e-9);
        }
        ck_assert_int_eq(sampled, n); /* each was sampled: its marginal contributions vary */
        adds_up(&r);
        evshap_free(&r);
        coop_script_free(s);
        coop_diags_free(d);
    }
}
END_TEST

/* At COOP_EVENT_SHAPLEY_EXACT_MAX players every coalition is run, exactly
 * once; one more and the orders are sampled.  At COOP_MAX_EVENT_PLAYERS
 * the analysis runs (the events act after the step asked about, so every
 * value is 0 and nothing is decisive); one more is refused, before any
 * run, saying the limit. */
START_TEST(limits_at_and_past_their_edges)
{
    int n = COOP_EVENT_SHAPLEY_EXACT_MAX;
    coop_diags *d;
    coop_script *s = weighted(n, NULL, n / 2, &d);
    evshap_result r;
    values(s, "p", "g", "a", "2010", &r);
    ck_assert(r.exact);
    ck_assert_int_eq(r.runs, 1L << n);
    for (int i = 0; i < n; i++) {
        ck_assert_double_eq_tol(r.phi[OF_VERDICT][i], 1.0 / n, 1e-12);
        ck_assert_double_eq(r.se[OF_VERDICT][i], 0);
    }
    ck_assert_int_eq(r.decisive, 0); /* all equal: the first by name */
    adds_up(&r);
    evshap_free(&r);
    coop_script_free(s);
    coop_diags_free(d);
    s = weighted(n + 1, NULL, n / 2, &d);
    values(s, "p", "g", "a", "2010", &r);
    ck_assert(!r.exact);
    evshap_free(&r);
    coop_script_free(s);
    coop_diags_free(d);

    for (int k = 0; k < 2; k++) {
        int players = COOP_MAX_EVENT_PLAYERS + k;
        size_t cap = 1024 + (size_t)players * 48, len = 0;
        char *text = malloc(cap);
        len += (size_t)snprintf(text, cap,
                                "timeline 2010 .. 2011 by year\n"
                                "actor g : government {}\n"
                                "actor a : npo { x = 0 }\n"
                                "partnership p(b: government, n: npo) { factor x = n.x  forms when x >= 1000 }\n");
        for (int i = 0; i < players; i++) len += (size_t)snprintf(text + len, cap - len, "event q%02d at 2011 { a.x += 1 }\n", i);
        s = load_ok(text, &d);
        free(text);
        int t[2] = {coop_actor_find(s, "g"), coop_actor_find(s, "a")};
        int rc = evshap_events(&r, &s->m, s->w, 0, t, 1, 0, NULL); /* 2011: every event a player */
        if (k == 0) {
            ck_assert_msg(rc == 0, "%s", r.err_msg);
            ck_assert_int_eq(r.n, COOP_MAX_EVENT_PLAYERS);
            ck_assert(!r.exact && !r.has_score);
            for (int i = 0; i < r.n; i++) ck_assert_double_eq(r.phi[OF_VERDICT][i], 0);
            ck_assert_int_eq(r.decisive, -1);
        } else {
            ck_assert_int_eq(rc, -1);
            ck_assert(r.failed && r.runs == 0 && r.err_loc.line == 0);
            ck_assert_msg(strstr(r.err_msg, "at most 64") && strstr(r.err_msg, "has 65"), "%s", r.err_msg);
            evshap_free(&r);
            /* but_for needs no coalition masks: it takes them all */
            rc = evshap_but_for(&r, &s->m, s->w, 0, t, 1, names_get(&s->m.event_idx, "q07"), NULL);
            ck_assert_int_eq(rc, 0); /* the other 64 still make x >= 1 */
        }
        evshap_free(&r);
        coop_script_free(s);
        coop_diags_free(d);
    }
}
END_TEST

/* COOP_EVENT_SHAPLEY_WORK, the steps the runs take, is checked before any
 * run: at it, the analysis starts (a stop set stops it at its first run);
 * one step more, it is refused with the count, no run made, and the last
 * date within the limit.  The runs counted: 2^n exact, sampled at most
 * 1 + 1001 n and 2^n. */
START_TEST(work_at_and_past_its_edge)
{
    ck_assert_int_eq(evshap_work(12, 4095), COOP_EVENT_SHAPLEY_WORK);
    ck_assert_int_eq(evshap_work(13, 0), 8192);  /* 2^13 < 1 + 13013 */
    ck_assert_int_eq(evshap_work(20, 9), 20021 * 10L);
    ck_assert_int_eq(evshap_work(64, 0), 64065);
    char text[2048];
    int len = sprintf(text, "timeline 2000-01-01 .. 2030-12-31 by day\nactor g : government {}\nactor a : npo { x = 0 }\n"
                            "partnership p(b: government, n: npo) { factor x = n.x  score = x  forms when x >= 6 }\n");
    for (int i = 0; i < 12; i++) len += sprintf(text + len, "event e%02d at 2000-01-%02d { a.x += 1 }\n", i, i + 1);
    coop_diags *d;
    coop_script *s = load_ok(text, &d);
    int t[2] = {coop_actor_find(s, "g"), coop_actor_find(s, "a")}, at = step_of(s, "2011-03-19");
    ck_assert_int_eq(at, 4095);
    evshap_result r;
    static volatile sig_atomic_t stop = 1;
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, 0, t, at, 0, &stop), -1); /* at the limit: let run */
    ck_assert(r.stopped && !r.failed && r.runs == 0);
    evshap_free(&r);
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, 0, t, at + 1, 0, NULL), -1);
    ck_assert(r.failed && !r.stopped && r.runs == 0 && r.err_loc.line == 0);
    ck_assert_str_eq(r.err_msg,
                     "the event Shapley values of p(g, a) at 2011-03-20 need 16781312 steps run (4096 runs of the "
                     "timeline x 4097 steps, one for each coalition of 12 events), more than the limit of 16777216 "
                     "(COOP_EVENT_SHAPLEY_WORK); ask at 2011-03-19 or earlier, on a coarser timeline (by month, by "
                     "year), or with fewer dated and recurring events (one acting only after the date is no player)");
    evshap_free(&r);
    /* but_for takes two runs, whatever the players: no limit */
    ck_assert_int_eq(evshap_but_for(&r, &s->m, s->w, 0, t, at + 1, names_get(&s->m.event_idx, "e00"), NULL), 0);
    evshap_free(&r);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- errors and stops ---- */

/* cut and lift act together in 2011 (x stays 1); fix divides by x in
 * 2012, so only the runs with cut and without lift fail, and the tuple
 * divides by x too, in the runs with cut alone among the two.  Each error
 * is said with its coalition and where it was. */
static const char failing_model[] =
    "timeline 2010 .. 2013 by year\n"
    "actor g : government {}\n"
    "actor a : npo { x = 1  y = 0 }\n"
    "event cut at 2011 { a.x -= 1 }\n"
    "event lift at 2011 { a.x += 1 }\n"
    "event fix at 2012 {\n"
    "  a.y = 1 / a.x\n"
    "}\n"
    "partnership p(b: government, n: npo) { factor y = n.y  score = y  forms when y > 0 }\n"
    "partnership q(b: government, n: npo) { factor r = 1 / n.x  forms when r > 0 }\n";

START_TEST(an_error_is_said_with_its_coalition)
{
    coop_diags *d;
    coop_script *s = load_ok(failing_model, &d);
    int t[2] = {coop_actor_find(s, "g"), coop_actor_find(s, "a")};
    evshap_result r;
    /* players: cut (bit 0), fix (1), lift (2) */
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, coop_rule_find(s, "p"), t, 2, 0, NULL), -1);
    ck_assert(r.failed && !r.stopped);
    ck_assert_msg(!strncmp(r.err_msg, "without lift: division by zero", 30) && strstr(r.err_msg, "'fix'"), "%s",
                  r.err_msg);
    ck_assert_int_eq(r.err_coalition, 3);
    ck_assert_int_eq(r.err_loc.line, 7); /* the change's value */
    evshap_free(&r);
    /* at 2011, before fix acts: q divides by x where cut acts alone */
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, coop_rule_find(s, "q"), t, 1, 0, NULL), -1);
    ck_assert_msg(strstr(r.err_msg, "without ") && strstr(r.err_msg, "lift") &&
                      strstr(r.err_msg, "division by zero while deciding q(g, a)"),
                  "%s", r.err_msg);
    ck_assert(r.err_coalition & 1 && !(r.err_coalition & 4));
    ck_assert_int_eq(r.err_loc.line, 10);
    evshap_free(&r);
    /* but_for says its error with its coalition too */
    ck_assert_int_eq(evshap_but_for(&r, &s->m, s->w, 0, t, 3, names_get(&s->m.event_idx, "lift"), NULL), -1);
    ck_assert_msg(!strncmp(r.err_msg, "without lift: ", 14), "%s", r.err_msg);
    evshap_free(&r);
    /* a step outside the timeline */
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, 0, t, 4, 0, NULL), -1);
    ck_assert_msg(strstr(r.err_msg, "outside the timeline"), "%s", r.err_msg);
    evshap_free(&r);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

static volatile sig_atomic_t stop_now;

/* set by a signal, as coop's SIGINT handler does (from another thread it
 * would be a data race, which ThreadSanitizer reports) */
static void stop_on_alarm(int sig)
{
    (void)sig;
    stop_now = 1;
}

/* The stop is looked at between runs: set before, no run is made; set
 * while the coalitions run (64 players sampled: some 64,000 runs), the
 * analysis stops part of the way, with no error. */
START_TEST(a_stop_is_honoured)
{
    coop_diags *d;
    coop_script *s = weighted(COOP_MAX_EVENT_PLAYERS, NULL, 30, &d);
    int t[2] = {coop_actor_find(s, "g"), coop_actor_find(s, "a")};
    evshap_result r;
    stop_now = 1;
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, 0, t, 0, 0, &stop_now), -1);
    ck_assert(r.stopped && !r.failed && r.runs == 0 && !r.err_msg);
    evshap_free(&r);
    stop_now = 0;
    struct sigaction on_alarm = {0}, was;
    on_alarm.sa_handler = stop_on_alarm;
    sigemptyset(&on_alarm.sa_mask);
    ck_assert_int_eq(sigaction(SIGALRM, &on_alarm, &was), 0);
    struct itimerval in_20ms = {{0, 0}, {0, 20 * 1000}}, off = {{0, 0}, {0, 0}};
    ck_assert_int_eq(setitimer(ITIMER_REAL, &in_20ms, NULL), 0);
    ck_assert_int_eq(evshap_events(&r, &s->m, s->w, 0, t, 0, 0, &stop_now), -1);
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &was, NULL);
    ck_assert(r.stopped && !r.failed && !r.err_msg);
    ck_assert_msg(r.runs > 0 && r.runs < 64 * COOP_EVENT_SHAPLEY_PERMUTATIONS, "%ld runs", r.runs);
    evshap_free(&r);
    stop_now = 0;
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_evshap(void)
{
    Suite *s = suite_create("evshap");
    TCase *t = tcase_create("evshap");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, additive_events_get_their_own_contribution);
    tcase_add_test(t, a_trigger_is_re_simulated_and_credited);
    tcase_add_test(t, but_for_causes);
    tcase_add_test(t, sampled_past_the_exact_limit);
    tcase_add_test(t, limits_at_and_past_their_edges);
    tcase_add_test(t, work_at_and_past_its_edge);
    tcase_add_test(t, an_error_is_said_with_its_coalition);
    tcase_add_test(t, a_stop_is_honoured);
    suite_add_tcase(s, t);
    return s;
}

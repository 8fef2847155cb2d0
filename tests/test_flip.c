/* test_flip.c - the smallest change that flips a verdict (flip.h): closed
 * forms (a threshold's flip is the threshold), strict and non-strict
 * comparisons, true/false values, influence, pieces (abs, max), what
 * cannot move; random linear rules, and rules reading a contract's
 * obligation, against a grid over every input; the search on rules that
 * are not linear; a timeline; the limits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#include "flip.h"
#include "fmt.h"
#include "script.h"

/* Flips rule's tuple (a, b) of s in its own world, every input free. */
static int flip2(const coop_script *s, const char *rule, const char *a, const char *b, flip_result *r)
{
    int t[2] = {coop_actor_find(s, a), coop_actor_find(s, b)};
    ck_assert_int_ge(t[0], 0);
    ck_assert_int_ge(t[1], 0);
    return flip_find(r, &s->m, s->w, coop_rule_find(s, rule), t, FLIP_OTHER, NULL, 0, 1, NULL);
}

/* The input of r whose target reads `name` (as a what-if writes it). */
static int input_named(const coop_script *s, const flip_result *r, const char *target)
{
    for (int i = 0; i < r->nin + r->nfixed; i++) {
        char buf[256];
        FILE *f = fmemopen(buf, sizeof buf, "w");
        flip_target(f, &s->m, &r->in[i]);
        fputc(0, f);
        fclose(f);
        if (strcmp(buf, target) == 0) return i;
    }
    return -1;
}

static coop_script *load_text(const char *text)
{
    coop_diags *d;
    coop_script *s = load_ok(text, &d);
    coop_diags_free(d);
    return s;
}

/* ---- closed forms ---- */

static const char *threshold =
    "actor a : npo { x = 0.1  y = 0.8 }\n"
    "actor e : enterprise { }\n"
    "attribute x : npo range 0 .. 1\n"
    "attribute y : npo range 0 .. 2\n"
    "partnership ge(n: npo, f: enterprise) { factor v = n.x  forms when v >= 0.37 }\n"
    "partnership gt(n: npo, f: enterprise) { factor v = n.x  forms when v > 0.37 }\n"
    "partnership le(n: npo, f: enterprise) { factor v = n.y  forms when v <= 0.37 }\n"
    "partnership lt(n: npo, f: enterprise) { factor v = n.y  forms when v < 0.37 }\n"
    "partnership never(n: npo, f: enterprise) { factor v = n.x  forms when v > 1.5 }\n"
    "partnership eq(n: npo, f: enterprise) { factor v = n.x  forms when 4 * v == 1 }\n";

START_TEST(flip_threshold)
{
    coop_script *s = load_text(threshold);
    flip_result r;
    /* >=: the threshold itself; its cost its distance over the range */
    ck_assert_int_eq(flip2(s, "ge", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.before == 0 && r.after == 1);
    ck_assert_int_eq(r.nin, 1);
    ck_assert_double_eq(r.to[0], 0.37);
    ck_assert_int_eq(r.count, 1);
    ck_assert(r.cost == 0.27); /* as a person subtracts: 0.37 - 0.1 is 0.26999999999999996 in doubles */
    flip_free(&r);
    /* >: just past it, by no more than rounding; the cost the bound's */
    ck_assert_int_eq(flip2(s, "gt", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.after == 1);
    ck_assert(r.to[0] > 0.37 && r.to[0] - 0.37 <= 1.0000001e-9); /* written short: within 1e-9 of its range */
    ck_assert(r.cost == 0.27 && r.share[0] == 0.27);
    flip_free(&r);
    /* <= and < downward, in a range of 2 */
    ck_assert_int_eq(flip2(s, "le", "a", "e", &r), 0);
    ck_assert_double_eq(r.to[0], 0.37);
    ck_assert(r.cost == 0.215);
    flip_free(&r);
    ck_assert_int_eq(flip2(s, "lt", "a", "e", &r), 0);
    ck_assert(r.to[0] < 0.37 && 0.37 - r.to[0] <= 2.0000001e-9 && r.after == 1);
    ck_assert(r.cost == 0.215);
    flip_free(&r);
    /* a threshold outside the range: nothing flips it */
    ck_assert_int_eq(flip2(s, "never", "a", "e", &r), 0);
    ck_assert(r.exact && !r.found);
    ck_assert_int_eq(r.nin, 1);
    flip_free(&r);
    /* an equality: the point itself */
    ck_assert_int_eq(flip2(s, "eq", "a", "e", &r), 0);
    ck_assert(r.found && r.to[0] == 0.25 && r.after == 1);
    flip_free(&r);
    coop_script_free(s);
    /* an equality the evaluator's sums must meet: 0.1 + 0.2 is not 0.3 in doubles; the value that
     * is (0.3 - 0.2) is the answer, and no shorter one */
    s = load_text("actor a : npo { x = 0  y = 0.2 }\nactor e : enterprise { }\nattribute x : npo range 0 .. 1\n"
                  "partnership p(n: npo, f: enterprise) { factor s = n.x + n.y  forms when s == 0.3 }\n");
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.after == 1 && r.count == 1);
    ck_assert(r.to[input_named(s, &r, "a.x")] == 0.3 - 0.2);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* What a flip reports: its cost the bound's, to 10^-9 of a range (what a
 * strict comparison's value passes by a hair, and the programme's
 * rounding, are not in it), the values written flipping it; and how it
 * was found, with or without programmes. */
static const char *reports =
    "actor a : npo { t = 0.45  u = 0.6  flag = false  w = 0.2 }\n"
    "actor e : enterprise { }\n"
    "attribute t : npo range 0 .. 1\n"
    "attribute u : npo range 0 .. 1\n"
    "param bar = 0.3 range 0 .. 1\n"
    "partnership strict(n: npo, f: enterprise) { factor v = 0.4 + 0.25 * (n.t - 0.3)  forms when v >= 0.4275 }\n"
    "partnership third(n: npo, f: enterprise) { factor v = 0.25 * n.u + 0.3  forms when v >= 0.3783333333333333 }\n"
    "partnership flag(n: npo, f: enterprise) { factor v = n.flag  factor x = n.u  forms when v and x >= bar }\n"
    "partnership stuck(n: npo, f: enterprise) { factor x = n.w  factor y = n.u  forms when x >= 0.5 and y >= bar }\n";

START_TEST(flip_reports)
{
    coop_script *s = load_text(reports);
    flip_result r;
    /* it forms; to stop, t below 0.41: the cost 0.04, the value written a hair past it */
    ck_assert_int_eq(flip2(s, "strict", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.before == 1 && r.after == 0);
    ck_assert(r.to[0] < 0.41 && r.to[0] >= 0.41 - 1e-9);
    ck_assert(r.cost == 0.04);
    char b[64];
    fmt_num(b, sizeof b, r.cost);
    ck_assert_str_eq(b, "0.04");
    flip_free(&r);
    /* a bound of no short form: to 10^-9 of its range, and the value written the same */
    ck_assert_int_eq(flip2(s, "third", "a", "e", &r), 0);
    ck_assert(r.found && r.after == 0);
    ck_assert_double_eq_tol(r.cost, 0.6 - 0.3133333333333333, 1e-9);
    fmt_num(b, sizeof b, r.cost);
    ck_assert_int_le((int)strlen(b), 11); /* 0.286666667: no tail of rounding */
    flip_free(&r);
    /* on the bound of a strict comparison: one value, by a hair, costs 0 */
    coop_script *on_bound = load_text("actor a : npo { x = 0.3 }\nactor e : enterprise { }\nattribute x : npo range 0 .. 1\n"
                                  "partnership p(n: npo, f: enterprise) { factor v = n.x  forms when v > 0.3 }\n");
    ck_assert_int_eq(flip2(on_bound, "p", "a", "e", &r), 0);
    ck_assert(r.found && r.after == 1 && r.count == 1 && r.cost == 0 && r.to[0] > 0.3);
    flip_free(&r);
    coop_script_free(on_bound);
    /* a flag alone: no programme, the assignment checked in closed form */
    const char *flag = "a.flag";
    int t[2] = {coop_actor_find(s, "a"), coop_actor_find(s, "e")};
    flip_pick pk = {coop_attr_find(s, "flag"), -1, -1, -1, -1, {0, 0, 0, 0}};
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, coop_rule_find(s, "flag"), t, FLIP_OTHER, &pk, 1, 1, NULL), 0);
    ck_assert(r.exact && r.found && r.lps == 0 && r.closed >= 1 && r.count == 1 && r.cost == 1);
    ck_assert_int_eq(input_named(s, &r, flag), 0);
    flip_free(&r);
    /* a parameter the verdict reads, which cannot bring about the rest: no polytope, no programme, no check */
    pk.attr = -1;
    pk.mparam = names_get(&s->m.param_idx, "bar");
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, coop_rule_find(s, "stuck"), t, FLIP_OTHER, &pk, 1, 1, NULL), 0);
    ck_assert(r.exact && !r.found && r.nin == 1 && r.lps == 0 && r.closed == 0);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* The verdict asked for: the other one by default; one named, which the
 * tuple may have already (nothing changes, cost 0); the queries ask for
 * it too, each direction its own answer (one query, asked in turn). */
START_TEST(flip_direction)
{
    coop_script *s = load_text(threshold);
    int t[2] = {coop_actor_find(s, "a"), coop_actor_find(s, "e")}, ge = coop_rule_find(s, "ge");
    flip_result r;
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, ge, t, FLIP_FORM, NULL, 0, 1, NULL), 0);
    ck_assert(r.want == FLIP_FORM && !r.already && r.found && r.after == 1 && r.cost == 0.27);
    flip_free(&r);
    /* it does not form: to fail is where it is */
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, ge, t, FLIP_FAIL, NULL, 0, 1, NULL), 0);
    ck_assert(r.want == FLIP_FAIL && r.already && r.found && r.before == 0 && r.after == 0);
    ck_assert(r.count == 0 && r.cost == 0 && r.lps == 0 && r.evaluations == 1);
    for (int i = 0; i < r.nin; i++) ck_assert(r.to[i] == r.in[i].now);
    flip_free(&r);
    /* FLIP_OTHER: the other verdict than now, whichever way */
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, coop_rule_find(s, "le"), t, FLIP_OTHER, NULL, 0, 1, NULL), 0);
    ck_assert(r.before == 0 && r.want == FLIP_FORM);
    flip_free(&r);
    coop_script_free(s);
    expect_all_pass("actor a : npo { x = 0.1 }\nactor e : enterprise { }\nattribute x : npo range 0 .. 1\n"
                    "partnership ge(n: npo, f: enterprise) { factor v = n.x  forms when v >= 0.37 }\n"
                    "expect flip_cost(ge(a, e) to form) == 0.27\n"
                    "expect flip_cost(ge(a, e) to fail) == 0\n"
                    "expect flip_count(ge(a, e) to fail) == 0\n"
                    "expect flip_cost(ge(a, e) to form) == 0.27\n"
                    "expect flippable(ge(a, e) to fail)\n"
                    "expect flip_cost(ge(a, e)) == flip_cost(ge(a, e) to form)\n");
}
END_TEST

/* What moves: declared ranges, the data's, true/false, relations, and what
 * cannot (sets, strings, a range of no width, a value the actor lacks). */
static const char *inputs_text =
    "actor a : npo { c = 0.5  d = 3  flag = false  tags = {x}  note = \"n\"  same = 2 }\n"
    "actor b : npo { c = 0.2  d = 9  flag = true  tags = {y}  note = \"m\"  same = 2 }\n"
    "actor e : enterprise { c = 0.9 }\n"
    "attribute c : npo range 0 .. 1\n"
    "relation t(npo, enterprise) default 0.3\n"
    "t(b, e) = 0.8\n"
    "relation u(npo, enterprise) default 0.5 range 0.25 .. 0.75\n"
    "partnership p(n: npo, f: enterprise) {\n"
    "  factor one = n.c + f.c + n.d / 10 + t(n, f) + u(n, f) + n.same\n"
    "  factor two = n.flag or size(n.tags) > 1 or n.note == \"x\"\n"
    "  forms when one > 5 and two\n"
    "}\n";

START_TEST(flip_inputs)
{
    coop_script *s = load_text(inputs_text);
    flip_result r;
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    struct { const char *name; double lo, hi; flip_range from; const char *fixed; } want[] = {
        {"a.c", 0, 1, FLIP_DECLARED, NULL},    /* declared for npos */
        {"a.d", 3, 9, FLIP_DATA, NULL},        /* over a and b */
        {"a.flag", 0, 1, FLIP_BOOLEAN, NULL},
        {"e.c", 0.9, 0.9, FLIP_DATA, "a range of no width"}, /* e alone has c among enterprises? no: every actor */
        {"t(a, e)", 0.3, 0.8, FLIP_DATA, NULL},              /* the default and the values set */
        {"u(a, e)", 0.25, 0.75, FLIP_DECLARED, NULL},
        {"a.same", 2, 2, FLIP_DATA, "a range of no width"},
        {"a.tags", 0, 0, FLIP_DATA, "a set"},
        {"a.note", 0, 0, FLIP_DATA, "a string"},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int i = input_named(s, &r, want[k].name);
        ck_assert_msg(i >= 0, "%s is not an input", want[k].name);
        const flip_input *in = &r.in[i];
        if (want[k].fixed && strcmp(want[k].fixed, "a range of no width") != 0) {
            ck_assert_str_eq(in->fixed, want[k].fixed);
            continue;
        }
        if (!strcmp(want[k].name, "e.c")) { /* the data of c: every actor that has it, of any kind */
            ck_assert(in->fixed == NULL);
            ck_assert_double_eq(in->lo, 0.2);
            ck_assert_double_eq(in->hi, 0.9);
            continue;
        }
        ck_assert_msg(want[k].fixed ? in->fixed != NULL : in->fixed == NULL, "%s", want[k].name);
        ck_assert_msg(in->lo == want[k].lo && in->hi == want[k].hi, "%s: %g .. %g", want[k].name, in->lo, in->hi);
        ck_assert_int_eq(in->from, want[k].from);
        ck_assert_int_eq(i < r.nin, in->fixed == NULL);
    }
    ck_assert_int_eq(r.nin + r.nfixed, 9);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* true/false: flipped, a change of 1; the cheapest mix of flags and numbers */
static const char *booleans =
    "actor a : npo { ok = false  x = 0.2  big = true }\n"
    "actor e : enterprise { ok = false }\n"
    "attribute x : npo range 0 .. 1\n"
    "partnership p(n: npo, f: enterprise) {\n"
    "  factor both = n.ok and f.ok\n"
    "  factor v = n.x\n"
    "  forms when both or v >= 0.9\n"
    "}\n"
    "partnership q(n: npo, f: enterprise) {\n"
    "  factor k = n.ok or f.ok\n"
    "  factor v = n.x\n"
    "  score = 0.5 * k + v\n"
    "  forms when score >= 0.6\n"
    "}\n"
    "partnership r(n: npo, f: enterprise) {\n"
    "  factor big = n.big\n"
    "  factor v = n.x\n"
    "  forms when big and v > 0.1\n"
    "}\n";

START_TEST(flip_booleans)
{
    coop_script *s = load_text(booleans);
    flip_result r;
    /* two flags (count 2) lose to one number (count 1), however far it moves */
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(r.found && r.count == 1);
    ck_assert_double_eq(r.to[input_named(s, &r, "a.x")], 0.9);
    flip_free(&r);
    /* one flag (cost 1) or x by 0.4 (cost 0.4): the number */
    ck_assert_int_eq(flip2(s, "q", "a", "e", &r), 0);
    ck_assert(r.found && r.count == 1);
    ck_assert_double_eq_tol(r.cost, 0.4, 1e-9);
    flip_free(&r);
    /* it forms; x to 0.1 (strict) costs 0.1 + a hair, the flag 1 */
    ck_assert_int_eq(flip2(s, "r", "a", "e", &r), 0);
    ck_assert(r.found && r.before == 1 && r.after == 0 && r.count == 1);
    ck_assert(r.to[input_named(s, &r, "a.x")] == 0.1);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* influence: the effective value moves with both its own and what
 * influences it, through M; abs and max in pieces */
static const char *influence =
    "actor a : npo { x = 0.2  y = 0.3  p = 0.6  q = 0.1 }\n"
    "actor e : enterprise { }\n"
    "attribute x : npo range 0 .. 1\n"
    "attribute y : npo range 0 .. 1\n"
    "attribute p : npo range 0 .. 1\n"
    "attribute q : npo range 0 .. 1\n"
    "partnership i(n: npo, f: enterprise) {\n"
    "  factor a = n.x\n"
    "  factor b = n.y\n"
    "  influence a -> b by 0.5\n"
    "  forms when b >= 0.6\n"
    "}\n"
    "partnership d(n: npo, f: enterprise) {\n"
    "  factor gap = abs(n.p - n.q)\n"
    "  forms when gap <= 0.1\n"
    "}\n"
    "partnership m(n: npo, f: enterprise) {\n"
    "  factor most = max(n.p, n.q)\n"
    "  forms when most <= 0.3\n"
    "}\n";

START_TEST(flip_influence_pieces)
{
    coop_script *s = load_text(influence);
    flip_result r;
    /* effective b = y + 0.5 x = 0.4: y to 0.5 (0.2) beats x to 0.6 (0.4) */
    ck_assert_int_eq(flip2(s, "i", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.count == 1);
    ck_assert_double_eq_tol(r.to[input_named(s, &r, "a.y")], 0.5, 1e-12);
    ck_assert_double_eq_tol(r.cost, 0.2, 1e-9);
    flip_free(&r);
    /* |p - q| = 0.5 to 0.1: p down to 0.2 or q up to 0.5, 0.4 either way */
    ck_assert_int_eq(flip2(s, "d", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.count == 1);
    ck_assert_double_eq_tol(r.cost, 0.4, 1e-9);
    flip_free(&r);
    /* max(p, q) <= 0.3: p to 0.3 */
    ck_assert_int_eq(flip2(s, "m", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.count == 1);
    ck_assert_double_eq_tol(r.to[input_named(s, &r, "a.p")], 0.3, 1e-12);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* the model's parameters: moved only when named, within their declared
 * range; a threshold's flip is the score itself, a weight's is linear
 * while what it weighs holds still, and a weight with its value, or an
 * influence weight, is searched */
static const char *params_text =
    "actor a : npo { x = 0.5  y = 0.2 }\n"
    "actor e : enterprise { }\n"
    "attribute x : npo range 0 .. 1\n"
    "attribute y : npo range 0 .. 1\n"
    "param bar = 0.6 range 0 .. 1\n"
    "param w = 0.5 range 0 .. 2\n"
    "param link = 0.5 range 0 .. 1\n"
    "param loose = 0.3\n"
    "partnership p(n: npo, f: enterprise) {\n"
    "  factor x = n.x\n"
    "  factor y = n.y\n"
    "  influence y -> x by link\n"
    "  score = w * x\n"
    "  forms when score >= bar\n"
    "}\n";

static int flip_by(const coop_script *s, const char *const *nm, int n, flip_result *r)
{
    flip_pick p[4];
    for (int i = 0; i < n; i++) {
        memset(&p[i], 0, sizeof p[i]);
        p[i].attr = p[i].actor = p[i].param = p[i].rel = -1;
        p[i].mparam = names_get(&s->m.param_idx, nm[i]);
        if (p[i].mparam < 0) p[i].attr = coop_attr_find(s, nm[i]);
    }
    int t[2] = {coop_actor_find(s, "a"), coop_actor_find(s, "e")};
    return flip_find(r, &s->m, s->w, coop_rule_find(s, "p"), t, FLIP_OTHER, p, n, 1, NULL);
}

START_TEST(flip_parameters)
{
    coop_script *s = load_text(params_text);
    flip_result r;
    /* every input free: x, y; no parameter */
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.before == 0);
    for (int i = 0; i < r.nin; i++) ck_assert(!r.in[i].is_param);
    flip_free(&r);
    /* the threshold: down to the score, 0.5 * (0.5 + 0.5 * 0.2) = 0.3 */
    const char *bar[] = {"bar"};
    ck_assert_int_eq(flip_by(s, bar, 1, &r), 0);
    ck_assert(r.exact && r.found && r.nin == 1 && r.in[0].is_param && r.in[0].from == FLIP_DECLARED);
    ck_assert_double_eq_tol(r.to[0], 0.3, 1e-9);
    ck_assert(r.to[0] <= 0.3);
    flip_free(&r);
    /* the weight, the value it weighs held: w * 0.6 >= 0.6, w = 1 */
    const char *w[] = {"w"};
    ck_assert_int_eq(flip_by(s, w, 1, &r), 0);
    ck_assert(r.exact && r.found);
    ck_assert_double_eq_tol(r.to[0], 1, 1e-9);
    ck_assert_double_eq_tol(r.cost, 0.25, 1e-9); /* half of 1 over a range of 2 */
    flip_free(&r);
    /* the weight and what it weighs: a product, searched */
    const char *wx[] = {"w", "x"};
    ck_assert_int_eq(flip_by(s, wx, 2, &r), 0);
    ck_assert(!r.exact && r.found && r.after == 1);
    ck_assert_ptr_nonnull(strstr(r.why_search, "w * x"));
    flip_free(&r);
    /* an influence weight: searched, and why */
    const char *link[] = {"link"};
    ck_assert_int_eq(flip_by(s, link, 1, &r), 0);
    ck_assert(!r.exact);
    ck_assert_ptr_nonnull(strstr(r.why_search, "the influence weight link"));
    flip_free(&r);
    /* no declared range: it cannot move */
    const char *loose[] = {"loose"};
    ck_assert_int_eq(flip_by(s, loose, 1, &r), 0);
    ck_assert(r.nin == 0 && r.nfixed == 1 && !r.found);
    ck_assert_str_eq(r.in[0].fixed, "a parameter without a declared range");
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* ---- random linear rules against a grid over every input ---- */

#define GRID 21 /* 0, 0.05, ... 1 */

/* An input the grid sets: attribute attr of actor `actor`, or (attr -1)
 * relation rel over the tuple; as a what-if writes it, `name`. */
typedef struct grid_in {
    int actor, attr, rel;
    const char *name;
} grid_in;

/* The tuple's verdict with input k at x[k]: by the public API, apart from
 * what flip decides with. */
static int decide(const coop_script *s, const double *x, int rule, const int *t, const grid_in *in, int n)
{
    coop_world *w = coop_world_clone(coop_script_world(s));
    for (int k = 0; k < n; k++)
        if (in[k].attr >= 0) ck_assert_int_eq(coop_world_set_number(w, in[k].actor, in[k].attr, x[k]), 0);
        else ck_assert_int_eq(coop_world_set_relation(w, in[k].rel, t, x[k]), 0);
    coop_query *q = coop_query_new(s, w, 0);
    coop_verdict v;
    int rc = coop_evaluate(q, rule, t, &v, NULL);
    coop_query_free(q);
    coop_world_free(w);
    return rc < 0 ? -1 : v.forms;
}

/* The grid's least change that turns the verdict from `before`: every
 * point of the n inputs (the last `flags` of them 0 or 1, the others in
 * steps of 1/(GRID-1)), by its count of values changed, then its cost;
 * *best_n 99 when none does. */
static void grid_least(const coop_script *s, int rule, const int *t, const grid_in *in, int n, int flags,
                       const double *now, int before, int *best_n, double *best_c)
{
    long points = 1;
    for (int k = 0; k < n; k++) points *= k < n - flags ? GRID : 2;
    *best_n = 99;
    *best_c = INFINITY;
    for (long i = 0; i < points; i++) {
        double x[8], c = 0;
        int m = 0;
        for (long k = 0, rest = i; k < n; k++) {
            int steps = k < n - flags ? GRID : 2;
            x[k] = (double)(rest % steps) / (steps - 1);
            rest /= steps;
            m += x[k] != now[k];
            c += fabs(x[k] - now[k]);
        }
        if (m > *best_n || (m == *best_n && c >= *best_c)) continue;
        if (decide(s, x, rule, t, in, n) == !before) {
            *best_n = m;
            *best_c = c;
        }
    }
}

/* The point r's change moves the grid's inputs to (the others as now). */
static void flip_point(const coop_script *s, const flip_result *r, const grid_in *in, int n, const double *now, double *x)
{
    memcpy(x, now, (size_t)n * sizeof *x);
    for (int i = 0; i < r->nin; i++) {
        char nm[64];
        FILE *f = fmemopen(nm, sizeof nm, "w");
        flip_target(f, &s->m, &r->in[i]);
        fputc(0, f);
        fclose(f);
        for (int k = 0; k < n; k++)
            if (!strcmp(nm, in[k].name)) x[k] = r->to[i];
    }
}

/* Rule p of s (text, for messages) flipped at tuple t, every input free,
 * against the grid's least change (grid_least): exact; none where the
 * grid has none; else the evaluator's verdict at its change (into x)
 * flipped, and never worse than the grid.  0 when none flips it, 1 when
 * the flip changes as many values as the grid's least, 2 when fewer (a
 * sliver between the grid's points); *before the verdict now. */
static int flip_on_grid(const coop_script *s, const char *text, const int *t, const grid_in *in, int n, int flags,
                        const double *now, double *x, int *before)
{
    int rule = coop_rule_find(s, "p"), best_n, rc = 0;
    double best_c;
    *before = decide(s, now, rule, t, in, n);
    grid_least(s, rule, t, in, n, flags, now, *before, &best_n, &best_c);
    flip_result r;
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, rule, t, FLIP_OTHER, NULL, 0, 1, NULL), 0);
    ck_assert_msg(r.exact, "%s: %s", text, r.why_search);
    ck_assert_int_eq(r.before, *before);
    if (!r.found) /* none within the ranges: the grid, inside them, has none either */
        ck_assert_msg(best_n == 99, "%s: the grid flips it with %d values, cost %g", text, best_n, best_c);
    else {
        flip_point(s, &r, in, n, now, x);
        ck_assert_int_eq(decide(s, x, rule, t, in, n), !*before);
        ck_assert_int_eq(r.after, !*before);
        /* never worse than the grid (the grid never better, by any step) */
        ck_assert_msg(r.count < best_n || (r.count == best_n && r.cost <= best_c + 1e-9), "%s: flip %d %.17g, grid %d %g",
                      text, r.count, r.cost, best_n, best_c);
        rc = r.count == best_n ? 1 : 2;
    }
    flip_free(&r);
    return rc;
}

static double grid_value(uint64_t *seed) { return (double)(rng_next(seed) % GRID) / (GRID - 1); }

static const char *cmp_op(uint64_t *seed) { static const char *ops[] = {">=", ">", "<=", "<"}; return ops[rng_next(seed) % 4]; }

START_TEST(flip_against_grid)
{
    uint64_t seed = 7;
    int models = 0, found = 0, none = 0, thin = 0;
    for (int trial = 0; trial < 40; trial++) {
        double x0 = grid_value(&seed), x1 = grid_value(&seed), t0 = grid_value(&seed);
        int flag = (int)(rng_next(&seed) & 1);
        double w[4];
        for (int i = 0; i < 4; i++) w[i] = round(((double)(rng_next(&seed) % 2001) / 1000 - 1) * 100) / 100;
        double thr = round((double)(rng_next(&seed) % 1000) / 1000 * 100) / 100;
        int shape = (int)(rng_next(&seed) % 4);
        char text[2048];
        const char *second = shape == 0 ? "n.x1" : shape == 1 ? "abs(n.x1 - 0.5)" : shape == 2 ? "max(n.x0, n.x1)" : "n.x1";
        const char *join = rng_next(&seed) & 1 ? "and" : "or";
        snprintf(text, sizeof text,
                 "actor a : npo { x0 = %g  x1 = %g  flag = %s }\n"
                 "actor e : enterprise { }\n"
                 "attribute x0 : npo range 0 .. 1\n"
                 "attribute x1 : npo range 0 .. 1\n"
                 "relation t(npo, enterprise) default %g range 0 .. 1\n"
                 "partnership p(n: npo, f: enterprise) {\n"
                 "  factor a = n.x0\n  factor b = %s\n  factor c = t(n, f)\n  factor d = n.flag\n"
                 "  %s\n"
                 "  score = %g*a + %g*b + %g*c + %g*d\n"
                 "  forms when score %s %g %s c %s %g\n"
                 "}\n",
                 x0, x1, flag ? "true" : "false", t0, second, shape == 3 ? "influence a -> c by 0.5" : "", w[0], w[1],
                 w[2], w[3], cmp_op(&seed), thr, join, cmp_op(&seed), grid_value(&seed));
        coop_script *s = load_text(text);
        int t[2] = {coop_actor_find(s, "a"), coop_actor_find(s, "e")}, before;
        grid_in in[4] = {{t[0], coop_attr_find(s, "x0"), -1, "a.x0"}, {t[0], coop_attr_find(s, "x1"), -1, "a.x1"},
                         {-1, -1, coop_relation_find(s, "t"), "t(a, e)"}, {t[0], coop_attr_find(s, "flag"), -1, "a.flag"}};
        double now[4] = {x0, x1, t0, flag}, x[4];
        int got = flip_on_grid(s, text, t, in, 4, 1, now, x, &before);
        if (got == 0) none++;
        else {
            if (got == 2) thin++; /* a flip the grid's points miss (a sliver between them) */
            /* and the least: each number moved back toward its value now, by 1e-8 of its range or more, flips
             * nothing (a cheaper point that flipped would be a better answer) */
            double y[4];
            memcpy(y, x, sizeof y);
            int moved = 0;
            for (int k = 0; k < 3; k++) {
                double d = y[k] - now[k], back = fmax(1e-6 * fabs(d), 1e-8);
                if (d == 0) continue;
                y[k] = fabs(d) <= back ? now[k] : y[k] - (d > 0 ? back : -back);
                moved = 1;
            }
            if (moved)
                ck_assert_msg(decide(s, y, coop_rule_find(s, "p"), t, in, 4) == before, "%s: a cheaper point flips it",
                              text);
            found++;
        }
        coop_script_free(s);
        models++;
    }
    ck_assert_int_eq(models, 40);
    ck_assert_int_gt(found, 15);
    ck_assert_int_gt(none, 0);
    ck_assert_int_le(thin, 4);
}
END_TEST

/* A rule reading an obligation's status, whose condition and monitoring
 * are random affine conditions on the buyer's and the supplier's values
 * (flip_trace.h: what it reads through the contract), flipped exactly:
 * never worse than the grid over every input (the supplier's x, the
 * buyer's y, the rule's own c), and the evaluator's verdict at the change
 * flipped. */
START_TEST(flip_contract_grid)
{
    uint64_t seed = 11;
    int found = 0, none = 0;
    for (int trial = 0; trial < 30; trial++) {
        double now[3] = {grid_value(&seed), grid_value(&seed), grid_value(&seed)}, k[3];
        for (int i = 0; i < 3; i++) k[i] = round(((double)(rng_next(&seed) % 2001) / 1000 - 1) * 100) / 100;
        static const char *const query[] = {"met", "violated", "undetected"};
        const char *qy = query[rng_next(&seed) % 3];
        char text[2048];
        snprintf(text, sizeof text,
                 "actor g : government { y = %g }\n"
                 "actor a : npo { x = %g  c = %g }\n"
                 "attribute x : npo range 0 .. 1\n"
                 "attribute y : government range 0 .. 1\n"
                 "attribute c : npo range 0 .. 1\n"
                 "contract k(buyer = g, supplier = a) {\n"
                 "  term = 1\n"
                 "  oblige supplier o = %g * supplier.x + %g * buyer.y >= %g\n"
                 "  monitor when buyer.y >= %g\n"
                 "}\n"
                 "partnership p(gg: government, n: npo) {\n"
                 "  factor cap = n.c\n  factor st = %s(k.o)\n"
                 "  forms when st %s cap >= %g\n"
                 "}\n",
                 now[1], now[0], now[2], k[0], k[1], k[2], grid_value(&seed), qy, rng_next(&seed) & 1 ? "and" : "or",
                 grid_value(&seed));
        coop_script *s = load_text(text);
        int t[2] = {coop_actor_find(s, "g"), coop_actor_find(s, "a")}, before;
        grid_in in[3] = {{t[1], coop_attr_find(s, "x"), -1, "a.x"}, {t[0], coop_attr_find(s, "y"), -1, "g.y"},
                         {t[1], coop_attr_find(s, "c"), -1, "a.c"}};
        double x[3];
        if (flip_on_grid(s, text, t, in, 3, 0, now, x, &before)) found++;
        else none++;
        coop_script_free(s);
    }
    ck_assert_int_gt(found, 10);
    ck_assert_int_gt(none, 0);
}
END_TEST

/* ---- the search ---- */

static const char *nonlinear =
    "actor a : npo { x = 0.4  y = 0.5 }\n"
    "actor e : enterprise { }\n"
    "attribute x : npo range 0 .. 1\n"
    "attribute y : npo range 0 .. 1\n"
    "partnership prod(n: npo, f: enterprise) { factor p = n.x * n.y  forms when p >= 0.45 }\n"
    "partnership none(n: npo, f: enterprise) { factor p = n.x * n.y  forms when p >= 1.5 }\n";

START_TEST(flip_search_nonlinear)
{
    coop_script *s = load_text(nonlinear);
    flip_result r, again;
    ck_assert_int_eq(flip2(s, "prod", "a", "e", &r), 0);
    ck_assert(!r.exact && r.found && r.after == 1);
    ck_assert_ptr_nonnull(strstr(r.why_search, "n.x * n.y"));
    ck_assert_int_eq(r.count, 1); /* x alone reaches 0.45 at 0.9 (y alone only 0.4) */
    int ix = input_named(s, &r, "a.x");
    ck_assert_double_eq_tol(r.to[ix], 0.9, 1e-6); /* the closed form: x = 0.45 / 0.5 */
    ck_assert_int_le(r.evaluations, COOP_FLIP_EVALUATIONS + 40);
    /* the same seed, the same result */
    ck_assert_int_eq(flip2(s, "prod", "a", "e", &again), 0);
    ck_assert(again.to[ix] == r.to[ix] && again.evaluations == r.evaluations);
    flip_free(&again);
    flip_free(&r);
    /* nothing reaches it: the search says it found none, not that none exists */
    ck_assert_int_eq(flip2(s, "none", "a", "e", &r), 0);
    ck_assert(!r.exact && !r.found);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* ---- timelines ---- */

static const char *timeline =
    "actor a : npo { x = 0.2  y = 0.1 }\n"
    "actor e : enterprise { }\n"
    "attribute x : npo range 0 .. 1\n"
    "attribute y : npo range 0 .. 1\n"
    "timeline 2020 .. 2024 by year\n"
    "event grow every year from 2021 { a.y += 0.1 }\n"
    "partnership px(n: npo, f: enterprise) { factor v = n.x  forms when v >= 0.5 }\n"
    "partnership py(n: npo, f: enterprise) { factor v = n.y  forms when v >= 0.8 }\n";

START_TEST(flip_timeline)
{
    coop_script *s = load_text(timeline);
    flip_result r;
    /* no event touches x: exact, on the last step's world */
    ck_assert_int_eq(flip2(s, "px", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.to[0] == 0.5);
    flip_free(&r);
    /* grow adds 0.4 to y by the last step: the declared y must reach 0.4 */
    ck_assert_int_eq(flip2(s, "py", "a", "e", &r), 0);
    ck_assert(!r.exact && r.found && r.after == 1);
    ck_assert_ptr_nonnull(strstr(r.why_search, "event 'grow' writes a.y"));
    ck_assert_double_eq_tol(r.to[0], 0.4, 1e-6);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* ---- limits ---- */

/* A rule reading n inputs whose sum must reach `need` (each 0 now, up to
 * 1); `clauses` copies of the condition joined by `or` (more polytopes). */
static char *sum_rule(int n, double need, int clauses)
{
    static char text[8192];
    int len = snprintf(text, sizeof text, "actor a : npo {");
    for (int i = 0; i < n; i++) len += snprintf(text + len, sizeof text - (size_t)len, " v%d = 0", i);
    len += snprintf(text + len, sizeof text - (size_t)len, " }\nactor e : enterprise { }\n");
    for (int i = 0; i < n; i++) len += snprintf(text + len, sizeof text - (size_t)len, "attribute v%d : npo range 0 .. 1\n", i);
    len += snprintf(text + len, sizeof text - (size_t)len, "partnership p(n: npo, f: enterprise) {\n  factor s = 0");
    for (int i = 0; i < n; i++) len += snprintf(text + len, sizeof text - (size_t)len, " + n.v%d", i);
    len += snprintf(text + len, sizeof text - (size_t)len, "\n  forms when");
    for (int c = 0; c < clauses; c++) len += snprintf(text + len, sizeof text - (size_t)len, "%s s >= %g", c ? " or" : "", need + c);
    snprintf(text + len, sizeof text - (size_t)len, "\n}\n");
    return text;
}

START_TEST(flip_limit_inputs)
{
    coop_script *s = load_text(sum_rule(COOP_FLIP_MAX_INPUTS, 1, 1));
    flip_result r;
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.count == 1);
    flip_free(&r);
    coop_script_free(s);
    s = load_text(sum_rule(COOP_FLIP_MAX_INPUTS + 1, 1, 1));
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), -1);
    ck_assert_ptr_nonnull(strstr(r.err_msg, "reads 17 values that may move, and a flip moves at most 16"));
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

START_TEST(flip_limit_lps)
{
    /* 16 inputs that must all move: one programme with all free, then every set: 2^16 in all */
    coop_script *s = load_text(sum_rule(16, 16, 1));
    flip_result r;
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.count == 16);
    ck_assert_int_eq(r.lps, COOP_FLIP_MAX_LPS);
    flip_free(&r);
    coop_script_free(s);
    /* a second polytope needs more: the search, and why */
    s = load_text(sum_rule(16, 15.5, 2));
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(!r.exact);
    ck_assert_ptr_nonnull(strstr(r.why_search, "more than 65536 linear programmes and closed-form checks"));
    ck_assert_int_le(r.lps, COOP_FLIP_MAX_LPS);
    flip_free(&r);
    coop_script_free(s);
    /* closed-form checks count with them: n flags, any one of which forms it, take 2^n - 1 with every
     * value free, then n, one a flag: 15 within the limit, 16 past it */
    for (int n = 15; n <= 16; n++) {
        char text[4096];
        int len = snprintf(text, sizeof text, "actor a : npo {");
        for (int i = 0; i < n; i++) len += snprintf(text + len, sizeof text - (size_t)len, " b%d = false", i);
        len += snprintf(text + len, sizeof text - (size_t)len, " }\nactor e : enterprise { }\n"
                                                                "partnership p(n: npo, f: enterprise) {\n");
        for (int i = 0; i < n; i++) len += snprintf(text + len, sizeof text - (size_t)len, "  factor f%d = n.b%d\n", i, i);
        len += snprintf(text + len, sizeof text - (size_t)len, "  forms when f0");
        for (int i = 1; i < n; i++) len += snprintf(text + len, sizeof text - (size_t)len, " or f%d", i);
        snprintf(text + len, sizeof text - (size_t)len, "\n}\n");
        s = load_text(text);
        ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
        ck_assert(r.found && r.count == 1 && r.lps == 0);
        if (n == 15) ck_assert(r.exact && r.closed == (1L << 15) - 1 + 15);
        else ck_assert(!r.exact && strstr(r.why_search, "closed-form checks (COOP_FLIP_MAX_LPS)"));
        flip_free(&r);
        coop_script_free(s);
    }
}
END_TEST

/* `forms when (f0 >= t0 and f1 >= t0) or (f1 >= t1 and f2 >= t1) or ...`
 * over 8 factors, `pairs` clauses with thresholds of their own, holding:
 * not so is 2^pairs polytopes. */
static char *pairs_rule(int pairs)
{
    static char text[8192];
    int len = snprintf(text, sizeof text, "actor a : npo {");
    for (int i = 0; i < 8; i++) len += snprintf(text + len, sizeof text - (size_t)len, " v%d = 1", i);
    len += snprintf(text + len, sizeof text - (size_t)len, " }\nactor e : enterprise { }\n");
    for (int i = 0; i < 8; i++) len += snprintf(text + len, sizeof text - (size_t)len, "attribute v%d : npo range 0 .. 1\n", i);
    len += snprintf(text + len, sizeof text - (size_t)len, "partnership p(n: npo, f: enterprise) {\n");
    for (int i = 0; i < 8; i++) len += snprintf(text + len, sizeof text - (size_t)len, "  factor f%d = n.v%d\n", i, i);
    len += snprintf(text + len, sizeof text - (size_t)len, "  forms when");
    for (int c = 0; c < pairs; c++)
        len += snprintf(text + len, sizeof text - (size_t)len, "%s (f%d >= 0.9%02d and f%d >= 0.9%02d)", c ? " or" : "", c % 8,
                        c, (c + 1) % 8, c);
    snprintf(text + len, sizeof text - (size_t)len, "\n}\n");
    return text;
}

START_TEST(flip_limit_polytopes)
{
    coop_script *s = load_text(pairs_rule(10)); /* 2^10 = 1024 */
    flip_result r;
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(r.exact && r.found && r.after == 0);
    ck_assert_int_eq(r.polytopes, COOP_FLIP_MAX_POLYTOPES);
    flip_free(&r);
    coop_script_free(s);
    s = load_text(pairs_rule(11));
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(!r.exact);
    ck_assert_ptr_nonnull(strstr(r.why_search, "more than 1024 polytopes"));
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

START_TEST(flip_limit_evaluations)
{
    /* a product no change reaches, over 8 inputs: the search spends its whole budget, and no more */
    coop_script *s = load_text(
        "actor a : npo { v0 = 0.1 v1 = 0.1 v2 = 0.1 v3 = 0.1 v4 = 0.1 v5 = 0.1 v6 = 0.1 v7 = 0.1 }\n"
        "actor e : enterprise { }\n"
        "attribute v0 : npo range 0 .. 1\nattribute v1 : npo range 0 .. 1\nattribute v2 : npo range 0 .. 1\n"
        "attribute v3 : npo range 0 .. 1\nattribute v4 : npo range 0 .. 1\nattribute v5 : npo range 0 .. 1\n"
        "attribute v6 : npo range 0 .. 1\nattribute v7 : npo range 0 .. 1\n"
        "partnership p(n: npo, f: enterprise) {\n"
        "  factor s = n.v0 * n.v1 + n.v2 * n.v3 + n.v4 * n.v5 + n.v6 * n.v7\n"
        "  forms when s >= 5\n}\n");
    flip_result r;
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), 0);
    ck_assert(!r.exact && !r.found);
    ck_assert_int_eq(r.evaluations, COOP_FLIP_EVALUATIONS);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

/* a runtime error deciding the tuple as it is, and the stop */
START_TEST(flip_errors)
{
    coop_script *s = load_text("actor a : npo { x = 0 }\nactor e : enterprise { }\n"
                               "partnership p(n: npo, f: enterprise) { factor v = 1 / n.x  forms when v > 1 }\n");
    flip_result r;
    ck_assert_int_eq(flip2(s, "p", "a", "e", &r), -1);
    ck_assert(r.failed && strstr(r.err_msg, "division by zero"));
    flip_free(&r);
    coop_script_free(s);
    s = load_text(nonlinear);
    volatile sig_atomic_t stop = 1;
    int t[2] = {coop_actor_find(s, "a"), coop_actor_find(s, "e")};
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, coop_rule_find(s, "prod"), t, FLIP_OTHER, NULL, 0, 1, &stop), -1);
    ck_assert(r.stopped);
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

Suite *suite_flip(void)
{
    Suite *s = suite_create("flip");
    TCase *tc = tcase_create("flip");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, flip_threshold);
    tcase_add_test(tc, flip_reports);
    tcase_add_test(tc, flip_direction);
    tcase_add_test(tc, flip_inputs);
    tcase_add_test(tc, flip_booleans);
    tcase_add_test(tc, flip_influence_pieces);
    tcase_add_test(tc, flip_parameters);
    tcase_add_test(tc, flip_against_grid);
    tcase_add_test(tc, flip_contract_grid);
    tcase_add_test(tc, flip_search_nonlinear);
    tcase_add_test(tc, flip_timeline);
    tcase_add_test(tc, flip_limit_inputs);
    tcase_add_test(tc, flip_limit_lps);
    tcase_add_test(tc, flip_limit_polytopes);
    tcase_add_test(tc, flip_limit_evaluations);
    tcase_add_test(tc, flip_errors);
    suite_add_tcase(s, tc);
    return s;
}

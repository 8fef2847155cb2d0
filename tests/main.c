/* main.c - the unit-test runner: one suite per module; the number of
 * failures is the exit status. */
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

const char *flagship =
    "kind foundation : npo\n"
    "actor elder_care : npo \"Elderly-care service centre\" {\n"
    "  capacity = 0.7   media = 40%   key_figure = true   orientation = 0.2\n"
    "  concerns = {elderly, health}\n"
    "}\n"
    "actor acme : enterprise \"Acme Foods\" {\n"
    "  capacity = 0.9   media = 0.6   key_figure = false  orientation = 0.8\n"
    "  concerns = {health, nutrition}\n"
    "}\n"
    "relation trust(npo, enterprise) default 0.3\n"
    "trust(elder_care, acme) = 0.6\n"
    "partnership alliance(n: npo, e: enterprise) {\n"
    "  factor concern    = overlap(n.concerns, e.concerns)\n"
    "  factor capacity   = n.capacity\n"
    "  factor key_figure = n.key_figure or e.key_figure\n"
    "  factor difference = abs(n.orientation - e.orientation)\n"
    "  factor media      = max(n.media, e.media)\n"
    "  factor trust      = trust(n, e)          baseline 0.3\n"
    "  influence media      -> trust by 0.3\n"
    "  influence key_figure -> trust by 0.2\n"
    "  score = 0.25*trust + 0.20*concern + 0.20*capacity + 0.10*key_figure\n"
    "        + 0.10*media - 0.15*difference\n"
    "  forms when score >= 0.45 and capacity >= 0.3\n"
    "}\n"
    "expect alliance(elder_care, acme)\n"
    "expect dominant(alliance(elder_care, acme)) == key_figure\n"
    "expect shapley(alliance(elder_care, acme), media) ~= 0.105 within 0.001\n"
    "expect count(alliance) == 1\n";

static char buf[1 << 16];

coop_script *load(const char *text, coop_diags **d)
{
    *d = coop_diags_new();
    return coop_load("t.coop", text, strlen(text), *d);
}

const char *diag_text(const coop_diags *d)
{
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    coop_diags_print(d, f, 0);
    long n = ftell(f);
    fclose(f);
    buf[n < 0 ? 0 : n] = 0;
    return buf;
}

coop_script *load_ok(const char *text, coop_diags **d)
{
    coop_script *s = load(text, d);
    ck_assert_msg(s != NULL, "%s", diag_text(*d));
    return s;
}

const char *load_error(const char *text)
{
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s == NULL, "expected an error loading:\n%s", text);
    ck_assert_int_gt(coop_diags_errors(d), 0);
    const char *r = diag_text(d);
    coop_diags_free(d);
    return r;
}

const char *run_text(coop_script *s, int json, int *failed)
{
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    coop_options o = {0};
    o.out = f;
    o.format = json ? COOP_FORMAT_JSON : COOP_FORMAT_TEXT;
    coop_diags *d = coop_diags_new();
    int rc = coop_run(s, NULL, &o, d);
    if (failed) *failed = rc;
    long n = ftell(f);
    fclose(f);
    buf[n < 0 ? 0 : n] = 0;
    coop_diags_free(d);
    return buf;
}

void run_interrupted(coop_script *s, volatile sig_atomic_t *stop, const char *said)
{
    coop_options o = {0};
    o.interrupt = stop;
    o.out = fopen("/dev/null", "w");
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_run(s, NULL, &o, d), -1);
    fclose(o.out);
    ck_assert_msg(strstr(diag_text(d), said), "%s", diag_text(d));
    coop_diags_free(d);
}

void change_fails(const coop_script *s, const char *text, const char *error)
{
    coop_diags *d = coop_diags_new();
    ck_assert_ptr_null(coop_change_parse(s, "t", text, strlen(text), d));
    const char *out = diag_text(d);
    ck_assert_msg(strncmp(out, error, strlen(error)) == 0, "%s:\n%s", text, out);
    ck_assert_ptr_null(coop_change_parse(s, "t", text, strlen(text), NULL)); /* no diagnostics wanted */
    coop_diags_free(d);
}

const char *text_of(const coop_change *c)
{
    char *t = coop_change_text(c);
    snprintf(buf, sizeof buf, "%s", t ? t : "(null)");
    free(t);
    return buf;
}

uint64_t rng_next(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

long rule_count(const coop_script *s, const coop_world *w, int rule)
{
    coop_query *q = coop_query_new(s, w, 0);
    long n = coop_count(q, rule);
    coop_query_free(q);
    return n;
}

int evaluate(const coop_script *s, int rule, const int *tuple, coop_verdict *v, double *eff)
{
    coop_query *q = coop_query_new(s, NULL, 0);
    int rc = coop_evaluate(q, rule, tuple, v, eff);
    coop_query_free(q);
    return rc;
}

int shapley(const coop_script *s, int rule, const int *tuple, double *phi, double *se)
{
    coop_query *q = coop_query_new(s, NULL, 0);
    int rc = coop_shapley(q, rule, tuple, phi, se);
    coop_query_free(q);
    return rc;
}

void expect_passes(coop_script *s, coop_diags *d)
{
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int failed;
    run_text(s, 0, &failed);
    ck_assert_int_eq(failed, 0);
    coop_script_free(s);
    coop_diags_free(d);
}

void expect_all_pass(const char *text)
{
    coop_diags *d;
    coop_script *s = load(text, &d);
    expect_passes(s, d);
}

void session_steps(const char *text, const char *const steps[][2], size_t n)
{
    static char out[1 << 16];
    FILE *f = fmemopen(out, sizeof out - 1, "w");
    coop_options o = {0};
    o.out = f;
    coop_session *ss = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_input(ss, "t.coop", 1, text, strlen(text), d), COOP_DONE);
    for (size_t i = 0; i < n; i++) {
        rewind(f);
        memset(out, 0, sizeof out);
        coop_diags_clear(d);
        coop_status st = coop_session_input(ss, "<stdin>", 1, steps[i][0], strlen(steps[i][0]), d);
        fflush(f);
        ck_assert_msg(st == COOP_DONE, "%s%s", steps[i][0], diag_text(d));
        ck_assert_msg(strstr(out, steps[i][1]) != NULL, "%sgot:\n%s\nwant: %s", steps[i][0], out, steps[i][1]);
    }
    coop_session_free(ss);
    coop_diags_free(d);
    fclose(f);
}

/* Under AddressSanitizer and ThreadSanitizer: a failed allocation returns
 * NULL, as malloc does elsewhere, so the out-of-memory handler can be
 * tested. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }
const char *__tsan_default_options(void);
const char *__tsan_default_options(void) { return "allocator_may_return_null=1"; }

int main(void)
{
    SRunner *sr = srunner_create(suite_lexer());
    srunner_add_suite(sr, suite_parser());
    srunner_add_suite(sr, suite_resolve());
    srunner_add_suite(sr, suite_influence());
    srunner_add_suite(sr, suite_eval());
    srunner_add_suite(sr, suite_shapley());
    srunner_add_suite(sr, suite_api());
    srunner_add_suite(sr, suite_session());
    srunner_add_suite(sr, suite_text());
    srunner_add_suite(sr, suite_world());
    srunner_add_suite(sr, suite_threads());
    srunner_add_suite(sr, suite_random());
    srunner_add_suite(sr, suite_review());
    srunner_add_suite(sr, suite_suggest());
    srunner_add_suite(sr, suite_agg());
    srunner_add_suite(sr, suite_tender());
    srunner_add_suite(sr, suite_contract());
    srunner_add_suite(sr, suite_bid());
    srunner_add_suite(sr, suite_date());
    srunner_add_suite(sr, suite_timeline());
    srunner_add_suite(sr, suite_evshap());
    srunner_add_suite(sr, suite_story());
    srunner_add_suite(sr, suite_period());
    srunner_add_suite(sr, suite_obligation());
    srunner_add_suite(sr, suite_data());
    srunner_add_suite(sr, suite_param());
    srunner_add_suite(sr, suite_sweep());
    srunner_add_suite(sr, suite_lp());
    srunner_add_suite(sr, suite_flip());
    srunner_add_suite(sr, suite_flip_trace());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

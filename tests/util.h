/* util.h - helpers shared by the unit-test suites. */
#ifndef COOP_TEST_UTIL_H
#define COOP_TEST_UTIL_H

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "coop.h"

Suite *suite_lexer(void);
Suite *suite_parser(void);
Suite *suite_resolve(void);
Suite *suite_influence(void);
Suite *suite_eval(void);
Suite *suite_shapley(void);
Suite *suite_api(void);
Suite *suite_session(void);
Suite *suite_threads(void);
Suite *suite_world(void);
Suite *suite_text(void);
Suite *suite_random(void);
Suite *suite_review(void);
Suite *suite_suggest(void);
Suite *suite_agg(void);
Suite *suite_tender(void);
Suite *suite_contract(void);
Suite *suite_bid(void);
Suite *suite_date(void);
Suite *suite_timeline(void);
Suite *suite_evshap(void);
Suite *suite_story(void);
Suite *suite_period(void);
Suite *suite_obligation(void);
Suite *suite_data(void);
Suite *suite_param(void);
Suite *suite_sweep(void);
Suite *suite_lp(void);
Suite *suite_flip(void);
Suite *suite_flip_trace(void);

/* ck_assert_msg without Check's record of where each assertion that holds
 * is (_mark_point: a message to the runner each), for checks made many
 * times over.  Millions of those messages cost more than the test, most of
 * all under ASan: the runner keeps what it frees reading them in
 * quarantine, and every later test's process is forked from, and at its
 * exit leak-checks, the runner's memory.  A failure says the same. */
#define require(expr, ...) \
    ((expr) ? (void)0 : _ck_assert_failed(__FILE__, __LINE__, "Assertion '" #expr "' failed", ##__VA_ARGS__))

/* The flagship script of the design note. */
extern const char *flagship;

/* Loads text; returns the script (NULL on errors) and leaves diagnostics in *d. */
coop_script *load(const char *text, coop_diags **d);
/* Loads text that must load (the test fails with its errors otherwise). */
coop_script *load_ok(const char *text, coop_diags **d);
/* All diagnostics printed as text, in a static buffer. */
const char *diag_text(const coop_diags *d);
/* Loads text that must fail, and returns the printed diagnostics. */
const char *load_error(const char *text);
/* Loads text that must load, runs it, and checks every expect passed. */
void expect_all_pass(const char *text);
/* The same of script s as loaded (NULL: d says why); frees both. */
void expect_passes(coop_script *s, coop_diags *d);
/* How many tuples of a rule form in world w (NULL: the script's own). */
long rule_count(const coop_script *s, const coop_world *w, int rule);
/* Decides a tuple, or its Shapley values, in the script's own world. */
int evaluate(const coop_script *s, int rule, const int *tuple, coop_verdict *v, double *eff);
int shapley(const coop_script *s, int rule, const int *tuple, double *phi, double *se);
/* Shapley values of a tuple by their definition, whatever the score:
 * every coalition evaluated (past COOP_SHAPLEY_EXACT_MAX factors, 20
 * random orders, exact when the game is additive).  0, or -1. */
int shapley_enumerated(const coop_script *s, int rule, const int *tuple, double *phi);
/* Types text into a new session, then each steps[i][0]: each must succeed
 * and print something holding steps[i][1]. */
void session_steps(const char *text, const char *const steps[][2], size_t n);
/* Runs a script's statements; returns what it printed (static buffer). */
const char *run_text(coop_script *s, int json, int *failed);
/* Runs a script's statements with *stop as the interrupt (set): the run
 * fails, and its diagnostics hold `said` ("error: interrupted" at a
 * place). */
void run_interrupted(coop_script *s, volatile sig_atomic_t *stop, const char *said);
/* The change `text` does not parse in s, and its first diagnostic starts
 * with `error` (as "t:1:5: error: ..."); nor without diagnostics. */
void change_fails(const coop_script *s, const char *text, const char *error);
/* A change as coop_change_text writes it (static buffer). */
const char *text_of(const coop_change *c);
/* The next number of a seeded generator (splitmix64: the same on every
 * machine). */
uint64_t rng_next(uint64_t *x);

#endif

/*
 * words.h - the language's fixed names, each list in one place: the
 * scanner's keywords, the built-in functions the resolver knows, and the
 * commands of a session.  Completion reads them through coop_word().
 */
#ifndef COOP_WORDS_H
#define COOP_WORDS_H

#include "model.h"

/* The element of table[0..n) (each `size` bytes, sorted by a leading
 * const char *) whose text is s[0..len), or NULL. */
const void *words_find(const void *table, size_t n, size_t size, const char *s, size_t len);
/* The token of keyword s[0..n) (coop.tab.h), or 0 when it is a name. */
int words_keyword(const char *s, size_t n);
/* The token name s is where the parser takes it (`sweep`, `from`, `at`,
 * ...: parse.c asks), or 0 when it is a name everywhere. */
int words_context(const char *s);

/* Is s a name that starts a declaration, followed by a name (param, data,
 * bid, attribute)? */
int words_declaration(const char *s);

/* A built-in function: arithmetic (abs ... size) readable anywhere, a
 * statement query (score ... importance) that reads verdicts, or an
 * aggregate over actors (count ... highest, written op(x: K ...) or
 * op(EXPR for x: K ...); `count` is a query too, count(R)). */
typedef struct builtin_fn {
    const char *name;
    int query;
    int min, max;      /* arguments */
    int sets;          /* arithmetic on sets (overlap, size) */
    rkind k;           /* arithmetic: the node it makes */
    rkind of_tuple;    /* a query reading R(a, b), or R_ERR */
    rkind of_rule;     /* a query reading a whole rule R, or R_ERR */
    vtype type;        /* a query's result */
    agg_op agg;        /* an aggregate's operation, or AGG_NONE */
    int shapley;       /* a query of Shapley values: its rule or tuple may
                          say what they are of (`R(a, b) of verdict`) */
} builtin_fn;

/* The function named s, or NULL. */
const builtin_fn *words_builtin(const char *s);
/* The i-th function, or NULL past the last. */
const builtin_fn *words_builtin_at(int i);
/* The name of aggregate operation op. */
const char *words_agg_name(agg_op op);

/* Is s a tender's setting, `NAME = VALUE` in its body (buyer, budget,
 * method, min_bids)? */
int words_tender_setting(const char *s);

/* The session's help text: what every input and command does. */
extern const char words_help[];
/* Where `of verdict` and `of score` may stand: what the parser and the
 * resolver say of one that stands elsewhere. */
extern const char words_of_where[];

#endif

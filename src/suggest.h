/*
 * suggest.h - "did you mean": the declared name nearest to an unknown one.
 *
 * The distance is Damerau-Levenshtein's optimal string alignment (insert,
 * delete, substitute, swap two neighbours) over UTF-8 characters, with
 * ASCII letters compared without case.  A name of n characters is close
 * to a candidate within SUGGEST_LIMIT(n) edits that are fewer than the
 * longer name's characters (x is not near y); a candidate that differs only in case is the closest of
 * all, and a candidate that differs only in its digits (site1, site2) is
 * a name of its own, never a suggestion.  Ties: fewer edits counting case,
 * then the first offered (callers offer in declaration order).  With no
 * candidate that close, a name of SUGGEST_PREFIX_MIN characters or more
 * that begins exactly one candidate (case aside; `harmony` of
 * `harmony_social`) suggests it.  The rule is the one docs/language.md
 * states under "Diagnostics".
 *
 * Cost: no allocation; names longer than SUGGEST_MAX_CHARS characters are
 * neither suggested for nor suggested, so one candidate costs at most
 * SUGGEST_MAX_CHARS^2 steps, and candidates whose length is out of reach
 * cost a length count.
 */
#ifndef COOP_SUGGEST_H
#define COOP_SUGGEST_H

#include <stddef.h>

#include "model.h"

#define SUGGEST_MAX_CHARS 64
/* Edits allowed for a name of n characters. */
#define SUGGEST_LIMIT(n) ((n) <= 4 ? 1 : (n) <= 8 ? 2 : 3)
/* The fewest characters of a name that begins a candidate to suggest it. */
#define SUGGEST_PREFIX_MIN 4

typedef struct suggest {
    unsigned w[SUGGEST_MAX_CHARS]; /* the unknown name's characters */
    int n;                         /* how many; -1 when nothing is sought */
    int limit;                     /* edits allowed */
    const char *best;              /* the nearest candidate so far, or NULL */
    int tag;                       /* the caller's tag of best */
    int dist, raw;                 /* best's edits without and with case */
    int prefixes;                  /* a name that begins a candidate may suggest it
                                      (suggest_init: 1; 0 for set symbols) */
    const char *begun;             /* the first candidate the name begins, */
    int begun_tag, nbegun;         /* its tag, and how many differ (2: more than one) */
    char said[SUGGEST_MAX_CHARS * 4 + 24];
} suggest;

/* Starts a search for names near `word`.  Nothing is sought when d already
 * holds COOP_MAX_ERRORS errors (what is reported past them is dropped, and
 * a search per dropped error could make a long bad script quadratic); d
 * may be NULL. */
void suggest_init(suggest *s, const char *word, const coop_diags *d);
/* Offers a candidate (it must outlive s) with a tag of the caller's. */
void suggest_offer(suggest *s, const char *cand, int tag);
/* "; did you mean 'best'?", or "" when no candidate is close. */
const char *suggest_said(suggest *s);

/* Classes of a model's names, as bits; each is offered with its bit as the
 * tag, in declaration order: kinds, actors, attributes, relations,
 * partnerships (tenders too), every partnership's factors, built-in
 * functions, then tenders alone, then contracts, then parameters. */
enum {
    SUGGEST_KIND = 1, SUGGEST_ACTOR = 2, SUGGEST_ATTR = 4, SUGGEST_REL = 8,
    SUGGEST_RULE = 16, SUGGEST_FACTOR = 32, SUGGEST_FN = 64, SUGGEST_TENDER = 128, SUGGEST_CONTRACT = 256,
    SUGGEST_PARAM = 512
};
void suggest_model(suggest *s, const model *m, unsigned classes);
/* suggest_init, suggest_model and suggest_said in one: the text to end a
 * message "unknown ... 'word'" with. */
const char *suggest_in(suggest *s, const char *word, const model *m, unsigned classes, const coop_diags *d);
/* What `word` names among the classes given, tested in this order (what a
 * statement most likely meant first): "a relation", "a partnership",
 * "a factor", "an actor", "an attribute", "a kind", "a built-in
 * function", "a contract", "a parameter"; NULL when none. */
const char *suggest_class(const model *m, const char *word, unsigned classes);

/* Says at loc of src that `word` is no name of class `want` (one bit):
 * "'x' is a kind, not an actor" when it names one of another class (as
 * suggest_class tells), else "unknown actor 'x'" and the nearest name of
 * class want, when one is close (a kind, when none is: how to declare
 * it).  The one message of a name of the wrong class, wherever a name can
 * be. */
void suggest_unknown(coop_diags *d, const source *src, coop_loc loc, const model *m, const char *word, unsigned want);
/* Its first half: says "'x' is a kind, not an actor" and returns 1 when
 * `word` names a class other than want, else 0 (the caller says that it
 * is unknown, in words of its own).  A factor where an attribute, a
 * relation or a parameter is wanted is said with what its own value reads,
 * and, unless fix is NULL, the names of the class wanted to write instead,
 * each after the text `fix` (what stood before the word): "'governance'
 * is a factor, not an attribute; factor governance reads
 * g.governance_capacity: write by governance_capacity" (fix "by "). */
int suggest_wrong_class(coop_diags *d, const source *src, coop_loc loc, const model *m, const char *word, unsigned want,
                        const char *fix);

/* The distance of a and b as the suggester counts it (case aside, each
 * invalid byte one character), or max + 1 when it is above max or a name
 * is too long.  For the tests. */
int suggest_distance(const char *a, const char *b, int max);

#endif

/*
 * change.h - a change of a world: one attribute of one actor, one
 * relation value or one parameter, set (=), added to (+=) or taken from
 * (-=); or returned to unset or to the relation's default (what an inverse
 * may do).  Targets are
 * indices of a model; set members are kept by name, so a change can be made
 * in any world of its model, whatever symbols that world numbered.
 */
#ifndef COOP_CHANGE_H
#define COOP_CHANGE_H

#include "world.h"

struct coop_change {
    const model *m;
    int is_rel;
    int actor, attr;                 /* an attribute */
    int rel, args[COOP_MAX_PARAMS];  /* a relation value */
    int param;                       /* a parameter (is_rel 0, attr -1), or -1 */
    chop op;
    int reset;       /* back to unset, or to the default: no value */
    vtype type;      /* the value's: T_NUM, T_BOOL, T_STR or T_SET */
    double num;
    char *str;
    char **members;
    int nmembers;
};

/* A change of attribute `attr` of `actor` (a number, true/false, a string
 * or members; strings and names are copied), or of a relation value. */
coop_change *change_attr(const model *m, int actor, int attr, chop op, vtype type, double num, const char *str,
                         const char *const *members, int n);
coop_change *change_rel(const model *m, int rel, const int *args, chop op, vtype type, double num);
/* A change of parameter p: type T_NUM or T_BOOL, the value's. */
coop_change *change_param(const model *m, int p, chop op, vtype type, double num);
void change_free(coop_change *c);

/* Makes c in w: 0, or -1 when it cannot be made there (its value is not of
 * the target's type, an amount is added to a value the actor lacks, the
 * result is not finite, a parameter's is outside its range); w is then
 * unchanged. */
int change_apply(const coop_change *c, coop_world *w);
/* Why parameter p cannot be changed by `op v`, v a value of type t (with
 * += or -=, the value it comes to, or for its type alone the value now):
 * "parameter 'w' is a number, not true/false: ...", "parameter 'w' would
 * be 1.2, outside its range 0 .. 1", in buf; NULL when it can.  One wording
 * for a what-if, set and the API. */
const char *change_param_refused(const model *m, int p, chop op, vtype t, double v, char *buf, size_t n);
/* The change that sets c's target back to its value in `before`. */
coop_change *change_inverse(const coop_change *c, const coop_world *before);
/* The target as written: "acme.media", "trust(a, b)",
 * "bid(training, hotel).price". */
void change_target_text(const coop_change *c, FILE *out);
/* The same of a target given by its parts; with `bare`, an actor's
 * attribute without the actor ("media"; a bid's field keeps its bidder). */
void change_target_of(FILE *out, const model *m, int is_rel, int actor, int attr, int rel, const int *args, int bare);
/* The value as written: "0.7", "true", "\"text\"", "{a, b}". */
void change_value_text(const coop_change *c, FILE *out);
/* The whole change: target, operator, value. */
void change_text(const coop_change *c, FILE *out);

#endif

/*
 * compile.h - turns a resolved rule into register code for vm.c: the own
 * values of its factors, then influence, score and verdict.
 */
#ifndef COOP_COMPILE_H
#define COOP_COMPILE_H

#include "model.h"

/* Registers: [0, nf) factor values, nf the score, then temporaries. */
#define REG_SCORE(ru) ((ru)->nf)

/* Compiles ru->own and ru->post, and finds whether the score is linear
 * (linear.h; pv: the parameters as declared); returns 0, or -1 when the
 * rule needs more registers than an instruction can name. */
int compile_rule(rule_info *ru, const double *pv);
void compile_free(rule_info *ru);

#endif

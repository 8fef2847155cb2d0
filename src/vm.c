/* vm.c - runs compiled rule code over one tuple or coalition. */
#include "vm.h"

#include <math.h>

#include "model.h"

int vm_popcount(const uint64_t *a, int words)
{
    int n = 0;
    for (int i = 0; i < words; i++) n += __builtin_popcountll(a[i]);
    return n;
}

double vm_overlap(const uint64_t *a, const uint64_t *b, int words)
{
    int in = 0, un = 0;
    for (int i = 0; i < words; i++) {
        in += __builtin_popcountll(a[i] & b[i]);
        un += __builtin_popcountll(a[i] | b[i]);
    }
    return un ? (double)in / un : 0.0;
}

static inline const uint64_t *setptr(const vm_code *c, const vm_frame *f, int i)
{
    const vm_setref *s = &c->sets[i];
    if (s->bits) return s->bits;
    return f->w->set[s->attr] + (size_t)f->tuple[s->param] * (size_t)f->m->setwords;
}

int vm_run(const vm_code *c, vm_frame *f)
{
    const vm_instr *code = c->code, *ip = code;
    double *r = f->r;
    const int *t = f->tuple;
    for (;;) {
        const vm_instr *i = ip++;
        switch ((vm_op)i->op) {
        case I_CONST: r[i->d] = i->k; break;
        case I_ATTR: r[i->d] = f->w->num[i->b][t[i->a]]; break;
        case I_REL: {
            const relation_info *rel = &f->m->rels[i->a];
            int act[COOP_MAX_PARAMS];
            for (int j = 0; j < rel->arity; j++) act[j] = t[c->args[i->b + j]];
            r[i->d] = world_rel(f->w, rel, i->a, act);
            break;
        }
        case I_OVERLAP: r[i->d] = vm_overlap(setptr(c, f, i->a), setptr(c, f, i->b), f->m->setwords); break;
        case I_SIZE: r[i->d] = vm_popcount(setptr(c, f, i->a), f->m->setwords); break;
        case I_IN: r[i->d] = (setptr(c, f, i->a)[i->b / 64] >> (i->b % 64)) & 1; break;
        case I_MOVE: r[i->d] = r[i->a]; break;
        case I_NEG: r[i->d] = -r[i->a]; break;
        case I_NOT: r[i->d] = r[i->a] == 0; break;
        case I_ABS: r[i->d] = fabs(r[i->a]); break;
        case I_ADD: r[i->d] = r[i->a] + r[i->b]; break;
        case I_SUB: r[i->d] = r[i->a] - r[i->b]; break;
        case I_MUL: r[i->d] = r[i->a] * r[i->b]; break;
        case I_DIV:
            if (r[i->b] == 0) { f->err_pc = (int)(i - code); return -1; }
            r[i->d] = r[i->a] / r[i->b];
            break;
        case I_MIN: r[i->d] = r[i->a] < r[i->b] ? r[i->a] : r[i->b]; break;
        case I_MAX: r[i->d] = r[i->a] > r[i->b] ? r[i->a] : r[i->b]; break;
        case I_ADDK: r[i->d] = r[i->a] + i->k; break;
        case I_MULK: r[i->d] = r[i->a] * i->k; break;
        case I_DIVK: r[i->d] = r[i->a] / i->k; break;
        case I_KSUB: r[i->d] = i->k - r[i->a]; break;
        case I_KDIV:
            if (r[i->a] == 0) { f->err_pc = (int)(i - code); return -1; }
            r[i->d] = i->k / r[i->a];
            break;
        case I_FMA: r[i->d] = r[i->d] + i->k * r[i->a]; break;
        case I_CLAMP: {
            double x = r[i->a], lo = r[i->b], hi = r[i->c];
            r[i->d] = x < lo ? lo : x > hi ? hi : x;
            break;
        }
        case I_LT: r[i->d] = r[i->a] < r[i->b]; break;
        case I_LE: r[i->d] = r[i->a] <= r[i->b]; break;
        case I_GT: r[i->d] = r[i->a] > r[i->b]; break;
        case I_GE: r[i->d] = r[i->a] >= r[i->b]; break;
        case I_EQ: r[i->d] = r[i->a] == r[i->b]; break;
        case I_NE: r[i->d] = r[i->a] != r[i->b]; break;
        case I_LTK: r[i->d] = r[i->a] < i->k; break;
        case I_LEK: r[i->d] = r[i->a] <= i->k; break;
        case I_GTK: r[i->d] = r[i->a] > i->k; break;
        case I_GEK: r[i->d] = r[i->a] >= i->k; break;
        case I_EQK: r[i->d] = r[i->a] == i->k; break;
        case I_NEK: r[i->d] = r[i->a] != i->k; break;
        case I_JF: if (r[i->a] == 0) ip = code + i->b; break;
        case I_JT: if (r[i->a] != 0) ip = code + i->b; break;
        case I_RET: return i->a;
        }
    }
}

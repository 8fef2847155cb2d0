/* hull.c - the upper envelope of lines (the "convex hull trick"). */
#include "hull.h"

#include <stdlib.h>

#include "mem.h"

static int by_slope(const void *pa, const void *pb)
{
    const hull_line *x = pa, *y = pb;
    if (x->b != y->b) return x->b < y->b ? -1 : 1;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Is m never strictly highest between l and r (slopes l < m < r)?  Where l
 * and r cross, m is no higher: (r.a - l.a)(m.b - l.b) >= (m.a - l.a)(r.b - l.b). */
static int hidden(const hull_line *l, const hull_line *m, const hull_line *r)
{
    return (long double)(r->a - l->a) * (m->b - l->b) >= (long double)(m->a - l->a) * (r->b - l->b);
}

void hull_build_sorted(hull *h, const hull_line *sorted, int n, int skip)
{
    h->l = mem_alloc(((size_t)n + 1) * sizeof *h->l);
    h->n = 0;
    for (int i = 0; i < n; i++) {
        const hull_line *x = &sorted[i];
        if (x->id == skip) continue;
        /* of equal slopes the highest, the last in slope order */
        if (h->n && h->l[h->n - 1].b == x->b) h->n--;
        while (h->n >= 2 && hidden(&h->l[h->n - 2], &h->l[h->n - 1], x)) h->n--;
        h->l[h->n++] = *x;
    }
}

void hull_build(hull *h, hull_line *lines, int n, int skip)
{
    qsort(lines, (size_t)n, sizeof *lines, by_slope);
    hull_build_sorted(h, lines, n, skip);
}

int hull_best(const hull *h, double x)
{
    if (h->n == 0) return -1;
    /* along the envelope the value rises to the highest line, then falls */
    int lo = 0, hi = h->n - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (hull_at(&h->l[mid], x) < hull_at(&h->l[mid + 1], x)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

void hull_free(hull *h)
{
    free(h->l);
    h->l = NULL;
    h->n = 0;
}

/* influence.c - the influence graph: topological order, cycles, spectral
 * radius and M = (I - W^T)^-1. */
#include "influence.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double norm_inf(int n, const double *A)
{
    double best = 0;
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += fabs(A[i * n + j]);
        if (s > best) best = s;
    }
    return best;
}

double influence_spectral_radius(int n, const double *A0)
{
    double *A = mem_alloc((size_t)n * n * sizeof *A), *B = mem_alloc((size_t)n * n * sizeof *B);
    memcpy(A, A0, (size_t)n * n * sizeof *A);
    /* Invariant: W^(2^i) = A * exp(lc).  rho = lim ||W^k||^(1/k). */
    double lc = 0, rho = 0;
    int i, steps = 48;
    for (i = 0; i < steps; i++) {
        double s = norm_inf(n, A);
        if (s == 0) { rho = 0; goto done; }
        for (int k = 0; k < n * n; k++) A[k] /= s;
        lc += log(s);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) {
                double acc = 0;
                for (int k = 0; k < n; k++) acc += A[r * n + k] * A[k * n + c];
                B[r * n + c] = acc;
            }
        double *t = A; A = B; B = t;
        lc *= 2;
    }
    {
        double s = norm_inf(n, A);
        rho = s == 0 ? 0 : exp((log(s) + lc) / ldexp(1.0, steps));
    }
done:
    free(A);
    free(B);
    return rho;
}

/* Depth-first search for a cycle; fills res->cycle. */
static int find_cycle(int nf, const edge *e, int ne, influence_result *res)
{
    int color[COOP_MAX_FACTORS] = {0}, parent[COOP_MAX_FACTORS];
    int stack[COOP_MAX_FACTORS], next[COOP_MAX_FACTORS];
    for (int s = 0; s < nf; s++) {
        if (color[s]) continue;
        int sp = 0;
        stack[sp] = s; next[sp] = 0; color[s] = 1; parent[s] = -1;
        sp++;
        while (sp) {
            int u = stack[sp - 1];
            if (next[sp - 1] == ne) { color[u] = 2; sp--; continue; }
            const edge *ed = &e[next[sp - 1]++];
            if (ed->from != u) continue;
            int v = ed->to;
            if (color[v] == 1) {
                /* u -> v closes a cycle v -> ... -> u -> v */
                int path[COOP_MAX_FACTORS], n = 0;
                for (int x = u; x != v; x = parent[x]) path[n++] = x;
                path[n++] = v;
                res->cycle_len = 0;
                for (int k = n - 1; k >= 0; k--) res->cycle[res->cycle_len++] = path[k];
                res->cycle[res->cycle_len++] = v;
                return 1;
            }
            if (color[v] == 0) {
                color[v] = 1; parent[v] = u;
                stack[sp] = v; next[sp] = 0; sp++;
            }
        }
    }
    return 0;
}

/* Finds the first strongly connected part of the graph (by its lowest
 * factor) whose own spectral radius is at least 1, and puts its factors in
 * res->cycle: the radius of W is the largest of its parts'. */
static void worst_part(int nf, const double *W, const edge *e, int ne, influence_result *res)
{
    unsigned char reach[COOP_MAX_FACTORS][COOP_MAX_FACTORS] = {{0}};
    for (int k = 0; k < ne; k++) reach[e[k].from][e[k].to] = 1;
    for (int m = 0; m < nf; m++) /* transitive closure (Warshall) */
        for (int i = 0; i < nf; i++)
            if (reach[i][m])
                for (int j = 0; j < nf; j++) reach[i][j] |= reach[m][j];
    double *sub = mem_alloc((size_t)nf * nf * sizeof *sub);
    for (int s = 0; s < nf; s++) {
        if (!reach[s][s]) continue; /* on no cycle */
        int part[COOP_MAX_FACTORS], n = 0, first = 1;
        for (int j = 0; j < nf; j++)
            if (reach[s][j] && reach[j][s]) {
                if (j < s) first = 0;
                part[n++] = j;
            }
        if (!first) continue; /* this part was examined from its lowest factor */
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) sub[a * n + b] = W[part[a] * nf + part[b]];
        double rho = influence_spectral_radius(n, sub);
        if (rho < 1 - INFLUENCE_RHO_MARGIN) continue;
        res->rho = rho;
        memcpy(res->cycle, part, (size_t)n * sizeof *part);
        res->cycle_len = n;
        break;
    }
    free(sub);
}

int influence_solve(int nf, const edge *e, int ne, double *M, influence_result *res)
{
    memset(res, 0, sizeof *res);
    memset(M, 0, (size_t)nf * nf * sizeof *M);
    if (!find_cycle(nf, e, ne, res)) {
        /* Acyclic: column j of M is the effect of own_j = 1, by forward
         * substitution in topological order. */
        int indeg[COOP_MAX_FACTORS] = {0}, *order = res->order, n = 0;
        for (int k = 0; k < ne; k++) indeg[e[k].to]++;
        for (int i = 0; i < nf; i++) if (!indeg[i]) order[n++] = i;
        for (int h = 0; h < n; h++)
            for (int k = 0; k < ne; k++)
                if (e[k].from == order[h] && --indeg[e[k].to] == 0) order[n++] = e[k].to;
        for (int j = 0; j < nf; j++) {
            double x[COOP_MAX_FACTORS] = {0};
            x[j] = 1;
            for (int h = 0; h < nf; h++) {
                int t = order[h];
                for (int k = 0; k < ne; k++)
                    if (e[k].to == t) x[t] += e[k].w * x[e[k].from];
            }
            for (int i = 0; i < nf; i++) M[i * nf + j] = x[i];
        }
        return 0;
    }
    res->cyclic = 1;
    double *W = mem_calloc((size_t)nf * nf, sizeof *W);
    for (int k = 0; k < ne; k++) W[e[k].from * nf + e[k].to] += e[k].w;
    res->rho = influence_spectral_radius(nf, W);
    if (!(res->rho < 1 - INFLUENCE_RHO_MARGIN)) {
        /* name a cycle of a strongly connected part that does not converge:
         * the radius of W is the largest of its parts' */
        worst_part(nf, W, e, ne, res);
        free(W);
        return -1;
    }
    /* Gauss-Jordan on [I - W^T | I] with partial pivoting. */
    int n = nf, w2 = 2 * nf;
    double *A = mem_calloc((size_t)n * w2, sizeof *A);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) A[i * w2 + j] = (i == j) - W[j * n + i];
        A[i * w2 + n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(A[r * w2 + c]) > fabs(A[p * w2 + c])) p = r;
        if (p != c)
            for (int j = 0; j < w2; j++) { double t = A[c * w2 + j]; A[c * w2 + j] = A[p * w2 + j]; A[p * w2 + j] = t; }
        double d = A[c * w2 + c];
        if (d == 0) {
            free(A);
            free(W);
            res->singular = 1;
            return -1;
        }
        for (int j = 0; j < w2; j++) A[c * w2 + j] /= d;
        for (int r = 0; r < n; r++) {
            if (r == c || A[r * w2 + c] == 0) continue;
            double f = A[r * w2 + c];
            for (int j = 0; j < w2; j++) A[r * w2 + j] -= f * A[c * w2 + j];
        }
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) M[i * n + j] = A[i * w2 + n + j];
    free(A);
    /* A radius below 1 makes I - W^T invertible, but an estimate spoilt by
     * underflow (weights like 1e-200 and 1e200) can pass a singular system:
     * check that M really inverts it. */
    for (int i = 0; i < n && !res->singular; i++)
        for (int j = 0; j < n; j++) {
            double acc = 0, scale = 0;
            for (int k = 0; k < n; k++) {
                double a = (i == k) - W[k * n + i];
                acc += a * M[k * n + j];
                scale += fabs(a * M[k * n + j]);
            }
            if (!isfinite(acc) || fabs(acc - (i == j)) > 1e-9 * (scale + 1)) { res->singular = 1; break; }
        }
    free(W);
    return res->singular ? -1 : 0;
}

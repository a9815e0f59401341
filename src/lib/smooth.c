/* smooth.c - sequence smoothing by a two-state hidden Markov model. */
#include <config.h>

#include <math.h>

#include "smooth.h"

void boiloff__smooth_use_model(boiloff__classifier *c)
{
  int i, j;
  for (i = 0; i < 2; i++) {
    for (j = 0; j < 2; j++)
      c->transition[i][j] = exp(c->model->log_transition[i][j]);
    c->inv_prior[i] = exp(-c->model->log_prior[i]);
  }
}

void boiloff__smooth_emission(const boiloff__classifier *c, double p,
                              double e[2])
{
  double q = p < 1e-4 ? 1e-4 : p > 1 - 1e-4 ? 1 - 1e-4 : p;
  e[0] = (1 - q) * c->inv_prior[0];
  e[1] = q * c->inv_prior[1];
}

double boiloff__smoothed(boiloff__classifier *c, unsigned long long k)
{
  const double(*tr)[2] = c->transition;
  const slot *s = at(c, k);
  double a0, a1, sum;
  if (c->page.chain_started) {
    a0 = (c->page.alpha[0] * tr[0][0] + c->page.alpha[1] * tr[1][0]) *
         s->emit[0];
    a1 = (c->page.alpha[0] * tr[0][1] + c->page.alpha[1] * tr[1][1]) *
         s->emit[1];
  } else {
    a0 = s->emit[0] / c->inv_prior[0];
    a1 = s->emit[1] / c->inv_prior[1];
  }
  sum = a0 + a1;
  c->page.alpha[0] = a0 / sum;
  c->page.alpha[1] = a1 / sum;
  c->page.chain_started = 1;
  a0 = c->page.alpha[0] * s->beta[0];
  a1 = c->page.alpha[1] * s->beta[1];
  return a1 / (a0 + a1);
}

/* The backward messages of blocks [from, stop): each block's is what the
 * judged blocks after it, up to stop, say.  One pass for a whole group of
 * blocks (see decide_group), instead of one pass per block. */
void boiloff__smooth_backward(boiloff__classifier *c, unsigned long long from,
                              unsigned long long stop)
{
  const double(*tr)[2] = c->transition;
  double b0 = 1, b1 = 1;
  unsigned long long j;
  for (j = stop; j > from; j--) {
    slot *t = at(c, j - 1);
    double x, y;
    t->beta[0] = b0;
    t->beta[1] = b1;
    if (!t->in_chain)
      continue;
    x = tr[0][0] * t->emit[0] * b0 + tr[0][1] * t->emit[1] * b1;
    y = tr[1][0] * t->emit[0] * b0 + tr[1][1] * t->emit[1] * b1;
    b0 = x / (x + y);
    b1 = y / (x + y);
  }
}

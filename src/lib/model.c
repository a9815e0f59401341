/* model.c - the learned block model (boosted shallow trees). */
#include <config.h>

#include <math.h>

#include "model.h"

const char *const boiloff__feature_names[BOILOFF__NFEATURES] = {
#define BOILOFF__FEATURE_NAME(name, doc) #name,
    BOILOFF__MODEL_FEATURES(BOILOFF__FEATURE_NAME)
#undef BOILOFF__FEATURE_NAME
};

double boiloff__model_table_sum(const boiloff__model *m, const float *x)
{
  double z = m->base;
  int t, d;
  for (t = 0; t < m->ntrees; t++) {
    const boiloff__tree_node *tree = m->tree[t];
    int i = 0;
    for (d = 0; d < BOILOFF__TREE_DEPTH; d++)
      i = 2 * i + (x[tree[i].feature] < tree[i].threshold ? 1 : 2);
    z += tree[i].value;
  }
  return z;
}

double boiloff__model_probability(const boiloff__model *m, const float *x)
{
  double z =
      m->compiled_sum ? m->compiled_sum(x) : boiloff__model_table_sum(m, x);
  if (z > 30)
    return 1.0;
  if (z < -30)
    return 0.0;
  return 1.0 / (1.0 + exp(-z));
}

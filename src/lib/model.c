/* model.c - the learned block model (logistic regression). */
#include <config.h>

#include <math.h>

#include "model.h"

const char *const boiloff__feature_names[BOILOFF__NFEATURES] = {
#define BOILOFF__FEATURE_NAME(name, doc) #name,
  BOILOFF__MODEL_FEATURES(BOILOFF__FEATURE_NAME)
#undef BOILOFF__FEATURE_NAME
};

double boiloff__model_probability(const boiloff__model *m, const float *x)
{
  double z = m->intercept;
  int i;
  for (i = 0; i < BOILOFF__NFEATURES; i++)
    z += m->weight[i] * ((x[i] - m->mean[i]) * m->scale[i]);
  if (z > 30)
    return 1.0;
  if (z < -30)
    return 0.0;
  return 1.0 / (1.0 + exp(-z));
}

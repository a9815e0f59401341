/* model_weights.c - placeholder until `make train` writes the real one. */
#include <config.h>

#include "model.h"

const boiloff__model boiloff__default_model = {
  0.0, {0}, {0}, {0}, {{-0.1, -2.4}, {-2.4, -0.1}}, {-0.7, -0.7}};

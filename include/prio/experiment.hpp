// prio experiments: rank comparison, Monte Carlo rank stability, weight
// sensitivity, several raters.
#pragma once

#include "prio/experiment/compare.hpp"
#include "prio/experiment/raters.hpp"
#include "prio/experiment/sensitivity.hpp"
#include "prio/experiment/simulate.hpp"

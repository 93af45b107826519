// prio experiments: rank comparison, Monte Carlo rank stability, weight
// sensitivity, several raters, backtests and calibration on history.
#pragma once

#include "prio/experiment/backtest.hpp"
#include "prio/experiment/calibrate.hpp"
#include "prio/experiment/compare.hpp"
#include "prio/experiment/raters.hpp"
#include "prio/experiment/sensitivity.hpp"
#include "prio/experiment/simulate.hpp"

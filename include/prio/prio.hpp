// prio: dependency-aware backlog prioritization. The umbrella header.
#pragma once

#include "prio/version.hpp"
#include "prio/error.hpp"
#include "prio/backlog.hpp"
#include "prio/scores.hpp"
#include "prio/explain.hpp"
#include "prio/strategy.hpp"
#include "prio/strategies/rice.hpp"
#include "prio/strategies/ice.hpp"
#include "prio/strategies/wsjf.hpp"
#include "prio/strategies/weighted.hpp"
#include "prio/strategies/moscow.hpp"
#include "prio/score.hpp"
#include "prio/validate.hpp"
#include "prio/graph.hpp"
#include "prio/order.hpp"
#include "prio/experiment.hpp"

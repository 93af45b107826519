// A realistic SaaS backlog ranked four ways: RICE, WSJF, weighted KPIs, MoSCoW.
#include <prio/prio.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace {

prio::Backlog make_backlog() {
  prio::Backlog b;
  using M = prio::Moscow;
  struct Row {
    const char* id;
    const char* title;
    double reach, impact, confidence, effort, bv, tc, rr, size, retention, revenue;
    M moscow;
    std::vector<std::string> deps;
  };
  const Row rows[] = {
      {"sso", "Single sign-on (SAML/OIDC)", 1200, 2, 0.8, 4, 13, 8, 8, 8, 6, 9, M::must, {}},
      {"audit-log", "Audit log export", 600, 1, 0.8, 2, 8, 5, 8, 5, 3, 7, M::must, {"sso"}},
      {"scim", "SCIM user provisioning", 400, 2, 0.5, 3, 8, 3, 5, 8, 4, 8, M::should, {"sso"}},
      {"dark-mode", "Dark mode", 5000, 0.5, 1.0, 1, 3, 1, 1, 2, 2, 1, M::could, {}},
      {"csv-import", "CSV import wizard", 3000, 1, 0.8, 2, 5, 3, 2, 3, 5, 3, M::should, {}},
      {"bulk-edit", "Bulk edit of records", 2500, 1, 0.8, 2, 5, 2, 1, 3, 6, 2, M::should, {}},
      {"api-v2", "Public REST API v2", 800, 2, 0.8, 6, 13, 5, 8, 13, 5, 8, M::must, {}},
      {"webhooks", "Outgoing webhooks", 700, 1, 0.8, 2, 8, 3, 3, 5, 4, 5, M::should, {"api-v2"}},
      {"zapier", "Zapier integration", 1500, 1, 0.5, 2, 5, 2, 2, 3, 5, 4, M::could, {"webhooks"}},
      {"mobile-push", "Mobile push notifications", 4000, 0.5, 0.8, 3, 3, 2, 1, 5, 6, 1, M::could, {}},
      {"usage-billing", "Usage-based billing", 900, 3, 0.5, 5, 20, 13, 5, 13, 2, 10, M::must, {"api-v2"}},
      {"invoices", "Invoice PDFs", 900, 1, 1.0, 1, 5, 8, 2, 2, 1, 6, M::must, {"usage-billing"}},
      {"sandbox", "Sandbox environments", 300, 2, 0.5, 4, 5, 2, 5, 8, 3, 5, M::could, {}},
      {"onboarding", "Guided onboarding checklist", 4500, 1, 0.8, 2, 8, 5, 2, 3, 9, 4, M::should, {}},
      {"search", "Full-text search", 3500, 2, 0.8, 5, 8, 3, 3, 8, 8, 3, M::should, {}},
      {"saved-views", "Saved views and filters", 2200, 0.5, 1.0, 1, 3, 1, 1, 2, 5, 1, M::could, {"search"}},
      {"i18n", "German and French UI", 1800, 1, 0.8, 3, 8, 5, 2, 5, 4, 6, M::should, {}},
      {"2fa", "Two-factor authentication", 5000, 1, 1.0, 2, 8, 8, 13, 3, 3, 3, M::must, {}},
      {"rbac", "Custom roles and permissions", 700, 2, 0.8, 5, 13, 5, 8, 8, 5, 8, M::should, {"sso"}},
      {"gantt", "Gantt chart view", 1200, 1, 0.5, 6, 5, 1, 1, 13, 4, 3, M::wont, {}},
      {"ai-summary", "AI summaries of activity", 3000, 0.5, 0.5, 4, 5, 3, 1, 8, 3, 2, M::could, {"search"}},
      {"status-page", "Public status page", 2000, 0.25, 1.0, 1, 2, 1, 5, 1, 1, 1, M::could, {}},
      {"data-residency", "EU data residency", 300, 3, 0.8, 8, 20, 13, 13, 20, 2, 9, M::should, {}},
      {"slack", "Slack notifications", 2800, 1, 0.8, 1, 5, 2, 1, 2, 6, 2, M::should, {"webhooks"}},
  };
  for (const Row& r : rows)
    b.add(prio::Feature{.id = r.id,
                        .title = r.title,
                        .attributes = {{"reach", r.reach}, {"impact", r.impact}, {"confidence", r.confidence},
                                       {"effort", r.effort}, {"business_value", r.bv}, {"time_criticality", r.tc},
                                       {"risk_reduction", r.rr}, {"job_size", r.size}, {"retention", r.retention},
                                       {"revenue", r.revenue}},
                        .moscow = r.moscow,
                        .depends_on = r.deps});
  return b;
}

void print(const prio::Backlog& b, const prio::Scores& s, std::size_t top) {
  std::cout << "\n== " << s.strategy() << " ==\n";
  std::size_t place = 1;
  for (prio::FeatureIndex i : prio::top_k(s, top)) {
    std::printf("%3zu. %-15s %-32s %10.4g  %s\n", place++, b.id(i).c_str(), b.title(i).c_str(), s[i],
                std::string(prio::to_string(b.moscow(i))).c_str());
  }
}

}  // namespace

int main() {
  try {
    const prio::Backlog b = make_backlog();
    for (const auto& d : prio::validate(b)) std::cerr << d.to_string() << '\n';
    print(b, prio::score(b, prio::rice()), 10);
    print(b, prio::score(b, prio::wsjf()), 10);
    // An OKR tree: retain customers (60%), grow revenue (40%), mind the effort.
    const auto criteria = prio::okr_criteria({{"Retention", 0.5, {{"retention", 1, prio::Direction::benefit}}},
                                              {"Revenue", 0.3, {{"revenue", 1, prio::Direction::benefit}}},
                                              {"Delivery", 0.2, {{"effort", 1, prio::Direction::cost}}}});
    print(b, prio::score(b, prio::weighted(criteria, prio::Normalization::min_max)), 10);
    print(b, prio::score(b, prio::moscow(prio::rice())), static_cast<std::size_t>(b.size()));
    const auto report = prio::check_moscow(b, "effort");
    for (const auto& d : report.diagnostics) std::cout << d.to_string() << '\n';
    std::cout << '\n' << prio::explain(b, prio::rice(), b.index_of("sso"), b.index_of("dark-mode")) << '\n';
  } catch (const prio::error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}

// Similar-jobs benchmark (scripts/bench intelligence): 100,000 generated but realistic postings,
// embedded with the core's hashed embedding, searched exactly and with hnswlib. Prints
// `name: value unit` lines only.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "native-host/similar/vector_index.hpp"
#include "shared/embed/hashed_embedding.hpp"

namespace {

using joblens::host::similar::SearchResult;
using joblens::host::similar::VectorIndex;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kPostings = 100'000;
constexpr std::size_t kQueries = 200;
constexpr std::size_t kTopK = 10;

// A fixed generator (splitmix64), so every run and every machine embeds the same postings.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  while (!s.empty()) {
    const std::size_t at = s.find(separator);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  return parts;
}

// A role family: title variants, responsibilities, and the skills its requirements name.
struct Family {
  const char* titles;  // '|'-separated
  const char* duties;  // '|'-separated sentences
  const char* skills;  // ','-separated
};

constexpr Family kFamilies[] = {
    {"Data Engineer|Data Platform Engineer|Big Data Engineer|ETL Developer",
     "Design and run batch and streaming data pipelines|Model warehouse tables for analysts|Orchestrate "
     "ingestion "
     "jobs and monitor failures|Improve data quality checks and lineage|Move legacy ETL to a modern "
     "lakehouse",
     "Python, SQL, Spark, Airflow, dbt, Kafka, Snowflake, BigQuery, Databricks, AWS"},
    {"Data Scientist|Applied Scientist|Decision Scientist",
     "Build statistical models that predict churn and demand|Design and analyse A/B experiments|Turn "
     "business "
     "questions into analyses and clear recommendations|Prototype machine learning features with product "
     "teams",
     "Python, R, SQL, pandas, scikit-learn, statistics, causal inference, Jupyter, experimentation"},
    {"Machine Learning Engineer|MLOps Engineer|ML Platform Engineer",
     "Train, deploy and monitor machine learning models in production|Build feature stores and training "
     "pipelines|Serve models with low latency|Automate model evaluation and retraining",
     "Python, PyTorch, TensorFlow, Kubernetes, MLflow, Docker, feature stores, GPUs, model serving"},
    {"Data Analyst|Business Intelligence Analyst|Reporting Analyst|BI Developer",
     "Build dashboards that track key business metrics|Write SQL queries to answer stakeholder "
     "questions|Define "
     "KPIs with department leads|Automate recurring reports",
     "SQL, Tableau, Power BI, Looker, Excel, Google Analytics, data visualisation, statistics"},
    {"Backend Engineer|Backend Developer|Server-Side Engineer|API Developer",
     "Design and build scalable REST and gRPC APIs|Own services from design to production|Optimise database "
     "queries and caching|Write tests and review code",
     "Java, Kotlin, Go, PostgreSQL, Redis, microservices, REST, gRPC, Spring Boot, distributed systems"},
    {"Frontend Developer|Frontend Engineer|UI Developer|JavaScript Developer",
     "Build responsive web interfaces and reusable components|Improve page performance and "
     "accessibility|Turn "
     "designs into pixel-perfect screens|Test components in the browser",
     "JavaScript, TypeScript, React, Vue.js, Angular, CSS, HTML, Jest, Cypress, Webpack"},
    {"Full Stack Developer|Full-Stack Engineer|Web Developer",
     "Build features end to end, from database to user interface|Design APIs and the screens that use "
     "them|Deploy "
     "and monitor web applications|Work with designers on new product flows",
     "TypeScript, Node.js, React, PostgreSQL, GraphQL, Next.js, Docker, REST APIs"},
    {"iOS Developer|iOS Engineer|Mobile Developer (iOS)",
     "Build and ship features in our iPhone app|Improve app start time and stability|Write unit and UI tests "
     "for "
     "the app|Release through the App Store",
     "Swift, SwiftUI, UIKit, Xcode, Combine, Core Data, XCTest, App Store"},
    {"Android Developer|Android Engineer|Mobile Developer (Android)",
     "Build features in our Android app|Improve app performance and crash rates|Modernise the app with "
     "Jetpack "
     "Compose|Publish releases on Google Play",
     "Kotlin, Java, Jetpack Compose, Android SDK, Coroutines, Gradle, Room, Espresso"},
    {"DevOps Engineer|Platform Engineer|Cloud Engineer|Infrastructure Engineer",
     "Automate infrastructure with code|Run Kubernetes clusters and CI/CD pipelines|Reduce cloud "
     "costs|Improve "
     "deployment speed and reliability",
     "Terraform, Kubernetes, Docker, AWS, Azure, GCP, Ansible, GitHub Actions, Linux, Helm"},
    {"Site Reliability Engineer|SRE|Production Engineer",
     "Define service level objectives and error budgets|Lead incident response and postmortems|Build "
     "observability with metrics, logs and traces|Automate toil away",
     "Prometheus, Grafana, Kubernetes, Linux, Go, Python, on-call, incident management, SLOs"},
    {"Security Engineer|Cloud Security Engineer|Application Security Engineer",
     "Harden cloud accounts and identity policies|Run threat modelling with engineering teams|Review code "
     "for "
     "vulnerabilities|Respond to security incidents",
     "IAM, AWS security, SIEM, OWASP, penetration testing, threat modelling, vulnerability management, ISO "
     "27001"},
    {"Penetration Tester|Ethical Hacker|Offensive Security Consultant",
     "Perform penetration tests of web applications and networks|Write clear findings reports|Run red team "
     "exercises|Advise clients on remediation",
     "Burp Suite, Metasploit, Kali Linux, OSCP, web application security, network security, exploitation"},
    {"SOC Analyst|Security Operations Analyst|Cyber Security Analyst",
     "Monitor security alerts and triage incidents|Investigate suspicious activity in logs|Tune detection "
     "rules|"
     "Escalate and document incidents",
     "SIEM, Splunk, EDR, incident response, threat intelligence, network monitoring, log analysis"},
    {"QA Engineer|Test Automation Engineer|Software Tester|QA Analyst",
     "Write automated end-to-end and API tests|Plan test strategies for new features|Find, report and track "
     "defects|Keep the regression suite fast and reliable",
     "Selenium, Cypress, Playwright, Java, Python, test automation, API testing, JIRA, regression testing"},
    {"Embedded Software Engineer|Firmware Engineer|Embedded Developer",
     "Develop firmware for microcontrollers|Write device drivers and bring up new boards|Debug hardware with "
     "oscilloscopes|Optimise code for memory and power",
     "C, C++, RTOS, ARM Cortex-M, embedded Linux, SPI, I2C, CAN bus, microcontrollers"},
    {"Game Developer|Gameplay Programmer|Unity Developer",
     "Implement gameplay systems and mechanics|Optimise frame rate on consoles and mobile|Work with "
     "designers "
     "and artists on new levels|Fix bugs found in playtests",
     "C#, Unity, C++, Unreal Engine, game physics, shaders, multiplayer networking"},
    {"Product Designer|UX/UI Designer|UX Designer|Interaction Designer",
     "Design user flows, wireframes and prototypes|Run usability tests with users|Shape the design system|"
     "Work with product managers and engineers on new features",
     "Figma, Sketch, prototyping, user research, usability testing, design systems, interaction design"},
    {"UX Researcher|User Researcher|Design Researcher",
     "Plan and run interviews and usability studies|Synthesise findings into insights|Share research with "
     "product teams|Build a research repository",
     "qualitative research, surveys, usability testing, interviews, personas, journey mapping, Dovetail"},
    {"Product Manager|Product Owner|Technical Product Manager",
     "Own the product roadmap and prioritise the backlog|Write user stories with clear acceptance "
     "criteria|Talk "
     "to customers to find problems worth solving|Measure outcomes of releases",
     "product roadmap, agile, Scrum, user stories, JIRA, stakeholder management, product analytics, OKRs"},
    {"Project Manager|Program Manager|Delivery Manager",
     "Plan projects, timelines and budgets|Coordinate teams and stakeholders|Track risks and "
     "dependencies|Report "
     "progress to steering committees",
     "project management, PMP, PRINCE2, MS Project, risk management, budgeting, stakeholder communication"},
    {"Digital Marketing Manager|Performance Marketing Manager|Online Marketing Manager",
     "Plan and run paid campaigns across search and social|Manage the marketing budget and return on ad "
     "spend|"
     "Optimise conversion funnels|Report on campaign performance",
     "Google Ads, Meta Ads, SEO, SEM, Google Analytics, marketing automation, A/B testing, HubSpot"},
    {"Content Marketing Specialist|Content Writer|Copywriter|Content Manager",
     "Write blog posts, case studies and newsletters|Plan the editorial calendar|Optimise content for search|"
     "Interview customers for stories",
     "copywriting, SEO, content strategy, WordPress, editing, storytelling, social media"},
    {"Social Media Manager|Community Manager",
     "Run our social media channels|Create posts, videos and campaigns|Engage with the community|Report on "
     "reach "
     "and engagement",
     "Instagram, TikTok, LinkedIn, community management, content creation, Canva, social media analytics"},
    {"Account Executive|Sales Executive|Enterprise Account Executive",
     "Own the full sales cycle from prospecting to close|Run product demos for decision makers|Negotiate "
     "contracts|Forecast your pipeline accurately",
     "B2B sales, SaaS, Salesforce, negotiation, pipeline management, MEDDIC, quota attainment"},
    {"Sales Development Representative|Business Development Representative|Inside Sales Representative",
     "Prospect new accounts by phone and email|Qualify inbound leads|Book meetings for account "
     "executives|Keep "
     "the CRM up to date",
     "cold calling, outbound prospecting, HubSpot, Salesforce, lead qualification, sales tools"},
    {"Customer Success Manager|Account Manager|Client Success Manager",
     "Onboard new customers and drive adoption|Run quarterly business reviews|Reduce churn and find upsell "
     "opportunities|Be the customer's voice internally",
     "customer success, onboarding, renewals, Gainsight, CRM, account management, churn reduction"},
    {"Customer Support Specialist|Customer Service Representative|Support Agent",
     "Answer customer questions by chat, email and phone|Solve billing and account issues|Escalate bugs to "
     "the "
     "product team|Write help centre articles",
     "Zendesk, Intercom, customer service, troubleshooting, ticketing, empathy, multilingual support"},
    {"Financial Analyst|FP&A Analyst|Finance Business Partner",
     "Build budgets, forecasts and financial models|Analyse variances against plan|Prepare monthly "
     "management "
     "reports|Support investment decisions",
     "financial modelling, Excel, FP&A, forecasting, budgeting, SAP, variance analysis, PowerPoint"},
    {"Accountant|Staff Accountant|General Ledger Accountant|Senior Accountant",
     "Prepare journal entries and reconciliations|Support the month-end close|Prepare financial "
     "statements|Work "
     "with external auditors",
     "GAAP, IFRS, general ledger, reconciliations, SAP, DATEV, Excel, month-end close, VAT"},
    {"Accounts Payable Specialist|Accounts Receivable Clerk|Billing Specialist",
     "Process supplier invoices and payment runs|Match purchase orders and invoices|Chase overdue payments|"
     "Reconcile vendor statements",
     "accounts payable, invoicing, SAP, purchase orders, payment runs, Excel, three-way match"},
    {"Technical Recruiter|Recruiter|Talent Acquisition Specialist|Talent Sourcer",
     "Source and screen candidates|Coordinate interviews with hiring managers|Manage offers and negotiation|"
     "Improve the candidate experience",
     "sourcing, LinkedIn Recruiter, Greenhouse, applicant tracking systems, interviewing, employer branding"},
    {"HR Business Partner|People Partner|HR Generalist|HR Manager",
     "Advise managers on people matters|Run performance reviews and compensation cycles|Handle employee "
     "relations cases|Support organisational change",
     "employee relations, labour law, performance management, compensation, HRIS, Workday, coaching"},
    {"Registered Nurse|Staff Nurse|ICU Nurse|Emergency Room Nurse",
     "Provide direct patient care|Administer medications and monitor vital signs|Document care in the "
     "electronic health record|Educate patients and families",
     "RN license, BLS, ACLS, patient assessment, medication administration, wound care, IV therapy"},
    {"Clinical Research Coordinator|Clinical Research Associate|Clinical Trial Manager",
     "Coordinate clinical trials at study sites|Recruit and consent participants|Collect and verify study "
     "data|"
     "Ensure compliance with GCP and protocols",
     "GCP, clinical trials, informed consent, EDC, protocol compliance, regulatory documents, monitoring"},
    {"Medical Coder|Medical Billing Specialist|Health Information Technician",
     "Assign diagnosis and procedure codes to patient records|Review documentation for accuracy|Submit "
     "claims "
     "to insurers|Resolve denied claims",
     "ICD-10, CPT, HCPCS, medical billing, claims, coding compliance, EHR, CPC certification"},
    {"Supply Chain Manager|Logistics Manager|Procurement Manager|Supply Chain Planner",
     "Plan supply and demand across sites|Negotiate with suppliers and carriers|Reduce inventory and "
     "transport costs|Improve on-time delivery",
     "supply chain planning, procurement, SAP, ERP, inventory management, logistics, S&OP, negotiation"},
    {"Warehouse Associate|Forklift Operator|Order Picker|Warehouse Worker",
     "Pick, pack and ship customer orders|Load and unload trucks|Count and store inventory|Keep the "
     "warehouse "
     "clean and safe",
     "forklift licence, RF scanner, warehouse management system, pallet jack, inventory, shipping and "
     "receiving"},
    {"Electrician|Industrial Electrician|Maintenance Electrician",
     "Install and maintain electrical systems|Troubleshoot faults in machines and panels|Read wiring "
     "diagrams|"
     "Follow electrical safety regulations",
     "electrical installation, PLC, troubleshooting, wiring diagrams, low voltage, safety regulations"},
    {"Executive Assistant|Office Manager|Administrative Assistant|Personal Assistant",
     "Manage calendars, travel and meetings for executives|Prepare documents and presentations|Run the "
     "office "
     "and vendors|Organise company events",
     "calendar management, Microsoft Office, travel planning, organisation, discretion, Google Workspace"},
};
constexpr std::size_t kFamilyCount = sizeof(kFamilies) / sizeof(kFamilies[0]);

constexpr const char* kSeniority[] = {"",        "",      "",           "Junior ", "Senior ",
                                      "Senior ", "Lead ", "Principal ", "Staff "};
constexpr const char* kCompanies[] = {
    "Lumen Analytics helps families manage their money with clarity.",
    "Northwind Logistics moves goods for retailers across Europe.",
    "Contoso Health runs clinics and hospitals in three countries.",
    "Fabrikam builds software for manufacturers and their suppliers.",
    "Tailspin Games makes mobile and console games played by millions.",
    "Adatum Bank is a digital bank with two million customers.",
    "Blue Yonder Travel sells holidays and flights online.",
    "Wingtip Energy builds solar and wind farms.",
    "Proseware is a fast-growing SaaS company for small businesses.",
    "Litware Retail runs stores and an online shop for home goods.",
    "Fourth Coffee roasts and sells coffee in 40 cafes.",
    "Woodgrove Insurance protects homes and cars for families.",
};
constexpr const char* kBenefits[] = {
    "We offer a competitive salary and an annual bonus.",
    "You get 30 days of holiday and flexible working hours.",
    "Private health insurance and a pension plan are included.",
    "A yearly learning budget for courses and conferences.",
    "Hybrid work with two days in the office.",
    "Meal vouchers, a gym membership and free coffee.",
    "Relocation support and help with visas.",
    "Parental leave beyond the legal minimum.",
    "A public transport ticket and a bike leasing scheme.",
    "Stock options so you share in our success.",
    "We are an equal opportunity employer and welcome everyone.",
    "Regular team events and a friendly culture.",
};
constexpr const char* kRequirementTemplates[] = {
    "{years} years of experience with {a} and {b}.",
    "Hands-on experience with {a} in production.",
    "Solid knowledge of {a}, {b} and {c}.",
    "You are comfortable with {a} and curious about {b}.",
    "Practical skills in {a}.",
};
constexpr const char* kSectionTitles[] = {
    "Your tasks:", "What you will do:", "Responsibilities:", "The role:"};

std::string fill(std::string_view pattern, Rng& rng, const std::vector<std::string_view>& skills) {
  std::string out;
  std::vector<std::size_t> used;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    const std::string_view key = pattern.substr(i + 1, close - i - 1);
    if (key == "years") {
      out += std::to_string(1 + rng.below(8));
    } else {
      std::size_t pick = rng.below(skills.size());
      for (int tries = 0; tries < 4 && std::find(used.begin(), used.end(), pick) != used.end(); ++tries) {
        pick = rng.below(skills.size());
      }
      used.push_back(pick);
      out.append(skills[pick]);
    }
    i = close;
  }
  return out;
}

struct Generated {
  std::string title;
  std::string description;
};

Generated generate(Rng& rng) {
  const std::size_t family_index = rng.below(kFamilyCount);
  const Family& family = kFamilies[family_index];
  const auto titles = split(family.titles, '|');
  auto duties = split(family.duties, '|');
  const auto skills = split(family.skills, ',');

  Generated g;
  g.title = kSeniority[rng.below(std::size(kSeniority))];
  g.title.append(titles[rng.below(titles.size())]);
  if (rng.chance(30)) g.title += " (" + std::string(skills[rng.below(skills.size())]) + ")";

  std::string& d = g.description;
  d += kCompanies[rng.below(std::size(kCompanies))];
  d += " We are looking for a ";
  d += g.title;
  d += " to join our team.\n\n";
  d += kSectionTitles[rng.below(std::size(kSectionTitles))];
  d += '\n';
  // Duties in a random order, some left out; now and then one of a neighbouring role, as real
  // postings blur the lines between roles.
  for (std::size_t i = duties.size(); i > 1; --i) std::swap(duties[i - 1], duties[rng.below(i)]);
  const std::size_t duty_count = 2 + rng.below(duties.size() - 1);
  for (std::size_t i = 0; i < duty_count; ++i) d += "- " + std::string(duties[i]) + "\n";
  if (rng.chance(15)) {
    const auto other = split(kFamilies[(family_index + 1) % kFamilyCount].duties, '|');
    d += "- " + std::string(other[rng.below(other.size())]) + "\n";
  }
  d += "\nRequirements:\n";
  const std::size_t requirement_count = 2 + rng.below(3);
  for (std::size_t i = 0; i < requirement_count; ++i) {
    d += "- " + fill(kRequirementTemplates[rng.below(std::size(kRequirementTemplates))], rng, skills) + "\n";
  }
  if (rng.chance(50)) d += "- Nice to have: " + fill("{a} or {b}.", rng, skills) + "\n";
  d += "\nWhat we offer:\n";
  const std::size_t benefit_count = 2 + rng.below(4);
  for (std::size_t i = 0; i < benefit_count; ++i)
    d += "- " + std::string(kBenefits[rng.below(std::size(kBenefits))]) + "\n";
  d += "\nSend us your CV; we reply to every application.";
  return g;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main() {
  Rng rng(20261123);
  VectorIndex index("joblens-hash-v1", joblens::embed::kHashedDim);
  VectorIndex small_index("joblens-hash-v1", joblens::embed::kHashedDim);  // the size of the threshold
  double embed_ms = 0;
  for (std::size_t i = 0; i < kPostings; ++i) {
    const Generated posting = generate(rng);
    const auto start = Clock::now();
    const std::vector<float> vector = joblens::embed::embed_posting(posting.title, posting.description);
    embed_ms += ms_since(start);
    const std::string id = "job-" + std::to_string(i);
    index.upsert(id, vector.data());
    if (i < VectorIndex::kAnnThreshold) small_index.upsert(id, vector.data());
  }
  std::printf("similar.embed_us: %.1f us\n", embed_ms * 1000.0 / static_cast<double>(kPostings));

  // Queries are stored postings (what jobs.similar asks), spread over the index.
  std::vector<std::string> queries;
  for (std::size_t q = 0; q < kQueries; ++q) queries.push_back("job-" + std::to_string(rng.below(kPostings)));

  std::vector<double> exact_times, small_times;
  std::vector<SearchResult> exact_results;
  for (const std::string& id : queries) {
    auto start = Clock::now();
    exact_results.push_back(index.search_exact(index.vector_of(id), kTopK, id));
    exact_times.push_back(ms_since(start));
    const std::string small_id = "job-" + std::to_string(rng.below(VectorIndex::kAnnThreshold));
    start = Clock::now();
    (void)small_index.search_exact(small_index.vector_of(small_id), kTopK, small_id);
    small_times.push_back(ms_since(start));
  }

  const auto build_start = Clock::now();
  if (!index.build_ann_if_due(0, 2)) {
    std::fprintf(stderr, "similar_bench: building the hnswlib index failed\n");
    return 1;
  }
  const double build_s = ms_since(build_start) / 1000.0;

  std::vector<double> ann_times;
  double recall_sum = 0;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto start = Clock::now();
    const SearchResult ann = index.search_ann(index.vector_of(queries[q]), kTopK, queries[q]);
    ann_times.push_back(ms_since(start));
    std::unordered_set<std::string> truth;
    for (const auto& n : exact_results[q].neighbours) truth.insert(n.job_id);
    std::size_t hits = 0;
    for (const auto& n : ann.neighbours) hits += truth.count(n.job_id);
    recall_sum += static_cast<double>(hits) / static_cast<double>(truth.size());
  }

  std::printf("similar.exact_ms: %.3f ms\n", median(exact_times));
  std::printf("similar.exact_20k_ms: %.3f ms\n", median(small_times));
  std::printf("similar.ann_ms: %.3f ms\n", median(ann_times));
  std::printf("similar.recall10: %.3f ratio\n", recall_sum / static_cast<double>(queries.size()));
  std::printf("similar.build_s: %.1f s\n", build_s);
  return 0;
}

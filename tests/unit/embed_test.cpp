// The core's hashed embedding (shared/embed/hashed_embedding.hpp): unit length, determinism, and the
// property similar jobs rely on: postings of the same role are nearer to each other than to others.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "shared/embed/hashed_embedding.hpp"

namespace {

using joblens::embed::dot;
using joblens::embed::embed_posting;
using joblens::embed::kHashedDim;

struct Posting {
  int role;
  const char* title;
  const char* description;
};

// Company and benefit paragraphs shared across roles, as real postings carry them: the embedding must
// look past them to the role.
constexpr const char* kBoilerplate[] = {
    "About us: We are a fast-growing company with offices in Berlin, Lisbon and Madrid. We offer a "
    "competitive salary, 30 days of holiday, a learning budget and flexible working hours.",
    "Northwind Group has served customers for more than forty years. Our benefits include private "
    "health insurance, a pension plan, free parking and an employee discount programme.",
    "Join a friendly, diverse team that values ownership and kindness. We are an equal opportunity "
    "employer and welcome applications from everyone. Hybrid work, two days in the office.",
    "Why you will love it here: annual bonus, gym membership, meal vouchers, and a great culture. "
    "Send us your CV; we reply to every application within two weeks.",
    "Contoso is a family-owned business in the heart of the city. Permanent contract, full-time, "
    "paid overtime, relocation support and regular team events.",
};

constexpr Posting kPostings[] = {
    // 0: data engineering
    {0, "Senior Data Engineer",
     "You will design and run batch and streaming data pipelines in Python and SQL, build our data "
     "warehouse on Snowflake, orchestrate jobs with Airflow and model tables with dbt."},
    {0, "Data Engineer (Spark / Kafka)",
     "Build scalable ETL pipelines with Apache Spark and Kafka, maintain the data lake on AWS S3, and "
     "make data trustworthy for analysts. Strong SQL and Python required."},
    {0, "Data Platform Engineer",
     "Own ingestion pipelines and the lakehouse: Databricks, Delta tables, Airflow DAGs. You care about "
     "data quality, schema evolution and monitoring of pipeline failures."},
    {0, "Big Data Engineer",
     "Develop distributed data processing jobs in Spark and Scala, tune Hadoop and Hive queries, and "
     "move our warehouse pipelines to BigQuery and dbt models."},
    {0, "Data Engineer",
     "Design data models, write ELT pipelines in SQL and Python, schedule them with Airflow and keep "
     "the Snowflake warehouse fast and well documented for the analytics team."},
    // 1: frontend development
    {1, "Frontend Developer (React)",
     "Build responsive web interfaces in React and TypeScript, write reusable components, care about "
     "accessibility and performance in the browser, and test with Jest and Cypress."},
    {1, "Senior Frontend Engineer",
     "Own our single-page application in TypeScript and React, state management with Redux, CSS "
     "architecture and design system components; review pull requests from other frontend developers."},
    {1, "JavaScript Developer - Frontend",
     "Develop user interfaces with Vue.js and JavaScript, HTML5 and CSS3, integrate REST APIs, and "
     "improve page load performance and web accessibility."},
    {1, "UI Developer (Angular)",
     "Implement web front ends in Angular and TypeScript with RxJS, turn Figma designs into pixel-perfect "
     "responsive components, and write unit tests for the browser."},
    {1, "Front-End Web Developer",
     "Create fast, accessible websites and web apps with React, Next.js and Tailwind CSS, work closely "
     "with designers and keep our frontend component library tidy."},
    // 2: nursing
    {2, "Registered Nurse, ICU",
     "Provide direct patient care in the intensive care unit, monitor vital signs, administer "
     "medications and work with physicians on care plans. Active RN license and BLS required."},
    {2, "Staff Nurse - Medical Surgical",
     "Deliver safe nursing care to adult patients on a medical-surgical ward, assess patients, give "
     "medication, document in the electronic health record and educate families."},
    {2, "Registered Nurse (Emergency Department)",
     "Triage and treat patients in a busy emergency department, start IVs, administer medications and "
     "coordinate with doctors. RN licence, ACLS and trauma experience."},
    {2, "Pediatric Nurse",
     "Care for children and their families on the paediatric ward: patient assessment, medication "
     "administration, wound care and discharge teaching. Registered nurse licence required."},
    {2, "Night Shift RN - Oncology",
     "Provide compassionate nursing care to oncology patients on night shifts, administer chemotherapy "
     "under protocol, monitor symptoms and chart care in the patient record."},
    // 3: accounting
    {3, "Staff Accountant",
     "Prepare journal entries, reconcile bank and balance sheet accounts, support the month-end close "
     "and help with audits. Knowledge of GAAP and Excel; CPA track preferred."},
    {3, "Senior Accountant",
     "Lead the monthly close, prepare financial statements, reconcile general ledger accounts, manage "
     "accruals and work with external auditors. IFRS and SAP experience."},
    {3, "Accounts Payable Accountant",
     "Process supplier invoices, run payment runs, reconcile vendor accounts and the general ledger, "
     "and support the month-end close with accruals."},
    {3, "General Ledger Accountant",
     "Own general ledger reconciliations, fixed asset accounting, intercompany entries and VAT returns; "
     "prepare schedules for the annual audit and the financial statements."},
    {3, "Accountant (Bookkeeping and Tax)",
     "Keep the books for our entities, post journal entries, prepare VAT and tax filings, reconcile "
     "bank accounts and help prepare year-end financial statements."},
    // 4: sales
    {4, "Account Executive, SaaS",
     "Own the full sales cycle from prospecting to closing, run product demos, negotiate contracts and "
     "exceed your quarterly quota. Salesforce CRM experience and B2B software sales."},
    {4, "Enterprise Account Executive",
     "Close new enterprise customers, build pipeline with outbound prospecting, manage complex deals "
     "with multiple stakeholders and forecast accurately in Salesforce."},
    {4, "Sales Representative",
     "Generate leads, call prospects, present our products to new customers and close deals to meet "
     "monthly sales targets. Commission plan uncapped."},
    {4, "Business Development Manager",
     "Find and win new business: prospect accounts, qualify leads, negotiate and close partnership "
     "deals, and grow revenue in the DACH region against a sales quota."},
    {4, "Inside Sales Executive",
     "Run discovery calls and demos with inbound leads, manage your pipeline in HubSpot CRM, negotiate "
     "pricing and close deals; you will be measured on quota attainment."},
    // 5: product design
    {5, "Senior Product Designer",
     "Lead end-to-end product design from research to high-fidelity prototypes in Figma, run usability "
     "tests, and shape our design system with engineers and product managers."},
    {5, "UX/UI Designer",
     "Design intuitive user interfaces and user flows, create wireframes and interactive prototypes in "
     "Figma, and validate designs with user research and usability testing."},
    {5, "Product Designer (Mobile)",
     "Design mobile app experiences for iOS and Android: user journeys, wireframes, visual design and "
     "prototypes, in close collaboration with user researchers."},
    {5, "Interaction Designer",
     "Shape interaction patterns, prototypes and micro-interactions in Figma, contribute to the design "
     "system, and test concepts with users in usability sessions."},
    {5, "UX Designer",
     "Map user journeys, sketch wireframes, build clickable prototypes and run usability testing to "
     "improve the user experience of our web product; Figma and Sketch."},
    // 6: warehouse
    {6, "Warehouse Associate",
     "Pick, pack and ship customer orders, load and unload trucks, scan inventory and keep the "
     "warehouse clean and safe. Able to lift 50 lbs; forklift certification a plus."},
    {6, "Forklift Operator",
     "Operate forklifts and pallet jacks to move stock in the warehouse, load trucks, put away "
     "incoming pallets and count inventory. Valid forklift licence."},
    {6, "Order Picker - Distribution Center",
     "Pick orders with an RF scanner, pack parcels for shipping, replenish stock locations and follow "
     "warehouse safety rules in our distribution center."},
    {6, "Logistics Warehouse Worker",
     "Receive deliveries, check goods against delivery notes, store pallets, pick and pack orders and "
     "prepare shipments; warehouse or logistics background helpful."},
    {6, "Shipping and Receiving Clerk",
     "Receive inbound shipments, check and label goods, prepare outbound parcels and pallets, keep "
     "inventory records in the warehouse management system."},
    // 7: recruiting
    {7, "Technical Recruiter",
     "Source and hire software engineers: write job descriptions, search LinkedIn, screen candidates, "
     "coordinate interviews with hiring managers and close offers."},
    {7, "Talent Acquisition Specialist",
     "Manage full-cycle recruiting for several teams: sourcing, screening calls, interview scheduling "
     "and offer negotiation, tracked in Greenhouse ATS."},
    {7, "Recruiter (Sales Hiring)",
     "Fill sales and customer success vacancies: source candidates, run phone screens, partner with "
     "hiring managers and manage our applicant tracking system."},
    {7, "Senior Recruiter",
     "Own hiring plans with department heads, build talent pipelines through sourcing and referrals, "
     "interview candidates and improve our recruiting process and employer brand."},
    {7, "Talent Sourcer",
     "Find passive candidates on LinkedIn and GitHub, write outreach messages, screen profiles and hand "
     "qualified candidates to recruiters and hiring managers."},
};

constexpr std::size_t kCount = sizeof(kPostings) / sizeof(kPostings[0]);

std::vector<std::vector<float>> embed_all() {
  std::vector<std::vector<float>> vectors;
  for (std::size_t i = 0; i < kCount; ++i) {
    // Boilerplate rotates independently of the role, so it is shared across roles.
    const std::string description =
        std::string(kPostings[i].description) + "\n\n" + kBoilerplate[(i * 3) % 5];
    vectors.push_back(embed_posting(kPostings[i].title, description));
  }
  return vectors;
}

}  // namespace

TEST_CASE("embed: vectors have the model's dimension and unit length") {
  const auto v = embed_posting("Data Engineer", "Build pipelines in Python and SQL.");
  REQUIRE(v.size() == kHashedDim);
  CHECK(std::abs(dot(v.data(), v.data(), kHashedDim) - 1.0F) < 1e-5F);
  // An empty posting, or one of generic words only, has no features: zeros, not NaN.
  for (const auto& empty :
       {embed_posting("", ""), embed_posting("Senior", "We offer a great team and experience.")}) {
    REQUIRE(empty.size() == kHashedDim);
    CHECK(std::all_of(empty.begin(), empty.end(), [](float x) { return x == 0.0F; }));
  }
}

TEST_CASE("embed: deterministic, and the title gets its own share") {
  const auto a = embed_posting("Registered Nurse", "Patient care on the ICU ward.");
  const auto b = embed_posting("Registered Nurse", "Patient care on the ICU ward.");
  CHECK(a == b);
  // The title holds about half the vector whatever the description's length: neither ignored nor all.
  const auto title_only = embed_posting("Registered Nurse", "");
  const auto description_only = embed_posting("", "Patient care on the ICU ward.");
  const float title_part = dot(a.data(), title_only.data(), kHashedDim);
  const float description_part = dot(a.data(), description_only.data(), kHashedDim);
  CHECK(title_part > 0.6F);
  CHECK(title_part < 0.8F);
  CHECK(description_part > 0.6F);
  CHECK(description_part < 0.8F);
  // embed_text splits the stored layout "title\ndescription".
  CHECK(joblens::embed::embed_text("Registered Nurse\nPatient care on the ICU ward.") == a);
}

TEST_CASE("embed: inflections and case meet, generic words do not count") {
  const auto a = embed_posting("Software Developer", "");
  const auto b = embed_posting("software developers", "");
  const auto c = embed_posting("Warehouse Associate", "");
  CHECK(dot(a.data(), b.data(), kHashedDim) > 0.5F);
  CHECK(dot(a.data(), c.data(), kHashedDim) < 0.2F);
  CHECK(joblens::embed::is_generic_word("experience"));
  CHECK(joblens::embed::is_generic_word("und"));
  CHECK_FALSE(joblens::embed::is_generic_word("python"));
  // Generic words change nothing: they are not features.
  CHECK(embed_posting("Data Engineer", "") == embed_posting("Senior Data Engineer", ""));
}

TEST_CASE("embed: ill-formed UTF-8 is embedded, not rejected") {
  const std::string broken = "Entwickler \xC3\x28 Java \xFF";
  const auto v = embed_posting(broken, broken);
  REQUIRE(v.size() == kHashedDim);
  CHECK(std::abs(dot(v.data(), v.data(), kHashedDim) - 1.0F) < 1e-5F);
}

TEST_CASE("embed: postings of the same role rank above other roles") {
  // Each role has 5 postings, so 4 others of the same role; the boilerplate never matches within a role
  // and always matches 7 postings of other roles, which is harder than most real lists.
  const auto vectors = embed_all();
  constexpr std::size_t kTop = 4;
  std::size_t same_in_top = 0, nearest_same = 0;
  double margin_sum = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    std::vector<std::pair<float, std::size_t>> ranked;
    double same_sum = 0, other_sum = 0;
    for (std::size_t j = 0; j < kCount; ++j) {
      if (j == i) continue;
      const float s = dot(vectors[i].data(), vectors[j].data(), kHashedDim);
      ranked.emplace_back(s, j);
      (kPostings[i].role == kPostings[j].role ? same_sum : other_sum) += s;
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    std::size_t same = 0;
    for (std::size_t r = 0; r < kTop; ++r)
      same += kPostings[ranked[r].second].role == kPostings[i].role ? 1 : 0;
    nearest_same += kPostings[ranked[0].second].role == kPostings[i].role ? 1 : 0;
    same_in_top += same;
    const double margin = same_sum / 4.0 - other_sum / static_cast<double>(kCount - 5);
    margin_sum += margin;
    INFO("posting " << i << ": " << std::string(kPostings[i].title)
                    << ", nearest: " << std::string(kPostings[ranked[0].second].title) << " "
                    << ranked[0].first << ", margin " << margin);
    // Every posting is on average nearer its own role than the others (the weakest, "Order Picker",
    // by 0.02; the mean margin is checked below).
    CHECK(margin > 0.0);
    CHECK(same >= 1);
  }
  const double precision = static_cast<double>(same_in_top) / static_cast<double>(kCount * kTop);
  const double nearest = static_cast<double>(nearest_same) / static_cast<double>(kCount);
  const double margin = margin_sum / static_cast<double>(kCount);
  MESSAGE("precision@4 " << precision << ", nearest of the same role " << nearest
                         << ", mean same-role minus other-role cosine " << margin);
  CHECK(precision >= 0.8);
  CHECK(nearest >= 0.9);
  CHECK(margin >= 0.25);
}

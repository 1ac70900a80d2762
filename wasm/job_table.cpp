// jl_score_job_table: a burst of postings handed over as a table of fields instead of JSON.
//
// Through JSON, 25 postings cost JavaScript a JSON.stringify of 39 KB and the module a parse of it
// into a document before a single job could be read: about a fifth of the burst's time
// (docs/benchmarks.md). Here the loader writes each field's text with TextEncoder.encodeInto straight
// into the module's memory, and one table says where each one is; the jobs are then checked by the
// same rules as JSON jobs (model::job_from_fields).
//
// The table, in one buffer of `size` bytes, little-endian 32-bit words:
//   word 0                    the number of jobs, N
//   then 28 words per job     1 if the job is an object (else it is an error), then for each of the 9
//                             fields in model::JobField order: its kind (model::FieldKind: 0 absent,
//                             1 string, 2 integer as decimal text, 3 other), the byte offset of its
//                             text from the start of the buffer, and its length in bytes (read only
//                             for the kinds with a text)
//   then the texts            UTF-8
// Offsets and lengths are checked against `size`: a malformed table is an error reply, never a read
// outside the buffer.
#include <cstdint>
#include <cstring>

#include "shared/model/job_fields.hpp"
#include "wasm/api_support.hpp"

namespace {

using joblens::model::FieldKind;
using joblens::model::FieldValue;
using joblens::model::JobFields;
using joblens::model::kJobFieldCount;

constexpr std::size_t kWordsPerJob = 1 + 3 * kJobFieldCount;

class JobTable {
 public:
  JobTable(const unsigned char* data, std::size_t size) : data_(data), size_(size) {}

  // The number of jobs, or nullopt when the header does not fit the buffer.
  std::optional<std::size_t> count() const {
    if (!data_ || size_ < 4) return std::nullopt;
    const std::size_t n = word(0);
    if (n > (size_ / 4 - 1) / kWordsPerJob) return std::nullopt;
    return n;
  }

  joblens::Result<joblens::model::Job> job(std::size_t index, joblens::model::JobShape shape) const {
    const std::size_t at = 1 + index * kWordsPerJob;
    if (word(at) != 1) return joblens::model::job_not_an_object();
    JobFields fields;
    for (std::size_t f = 0; f < kJobFieldCount; ++f) {
      const std::uint32_t kind = word(at + 1 + 3 * f);
      if (kind > static_cast<std::uint32_t>(FieldKind::other))
        return joblens::make_error(joblens::ErrorCode::invalid_value,
                                   "the job table has an unknown field kind");
      fields[f].kind = static_cast<FieldKind>(kind);
      if (fields[f].kind != FieldKind::string && fields[f].kind != FieldKind::integer) continue;  // no text
      const std::size_t offset = word(at + 2 + 3 * f), length = word(at + 3 + 3 * f);
      if (offset > size_ || length > size_ - offset)
        return joblens::make_error(joblens::ErrorCode::invalid_value,
                                   "the job table points outside its buffer");
      fields[f].text = std::string_view(reinterpret_cast<const char*>(data_) + offset, length);
    }
    return joblens::model::job_from_fields(fields, shape);
  }

 private:
  std::uint32_t word(std::size_t index) const {
    std::uint32_t w;
    std::memcpy(&w, data_ + 4 * index, 4);  // WebAssembly is little-endian, as the table
    return w;
  }

  const unsigned char* data_;
  std::size_t size_;
};

}  // namespace

extern "C" {

// Scores the jobs of a field table (above) as postings (shape 0) or cards (shape 1); returns
// {"results": [ScoreResult or {"error"}...]} in order, like jl_score_jobs and jl_score_cards.
char* jl_score_job_table(const unsigned char* table, std::uint32_t size, double now_ms, int shape) {
  return joblens::wasm::guarded([&] {
    const JobTable jobs(table, size);
    const auto count = jobs.count();
    if (!count)
      return joblens::wasm::error_reply(
          joblens::make_error(joblens::ErrorCode::invalid_value, "the job table is shorter than its header"));
    const auto job_shape = shape == 1 ? joblens::model::JobShape::card : joblens::model::JobShape::posting;
    return joblens::wasm::score_each(
        *count, [&](std::size_t i) { return jobs.job(i, job_shape); }, now_ms);
  });
}

}  // extern "C"

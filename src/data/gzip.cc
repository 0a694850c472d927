#include <zlib.h>

#include <fmt/core.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/data/dataset.h"

namespace tinyperf::data {
namespace {

bool is_gzip(const std::string& bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// Inflates a whole gzip stream held in memory, refusing output above kMaxDataBytes.
std::string gunzip(const std::string& compressed, const std::string& path) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK)
    throw InputError(fmt::format("{}: cannot start gzip decoding", path));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  int rc = Z_OK;
  char chunk[1 << 16];
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > kMaxDataBytes) rc = Z_MEM_ERROR;
  }
  inflateEnd(&zs);
  if (rc == Z_MEM_ERROR) {
    throw InputError(
        fmt::format("{}: decompresses to more than the {} MiB limit", path, kMaxDataBytes >> 20));
  }
  if (rc != Z_STREAM_END) {
    throw InputError(
        fmt::format("{}: truncated or corrupt gzip data ({})", path,
                    rc == Z_BUF_ERROR ? "unexpected end of stream" : (zs.msg ? zs.msg : "error")));
  }
  return out;
}

}  // namespace

std::string read_maybe_gzip(const std::string& path) {
  std::string bytes = read_text_file(path, kMaxDataBytes);
  return is_gzip(bytes) ? gunzip(bytes, path) : bytes;
}

}  // namespace tinyperf::data
